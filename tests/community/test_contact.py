from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from community.models import AbuseReport, Block, ContactRequest

pytestmark = pytest.mark.django_db


def send(client, username, subject="Colaboración en café", message="Hola, ¿conversamos?"):
    return client.post(
        reverse("community:contact_member", args=[username]),
        {"subject": subject, "message": message},
        follow=True,
    )


def test_contact_flow_send_inbox_reply_reveals_addresses(client, member, other_member):
    client.force_login(member)
    response = send(client, other_member.username)
    assert "Your message has been sent" in response.content.decode()
    request = ContactRequest.objects.get()
    assert (request.sender, request.recipient, request.status) == (member, other_member, "new")

    # Emailed to the recipient, without the sender's address.
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [other_member.email]
    assert "Colaboración en café" in email.subject
    assert member.email not in email.body and member.email not in str(email.reply_to)
    assert reverse("community:contact_detail", args=[request.pk]) in email.body

    # The sender's view shows no address yet.
    html = client.get(reverse("community:contact_detail", args=[request.pk])).content.decode()
    assert other_member.email not in html

    # The recipient sees it in the inbox and on the dashboard, without the sender's address.
    client.force_login(other_member)
    assert "Colaboración en café" in client.get(reverse("community:inbox")).content.decode()
    assert "Colaboración en café" in client.get(reverse("community:dashboard")).content.decode()
    html = client.get(reverse("community:contact_detail", args=[request.pk])).content.decode()
    assert "¿conversamos?" in html and member.email not in html
    request.refresh_from_db()
    assert request.status == "read"

    # Reply: emailed to the sender with the replier's address; both now see both addresses.
    client.post(reverse("community:contact_reply", args=[request.pk]), {"reply": "¡Claro que sí!"})
    request.refresh_from_db()
    assert request.status == "replied" and request.replied_by == other_member
    reply_email = mail.outbox[1]
    assert reply_email.to == [member.email]
    assert reply_email.reply_to == [other_member.email]
    assert other_member.email in reply_email.body
    for user in (member, other_member):
        client.force_login(user)
        html = client.get(reverse("community:contact_detail", args=[request.pk])).content.decode()
        assert member.email in html and other_member.email in html
        assert "¡Claro que sí!" in html


def test_outsider_cannot_read_or_reply(client, member, other_member, make_user):
    request = ContactRequest.objects.create(
        sender=member, recipient=other_member, subject="s", message="m"
    )
    outsider = make_user(username="outsider")
    client.force_login(outsider)
    assert client.get(reverse("community:contact_detail", args=[request.pk])).status_code == 404
    response = client.post(reverse("community:contact_reply", args=[request.pk]), {"reply": "x"})
    assert response.status_code == 404
    # The sender cannot answer their own message either.
    client.force_login(member)
    client.post(reverse("community:contact_reply", args=[request.pk]), {"reply": "x"})
    request.refresh_from_db()
    assert request.status == "new" and request.reply == ""


def test_rate_limit(client, member, make_user):
    recipients = [make_user(username=f"dest{i}") for i in range(11)]
    for recipient in recipients[:10]:
        ContactRequest.objects.create(sender=member, recipient=recipient, subject="s", message="m")
    # An old message does not count.
    old = ContactRequest.objects.create(
        sender=member, recipient=recipients[0], subject="old", message="m"
    )
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client.force_login(member)
    response = send(client, recipients[10].username)
    html = response.content.decode()
    assert "the daily limit" in html
    assert "Please try again tomorrow" in html
    assert not ContactRequest.objects.filter(recipient=recipients[10]).exists()
    assert mail.outbox == []


def test_block_stops_messages(client, member, other_member):
    request = ContactRequest.objects.create(
        sender=member, recipient=other_member, subject="s", message="m"
    )
    client.force_login(other_member)
    client.post(reverse("community:contact_block", args=[request.pk]))
    assert Block.objects.filter(blocker=other_member, blocked=member).exists()

    client.force_login(member)
    response = send(client, other_member.username, subject="otra vez")
    assert "does not accept contact requests from you" in response.content.decode()
    assert not ContactRequest.objects.filter(subject="otra vez").exists()

    # Unblock: messages can come again.
    client.force_login(other_member)
    client.post(reverse("community:unblock", args=[member.pk]))
    client.force_login(member)
    send(client, other_member.username, subject="otra vez")
    assert ContactRequest.objects.filter(subject="otra vez").exists()


def test_report_abuse_visible_to_moderators(client, member, other_member, moderator):
    request = ContactRequest.objects.create(
        sender=member, recipient=other_member, subject="Oferta rara", message="spam spam"
    )
    client.force_login(other_member)
    client.post(
        reverse("community:contact_report", args=[request.pk]),
        {"reason": "Es publicidad no solicitada", "block": "on"},
    )
    report = AbuseReport.objects.get()
    assert report.reporter == other_member and report.status == "open"
    assert Block.objects.filter(blocker=other_member, blocked=member).exists()
    # Only the recipient may report.
    client.force_login(member)
    client.post(reverse("community:contact_report", args=[request.pk]), {"reason": "x"})
    assert AbuseReport.objects.count() == 1

    client.force_login(moderator)
    html = client.get("/admin/abuse_reports/").content.decode()
    assert "Oferta rara" in html
    html = client.get("/admin/abuse_reports/?status=open").content.decode()
    assert "Oferta rara" in html
    response = client.get(f"/admin/abuse_reports/inspect/{report.pk}/")
    assert response.status_code == 200 and "spam spam" in response.content.decode()
    # A member has no access to the admin.
    client.force_login(other_member)
    assert client.get("/admin/abuse_reports/").status_code in (302, 403)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"subject": "Hola", "message": "   "}, "This field is required"),
        ({"subject": "", "message": "Hola"}, "This field is required"),
        ({"subject": "Hola", "message": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_message_changes_nothing(client, member, other_member, data, error):
    client.force_login(member)
    response = client.post(reverse("community:contact_member", args=[other_member.username]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert ContactRequest.objects.count() == 0 and mail.outbox == []


def test_messaging_yourself(client, member):
    client.force_login(member)
    response = send(client, member.username)
    assert "You cannot send a contact request to yourself" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_unknown_username(client, member):
    client.force_login(member)
    response = client.post(
        reverse("community:contact_member", args=["nadie"]), {"subject": "a", "message": "b"}
    )
    assert response.status_code == 404
    assert ContactRequest.objects.count() == 0


def test_recipient_who_opted_out(client, member, other_member):
    other_member.profile.allow_contact = False
    other_member.profile.save()
    client.force_login(member)
    response = send(client, other_member.username)
    assert "does not accept contact requests" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_unverified_and_anonymous_cannot_send(client, unverified_user, other_member):
    url = reverse("community:contact_member", args=[other_member.username])
    response = client.post(url, {"subject": "a", "message": "b"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(unverified_user)
    response = client.post(url, {"subject": "a", "message": "b"})
    assert response.url == reverse("account_email")
    assert ContactRequest.objects.count() == 0


@pytest.fixture
def initiative(home_page, make_user):
    from registry.services import index_pages_ensure
    from tests.factories.registry import InitiativePageFactory

    managers = [make_user(username="gestora1"), make_user(username="gestor2")]
    page = InitiativePageFactory(
        parent=index_pages_ensure(), title="Clúster del Café", managers=managers
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_contact_an_initiative(client, member, initiative):
    client.force_login(member)
    url = reverse("community:contact_initiative", args=[initiative.pk])
    assert "Clúster del Café" in client.get(url).content.decode()
    client.post(url, {"subject": "Visita", "message": "Queremos visitarlos"})
    request = ContactRequest.objects.get()
    assert request.initiative_id == initiative.pk and request.recipient is None
    assert sorted(m.to[0] for m in mail.outbox) == ["gestor2@example.org", "gestora1@example.org"]
    assert all(member.email not in m.body for m in mail.outbox)

    manager = initiative.managers.get(username="gestor2")
    client.force_login(manager)
    assert "Visita" in client.get(reverse("community:inbox")).content.decode()
    client.post(reverse("community:contact_reply", args=[request.pk]), {"reply": "Bienvenidos"})
    request.refresh_from_db()
    assert request.status == "replied" and request.replied_by == manager
    assert mail.outbox[-1].to == [member.email]
    assert mail.outbox[-1].reply_to == [manager.email]


def test_managers_cannot_contact_their_own_initiative(client, initiative):
    manager = initiative.managers.first()
    client.force_login(manager)
    response = client.post(
        reverse("community:contact_initiative", args=[initiative.pk]),
        {"subject": "a", "message": "b"},
        follow=True,
    )
    assert "you cannot contact yourself" in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_unknown_initiative_is_404(client, member):
    client.force_login(member)
    assert client.get(reverse("community:contact_initiative", args=[999999])).status_code == 404
