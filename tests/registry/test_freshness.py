"""The freshness loop end to end on a frozen clock: reminders in the manager's language, the
signed "still correct" link, the moderators' stale list, archiving after unanswered reminders
(out of the map and lists, kept in the open data) and restoring."""

import datetime
import re
from contextlib import contextmanager
from unittest import mock

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from portal.signed_links import signed_token
from registry import freshness
from registry.models import (
    FreshnessReminder,
    FreshnessSettings,
    InitiativeArchive,
    InitiativeManager,
    InitiativePage,
)

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https?://\S+/initiatives/still-correct/[^/\s]+/")


@contextmanager
def frozen(day, hour=9):
    """``timezone.now()`` fixed at ``day`` (a date) ``hour``:00 UTC."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


T0 = datetime.date(2027, 12, 1)  # the fixtures' pages are published "now" (before T0)
LONG_AGO = datetime.date(2026, 1, 15)


def stamp(page, day):
    InitiativePage.objects.filter(pk=page.pk).update(last_verified_on=day)
    page.refresh_from_db()
    return page


def test_months_before():
    assert freshness.months_before(datetime.date(2027, 3, 31), 1) == datetime.date(2027, 2, 28)
    assert freshness.months_before(datetime.date(2027, 1, 15), 12) == datetime.date(2026, 1, 15)
    assert freshness.months_before(datetime.date(2027, 1, 15), 13) == datetime.date(2025, 12, 15)


def test_stale_list_follows_the_interval_setting(make_initiative):
    old = stamp(make_initiative(title="Old"), LONG_AGO)
    recent = stamp(make_initiative(title="Recent"), datetime.date(2027, 5, 1))
    with frozen(T0):
        assert [page.pk for page in freshness.stale_list()] == [old.pk]
        config = FreshnessSettings.load()
        config.interval_months = 6
        config.save()
        assert [page.pk for page in freshness.stale_list()] == [old.pk, recent.pk]


def test_pages_never_verified_count_from_their_publication(make_initiative):
    page = make_initiative(title="Never verified")
    assert page.last_verified_on is None
    published = timezone.localdate(page.first_published_at)
    with frozen(published + datetime.timedelta(days=200)):
        assert not freshness.stale_list().filter(pk=page.pk).exists()
    with frozen(published + datetime.timedelta(days=400)):
        assert freshness.stale_list().filter(pk=page.pk).exists()


def test_reminder_in_the_managers_language_and_idempotent(make_initiative, make_user, mailoutbox):
    ana = make_user(username="ana", email="ana@example.org", preferred_language="es")
    page = stamp(make_initiative(title="Cafe Cluster", managers=[ana]), LONG_AGO)
    nobody = stamp(make_initiative(title="Without managers"), LONG_AGO)
    with frozen(T0):
        report = freshness.freshness_run()
        again = freshness.freshness_run()
    assert (report.reminded, report.emails, report.archived) == (1, 1, 0)
    assert (again.reminded, again.archived) == (0, 0)
    assert FreshnessReminder.objects.filter(initiative=page).count() == 1
    assert not FreshnessReminder.objects.filter(initiative=nobody).exists()
    (email,) = mailoutbox
    assert email.to == ["ana@example.org"]
    assert "sigue siendo correcta" in email.subject
    assert "basta un clic" in email.body
    assert CONFIRM_LINK.search(email.body).group(0).startswith("http")
    assert "/es/initiatives/still-correct/" in email.body
    assert f"/es/initiatives/{page.pk}/edit/" in email.body


def test_command_runs_the_loop(make_initiative, make_user, mailoutbox, capsys):
    ana = make_user(username="ana", email="ana@example.org")
    stamp(make_initiative(title="Cafe Cluster", managers=[ana]), LONG_AGO)
    with frozen(T0):
        call_command("send_freshness_reminders")
        call_command("send_freshness_reminders")
    out = capsys.readouterr().out
    assert "1 initiatives reminded (1 emails), 0 archived." in out
    assert "0 initiatives reminded (0 emails), 0 archived." in out
    assert len(mailoutbox) == 1


def test_still_correct_link_needs_no_sign_in(client, make_initiative, make_user, mailoutbox):
    ana = make_user(username="ana", email="ana@example.org")
    page = stamp(make_initiative(title="Cafe Cluster", managers=[ana]), LONG_AGO)
    with frozen(T0):
        freshness.freshness_run()
    path = CONFIRM_LINK.search(mailoutbox[0].body).group(0).split("://", 1)[1]
    path = path[path.index("/") :]
    with frozen(T0 + datetime.timedelta(days=3)):
        response = client.get(path)
        assert response.status_code == 200
        assert b"Yes, it is still correct" in response.content
        page.refresh_from_db()
        assert page.last_verified_on == LONG_AGO  # GET changes nothing
        response = client.post(path)
    assert response.status_code == 200
    assert b"is marked as verified today" in response.content
    page.refresh_from_db()
    assert page.last_verified_on == T0 + datetime.timedelta(days=3)
    reminder = FreshnessReminder.objects.get(initiative=page)
    assert reminder.answered_by == ana
    assert reminder.answered_at.date() == T0 + datetime.timedelta(days=3)
    # The latest revision keeps the date: publishing it does not undo the confirmation.
    with frozen(T0 + datetime.timedelta(days=3)):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.last_verified_on == T0 + datetime.timedelta(days=3)
    assert not freshness.stale_list(today=T0 + datetime.timedelta(days=4)).filter(pk=page.pk)


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signed_token("unsubscribe", page=1, reminder=1, user=1),  # another action's token
    ],
    # Stable ids: a signed token holds the time, and xdist workers must collect the same names.
    ids=["not-a-token", "another-actions-token"],
)
def test_bad_tokens_save_nothing(client, token):
    response = client.post(reverse("registry:still_correct", args=[token]))
    assert response.status_code == 404
    assert b"not valid or has expired" in response.content


def test_token_of_another_initiative_is_refused(client, make_initiative, make_user):
    ana = make_user(username="ana")
    page = stamp(make_initiative(title="A", managers=[ana]), LONG_AGO)
    other = stamp(make_initiative(title="B"), LONG_AGO)
    reminder = FreshnessReminder.objects.create(initiative=page, sent_at=timezone.now())
    token = signed_token(freshness.SIGNED_ACTION, page=other.pk, reminder=reminder.pk, user=ana.pk)
    assert client.post(reverse("registry:still_correct", args=[token])).status_code == 404
    other.refresh_from_db()
    assert other.last_verified_on == LONG_AGO


def test_loop_end_to_end(client, make_initiative, make_user, moderator, mailoutbox):
    """Reminders every 30 days, the stale list, archiving after three unanswered ones, the open
    data keeping the record, the moderator restoring it."""
    ana = make_user(username="ana", email="ana@example.org")
    bea = make_user(username="bea", email="bea@example.org")
    silent = stamp(make_initiative(title="Silent Cluster", slug="silent", managers=[ana]), LONG_AGO)
    answering = stamp(make_initiative(title="Answering Cluster", managers=[bea]), LONG_AGO)
    fresh = stamp(make_initiative(title="Fresh Cluster"), datetime.date(2027, 11, 1))

    # Day 0: both stale initiatives get a reminder; the fresh one none.
    with frozen(T0):
        assert freshness.freshness_run().reminded == 2
    # Bea confirms with her link.
    bea_mail = next(mail for mail in mailoutbox if mail.to == ["bea@example.org"])
    link = CONFIRM_LINK.search(bea_mail.body).group(0)
    with frozen(T0 + datetime.timedelta(days=1)):
        client.post(link[link.index("/initiatives/") :])

    # The moderators' list: the silent one, one reminder sent, none answered. (Signing in
    # under the frozen clock: a session started "today" would have expired by then.)
    with frozen(T0 + datetime.timedelta(days=2)):
        client.force_login(moderator)
        response = client.get(reverse("registry_stewardship:stale"))
    assert response.status_code == 200
    stale = list(response.context["stale"])
    assert [page.pk for page in stale] == [silent.pk]
    assert (stale[0].reminders_sent, stale[0].reminders_answered) == (1, 0)

    # Day 10: too early for a second reminder. Days 30 and 60: the second and third.
    for day, expected in ((10, 0), (30, 1), (60, 1)):
        with frozen(T0 + datetime.timedelta(days=day)):
            assert freshness.freshness_run().reminded == expected
    assert FreshnessReminder.objects.filter(initiative=silent).count() == 3
    assert not InitiativeArchive.objects.exists()

    # Day 90: three reminders unanswered: archived, not reminded again.
    with frozen(T0 + datetime.timedelta(days=90)):
        report = freshness.freshness_run()
        assert (report.reminded, report.archived) == (0, 1)
        assert freshness.freshness_run().archived == 0  # idempotent
    silent.refresh_from_db()
    assert not silent.live
    assert InitiativeArchive.objects.filter(initiative=silent).exists()

    client.logout()
    assert client.get("/initiatives/silent/").status_code == 404
    map_ids = [f["id"] for f in client.get(reverse("registry:map_geojson")).json()["features"]]
    assert silent.pk not in map_ids and answering.pk in map_ids
    rows = {row["id"]: row for row in client.get(reverse("registry:json")).json()["initiatives"]}
    assert rows[silent.pk]["record_state"] == "archived"
    assert rows[answering.pk]["record_state"] == "published"
    assert rows[fresh.pk]["record_state"] == "published"
    csv_body = client.get(reverse("registry:csv")).content.decode()
    assert "Silent Cluster" in csv_body and ",archived" in csv_body
    geo = client.get(reverse("registry:geojson")).json()["features"]
    assert {f["id"]: f["properties"]["record_state"] for f in geo}[silent.pk] == "archived"

    # A member cannot restore; a moderator can, from the stale list.
    member = make_user(username="member-x")
    archive = InitiativeArchive.objects.get(initiative=silent)
    url = reverse("registry_stewardship:restore", args=[archive.pk])
    with frozen(T0 + datetime.timedelta(days=91)):
        client.force_login(member)
        assert client.post(url).status_code == 302  # Wagtail sends non-staff to its login
        assert InitiativeArchive.objects.filter(pk=archive.pk).exists()
        client.force_login(moderator)
        response = client.get(reverse("registry_stewardship:stale"))
        assert [a.initiative_id for a in response.context["archived"]] == [silent.pk]
        response = client.post(url)
    assert response.status_code == 302
    silent.refresh_from_db()
    assert silent.live
    assert not InitiativeArchive.objects.exists()
    # The unanswered reminders are closed; a new cycle starts with a reminder sent now.
    assert list(
        FreshnessReminder.objects.filter(initiative=silent, answered_at=None).values_list(
            "sent_at__date", flat=True
        )
    ) == [T0 + datetime.timedelta(days=91)]
    client.logout()
    assert client.get("/initiatives/silent/").status_code == 200


def test_archived_link_confirms_nothing(client, make_initiative, make_user):
    ana = make_user(username="ana")
    page = stamp(make_initiative(title="A", managers=[ana]), LONG_AGO)
    reminder = FreshnessReminder.objects.create(initiative=page, sent_at=timezone.now())
    freshness.initiative_archive(page=page, now=timezone.now())
    token = freshness.still_correct_token(page=page, reminder=reminder, user=ana)
    response = client.post(reverse("registry:still_correct", args=[token]))
    assert b"was archived" in response.content
    page.refresh_from_db()
    assert page.last_verified_on == LONG_AGO
    assert InitiativeManager.objects.filter(page=page).exists()


def _archive_after_a_cycle(page):
    """Four daily runs, 30 days apart from T0: three reminders, then the archive."""
    for day in (0, 30, 60, 90):
        with frozen(T0 + datetime.timedelta(days=day)):
            freshness.freshness_run()
    assert InitiativeArchive.objects.filter(initiative=page).exists()


def test_restore_starts_a_new_cycle(make_initiative, make_user, moderator, mailoutbox):
    ana = make_user(username="ana", email="ana@example.org")
    page = stamp(make_initiative(title="Silent", slug="silent", managers=[ana]), LONG_AGO)
    _archive_after_a_cycle(page)
    mailoutbox.clear()
    with frozen(T0 + datetime.timedelta(days=91)):
        freshness.initiative_restore(page=page, by=moderator)
    page.refresh_from_db()
    assert page.live and page.last_verified_on == LONG_AGO  # still stale: not confirmed
    assert [mail.to for mail in mailoutbox] == [["ana@example.org"]]  # the new first reminder
    assert FreshnessReminder.objects.filter(initiative=page, answered_at=None).count() == 1

    # The next runs neither archive it again nor remind before the spacing; a whole new cycle
    # of reminders goes out before it is archived again.
    for day, expected in ((92, (0, 0)), (100, (0, 0)), (121, (1, 0)), (151, (1, 0))):
        with frozen(T0 + datetime.timedelta(days=day)):
            report = freshness.freshness_run()
            assert (report.reminded, report.archived) == expected, day
    page.refresh_from_db()
    assert page.live and not InitiativeArchive.objects.exists()
    with frozen(T0 + datetime.timedelta(days=181)):
        assert freshness.freshness_run().archived == 1


def test_restore_confirmed_with_the_manager_marks_it_verified(
    client, make_initiative, make_user, moderator, mailoutbox
):
    ana = make_user(username="ana", email="ana@example.org")
    page = stamp(make_initiative(title="Silent", slug="silent", managers=[ana]), LONG_AGO)
    _archive_after_a_cycle(page)
    mailoutbox.clear()
    archive = InitiativeArchive.objects.get(initiative=page)
    restored_on = T0 + datetime.timedelta(days=91)
    with frozen(restored_on):
        client.force_login(moderator)
        response = client.post(
            reverse("registry_stewardship:restore", args=[archive.pk]), {"confirmed": "1"}
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.last_verified_on == restored_on
    assert mailoutbox == []
    assert not FreshnessReminder.objects.filter(initiative=page, answered_at=None).exists()
    with frozen(restored_on + datetime.timedelta(days=1)):
        assert not freshness.stale_initiatives().filter(pk=page.pk).exists()
        report = freshness.freshness_run()
        assert (report.reminded, report.archived) == (0, 0)
    # A year later it is stale again, and the loop starts over with a reminder.
    with frozen(restored_on + datetime.timedelta(days=370)):
        assert freshness.freshness_run().reminded == 1


def test_a_translated_initiative_is_one_record_in_the_loop(
    make_initiative, make_user, moderator, mailoutbox
):
    """Reminded once (not once per translation), archived and restored with its
    translations."""
    from wagtail.models import Locale

    ana = make_user(username="ana", email="ana@example.org")
    page = stamp(make_initiative(title="Bilingual", slug="bilingual", managers=[ana]), LONG_AGO)
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()
    stamp(spanish, LONG_AGO)
    with frozen(T0):
        assert freshness.stale_initiatives().count() == 1
        assert freshness.freshness_run().reminded == 1
    assert len(mailoutbox) == 1
    for day in (30, 60, 90):
        with frozen(T0 + datetime.timedelta(days=day)):
            freshness.freshness_run()
    page.refresh_from_db()
    spanish.refresh_from_db()
    assert not page.live and not spanish.live
    assert InitiativeArchive.objects.count() == 2
    with frozen(T0 + datetime.timedelta(days=120)):
        report = freshness.freshness_run()  # no translation left behind to remind
        assert (report.reminded, report.archived) == (0, 0)

    mailoutbox.clear()
    with frozen(T0 + datetime.timedelta(days=121)):
        freshness.initiative_restore(
            page=InitiativeArchive.objects.get(initiative=spanish).initiative, by=moderator
        )
    page.refresh_from_db()
    spanish.refresh_from_db()
    assert page.live and spanish.live and not InitiativeArchive.objects.exists()
    assert [mail.to for mail in mailoutbox] == [["ana@example.org"]]  # one new first reminder
