"""portal.emails: templated emails, sent as a task, in the recipient's language."""

from django.core import mail

import pytest

from portal.emails import (
    absolute_url,
    check_base_url,
    display_name,
    language_of,
    page_url,
    render_email,
    send_templated_email,
    site_base_url,
    url_for,
)


@pytest.fixture
def email_templates(tmp_path, settings):
    folder = tmp_path / "mailtest"
    folder.mkdir()
    (folder / "hello_subject.txt").write_text(
        '{% load i18n %}{% translate "Sign In" %}\n  {{ name }}\n'
    )
    (folder / "hello_message.txt").write_text(
        '{% load i18n %}{% translate "Sign Up" %}, {{ name }}'
    )
    (folder / "rich_subject.txt").write_text("Rich")
    (folder / "rich_message.txt").write_text("Plain {{ name }}")
    (folder / "rich_message.html").write_text("<p>HTML {{ name }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "mailtest"


@pytest.mark.parametrize(
    ("language", "subject_start"), [("en", "Sign In"), ("es", "Iniciar"), ("pt", "Entrar")]
)
def test_render_email_in_the_recipient_language(email_templates, language, subject_start):
    subject, body, html = render_email(
        template="mailtest/hello", context={"name": "Ana"}, language=language
    )
    assert subject.startswith(subject_start)
    assert "\n" not in subject and subject.endswith("Ana")
    assert body.endswith(", Ana")
    assert html is None


def test_send_templated_email_as_a_task(email_templates):
    result = send_templated_email.enqueue(
        to=["ana@example.org"],
        template="mailtest/rich",
        context={"name": "Ana"},
        language="es",
        reply_to=["reply@example.org"],
        attachments=[["event.ics", "BEGIN:VCALENDAR", "text/calendar"]],
    )
    assert result.return_value == 1
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "[Articula] Rich"
    assert message.body == "Plain Ana"
    assert message.alternatives[0][0] == "<p>HTML Ana</p>"
    assert message.reply_to == ["reply@example.org"]
    assert message.attachments[0][0] == "event.ics"


def test_a_broken_html_template_is_not_silently_dropped(email_templates, tmp_path):
    (tmp_path / "mailtest" / "rich_message.html").write_text("{% if %}")
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        render_email(template="mailtest/rich", context={}, language="en")


@pytest.mark.django_db
def test_language_of(make_user):
    assert language_of(make_user(username="p1", preferred_language="pt")) == "pt"
    assert language_of(make_user(username="p2", preferred_language="")) == "en"
    assert language_of(None) == "en"


# -- One base for every link -------------------------------------------------------------------


@pytest.fixture
def default_site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.mark.parametrize(
    ("hostname", "port", "base"),
    [
        ("articula.example.org", 443, "https://articula.example.org"),
        ("articula.example.org", 80, "http://articula.example.org"),
        ("127.0.0.1", 8765, "http://127.0.0.1:8765"),
    ],
)
def test_base_url_is_the_default_site_without_the_setting(
    settings, default_site, hostname, port, base
):
    settings.WAGTAILADMIN_BASE_URL = ""
    default_site.hostname, default_site.port = hostname, port
    default_site.save()
    assert site_base_url() == base
    assert absolute_url("/es/events/") == f"{base}/es/events/"


def test_base_url_setting_wins_over_the_site(settings, default_site):
    settings.WAGTAILADMIN_BASE_URL = "https://portal.example.org/"
    assert site_base_url() == "https://portal.example.org"
    assert url_for("community:following", language="es") == (
        "https://portal.example.org/es/members/me/following/"
    )
    assert absolute_url("https://elsewhere.example.org/x") == "https://elsewhere.example.org/x"
    assert absolute_url("") == ""


def test_check_deploy_warns_without_a_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = ""
    [warning] = check_base_url()
    assert warning.id == "portal.W001"
    assert "WAGTAILADMIN_BASE_URL" in warning.msg
    settings.WAGTAILADMIN_BASE_URL = "https://articula.example.org"
    assert check_base_url() == []


def test_page_url_prefers_the_readers_live_translation(settings, home_page):
    from wagtail.models import Locale

    settings.WAGTAILADMIN_BASE_URL = "https://articula.example.org"
    es = Locale.objects.get(language_code="es")
    pt = Locale.objects.get(language_code="pt")
    if home_page.get_translation_or_none(es) is None:
        home_page.copy_for_translation(es).save_revision().publish()
    assert page_url(home_page, language="es") == "https://articula.example.org/es/"
    assert page_url(home_page) == "https://articula.example.org/"
    draft = home_page.get_translation_or_none(pt) or home_page.copy_for_translation(pt)
    type(draft).objects.filter(pk=draft.pk).update(live=False)
    assert page_url(home_page, language="pt") == "https://articula.example.org/"


# -- The recipient -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_language_of_ignores_a_language_the_site_does_not_speak(make_user):
    assert language_of(make_user(username="p3", preferred_language="es-CO")) == "es"
    assert language_of(make_user(username="p4", preferred_language="fr")) == "en"


@pytest.mark.django_db
def test_display_name_profile_then_full_name_then_username(make_user):
    user = make_user(username="ana", first_name="Ana", last_name="Gómez")
    user.profile.display_name = "Ana G. (Cámara de Cali)"
    user.profile.save()
    assert display_name(user) == "Ana G. (Cámara de Cali)"
    user.profile.display_name = ""
    assert display_name(user) == "Ana Gómez"
    bare = make_user(username="bare", first_name="", last_name="")
    bare.profile.delete()
    bare = type(bare).objects.get(pk=bare.pk)
    assert display_name(bare) == "bare"


@pytest.mark.django_db
def test_the_waitlist_email_greets_by_display_name(make_user, home_page):
    import datetime

    from django.utils import timezone

    from events.services import registration_create
    from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory

    program = ProgramPageFactory(parent=EventIndexPageFactory(parent=home_page))
    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=program, start=start, end=start + datetime.timedelta(hours=1), capacity=1
    )
    registration_create(event=event, user=make_user(username="first"))
    waiting = make_user(username="w4iting", first_name="Wanda", last_name="Díaz")
    waiting.profile.display_name = "Wanda de Cali"
    waiting.profile.save()
    mail.outbox.clear()
    assert registration_create(event=event, user=waiting).status == "waitlisted"
    [message] = mail.outbox
    assert message.body.startswith("Hello Wanda de Cali,")
    assert "w4iting" not in message.body


@pytest.mark.django_db
def test_a_spanish_signup_gets_allauths_emails_in_spanish_on_the_base(client, settings):
    from tests.accounts.helpers import signup_data

    settings.WAGTAILADMIN_BASE_URL = "https://articula.example.org"
    client.post("/es/accounts/signup/", signup_data(username="ana", email="ana@example.org"))
    [message] = mail.outbox
    assert message.subject == "[Articula] Por favor, confirme su dirección de correo electrónico"
    assert message.body.startswith("Hola, ana:")
    assert "https://articula.example.org/es/accounts/confirm-email/" in message.body
    assert "testserver" not in message.body
    # Later emails follow the language stored at signup, wherever they are asked for.
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "ana@example.org"})
    [reset] = mail.outbox
    assert "Hola, ana:" in reset.body
    assert "https://articula.example.org/es/accounts/password/reset/key/" in reset.body


@pytest.mark.django_db
def test_the_profile_form_sets_the_email_language(make_user):
    from community.forms import ProfileForm

    user = make_user(username="ana", preferred_language="es")
    form = ProfileForm(instance=user.profile)
    assert form.initial["email_language"] == "es"
    data = {
        "display_name": "Ana",
        "visibility": user.profile.visibility,
        "organization_type": user.profile.organization_type or "",
        "email_language": "pt",
    }
    form = ProfileForm(data, instance=user.profile)
    assert form.is_valid(), form.errors
    form.save()
    user.refresh_from_db()
    assert user.preferred_language == "pt"
