"""Staff in the Wagtail admin: new sessions numbered for them, validation errors summarised
above the tabs, the Translate action in the editor's menu, warnings when certificate
eligibility changes, and the admin in Portuguese."""

import datetime

from django.contrib.messages import get_messages
from django.utils import timezone

from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest

from events.models import EventPage, EventRegistration
from tests.events.admin_forms import form_data
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def _past_session(program, number):
    start = (timezone.now() - datetime.timedelta(days=30 - number)).replace(microsecond=0)
    return EventPageFactory(
        parent=program,
        title=f"Session {number}: Topic {number}",
        slug=f"session-{number}",
        number=number,
        start=start,
        end=start + datetime.timedelta(hours=1),
    )


def test_a_new_session_of_a_program_is_numbered_titled_and_slugged(client, moderator, program):
    for number in (1, 2, 12):
        _past_session(program, number)
    client.force_login(moderator)
    add_url = f"/admin/pages/add/events/eventpage/{program.pk}/"
    data = form_data(client.get(add_url).content)
    assert (data["number"], data["title"], data["slug"]) == ("13", "Session 13: ", "session-13")

    data.update(
        title="Session 13: Financing the cluster",
        start="2031-03-04 09:00",
        end="2031-03-04 10:30",
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    created = EventPage.objects.get(title="Session 13: Financing the cluster")
    assert (created.number, created.slug) == (13, "session-13")
    assert created.get_parent().pk == program.pk


def test_the_title_prefix_follows_the_program_language_and_stays_editable(
    client, moderator, events_index, program
):
    es_program = program.copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True
    )
    client.force_login(moderator)
    data = form_data(client.get(f"/admin/pages/add/events/eventpage/{es_program.pk}/").content)
    assert (data["title"], data["slug"]) == ("Sesión 1: ", "session-1")
    # Stand-alone events (under the index) get nothing proposed.
    data = form_data(client.get(f"/admin/pages/add/events/eventpage/{events_index.pk}/").content)
    assert (data["title"], data["slug"], data["number"]) == ("", "", "")


def test_a_validation_error_on_a_hidden_tab_is_summarised_with_a_link(client, moderator, program):
    _past_session(program, 1)
    second = _past_session(program, 2)
    client.force_login(moderator)
    edit_url = f"/admin/pages/{second.pk}/edit/"
    data = form_data(client.get(edit_url).content)
    data["slug"] = "session-1"  # on the Promote tab, already taken by a sibling
    response = client.post(edit_url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'href="#id_slug" data-error-tab="promote"' in html
    assert "Slug (Promote tab)" in html
    assert "portal/admin/error-summary.js" in html


def test_a_valid_form_shows_no_error_summary(client, moderator, program):
    session = _past_session(program, 1)
    client.force_login(moderator)
    assert (
        "data-error-summary" not in client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    )


def test_translate_is_in_the_editor_action_menu(client, moderator, admin_user, program):
    session = _past_session(program, 1)
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert f'href="/admin/localize/submit/page/{session.pk}/"' in html
    assert "Translate</" in html or ">Translate" in html


def test_publishing_a_session_warns_how_certificate_eligibility_changes(
    client, admin_user, member, other_member, program
):
    sessions = [_past_session(program, n) for n in (1, 2, 3)]
    # 75% of 3 sessions = 3: member (3 attended) qualifies; other_member (2) does not.
    for session in sessions:
        EventRegistration.objects.create(event=session, user=member, status="attended")
    for session in sessions[:2]:
        EventRegistration.objects.create(event=session, user=other_member, status="attended")
    client.force_login(admin_user)

    # Unpublishing session 3: 2 sessions, 2 needed; other_member now qualifies.
    response = client.post(f"/admin/pages/{sessions[2].pk}/unpublish/", {})
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "now has 2 published sessions and a certificate needs 2 of them" in warnings[0]
    assert "(before: 3 of 3)" in warnings[0]
    assert "1 member gains or loses a certificate" in warnings[0]

    # Publishing a new session: 3 sessions again, 3 needed; other_member loses it.
    add_url = f"/admin/pages/add/events/eventpage/{program.pk}/"
    data = form_data(client.get(add_url).content)
    data.update(start="2031-03-04 09:00", end="2031-03-04 10:30", title="Session 4: Next")
    data["action-publish"] = "action-publish"
    response = client.post(add_url, data)
    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("now has 3 published sessions and a certificate needs 3" in w for w in warnings)
    # Both members attended 2 of the 3 published sessions: neither qualifies any more.
    assert any("2 members gain or lose a certificate" in w for w in warnings)


def test_editing_a_session_without_changing_the_count_does_not_warn(client, admin_user, program):
    session = _past_session(program, 1)
    client.force_login(admin_user)
    edit_url = f"/admin/pages/{session.pk}/edit/"
    data = form_data(client.get(edit_url).content)
    data["action-publish"] = "action-publish"
    response = client.post(edit_url, data)
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_staff_who_prefer_portuguese_see_the_admin_in_portuguese(client, moderator, program):
    session = _past_session(program, 1)
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "pt-br"
    profile.save()
    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    assert 'lang="pt-br"' in dashboard.lower() or 'lang="pt-BR"' in dashboard
    assert "<title>Meu painel - Wagtail</title>" in dashboard
    editor = client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    assert "Publicar" in editor
    # Our own admin strings (the event's tabs) in Portuguese too.
    assert "Inscrição" in editor or "Agenda" in editor
    account = client.get("/admin/account/").content.decode()
    assert "pt-br" in account.lower()
