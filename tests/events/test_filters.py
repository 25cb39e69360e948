"""The events' FilterSets (listing and public calendar) and the listing's pagination."""

import datetime

from django.utils import timezone

import pytest

from events.filters import EventFilterSet, EventListFilterSet
from events.models import EventPage
from events.selectors import event_queryset
from tests.factories.events import EventPageFactory, ProgramPageFactory

pytestmark = pytest.mark.django_db


def listing(events_index, data):
    return EventListFilterSet(
        data, queryset=event_queryset().descendant_of(events_index), locale=events_index.locale
    )


def titles(filterset):
    return [e.title for e in filterset.qs]


@pytest.fixture
def events(events_index, program, make_event):
    webinar = make_event(days=3, parent=events_index, title="Webinar", kind="webinar")
    webinar.tags.add("open data")
    webinar.save_revision().publish()
    return {
        "soon": make_event(days=2, title="Soon"),
        "later": make_event(days=9, title="Later"),
        "webinar": webinar,
        "past": make_event(days=-4, title="Past"),
        "older": make_event(days=-20, title="Older"),
    }


def test_upcoming_soonest_first_and_past_latest_first(events_index, events):
    assert titles(listing(events_index, {})) == ["Soon", "Webinar", "Later"]
    assert titles(listing(events_index, {"when": "past"})) == ["Past", "Older"]


def test_an_unknown_when_is_the_upcoming_list_not_an_error(events_index, events):
    filterset = listing(events_index, {"when": "yesterday"})
    assert titles(filterset) == ["Soon", "Webinar", "Later"]
    assert filterset.period == "upcoming"
    assert not filterset.errors


def test_filters_combine(events_index, program, events):
    assert titles(listing(events_index, {"kind": "webinar"})) == ["Webinar"]
    assert titles(listing(events_index, {"tag": "open-data"})) == ["Webinar"]
    assert titles(listing(events_index, {"program": program.slug})) == ["Soon", "Later"]
    month = events["later"].local_start.strftime("%Y-%m")
    expected = [
        e.title
        for e in (events["soon"], events["webinar"], events["later"])
        if e.local_start.strftime("%Y-%m") == month
    ]
    assert titles(listing(events_index, {"month": month})) == expected


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"program": "no-such-program", "kind": "webinar"}, {"program"}),
        ({"kind": "party", "tag": "open-data"}, {"kind"}),
        ({"tag": "no-such-tag", "kind": "webinar"}, {"tag"}),
        ({"month": "2020-13", "kind": "webinar"}, {"month"}),
        ({"month": "x" * 5000, "program": "y" * 5000, "kind": "webinar"}, {"month", "program"}),
    ],
)
def test_a_bad_value_is_reported_and_the_others_still_apply(events_index, events, params, bad):
    filterset = listing(events_index, params)
    assert set(filterset.errors) == bad
    assert titles(filterset) == ["Webinar"]
    assert set(filterset.values) >= set(params) - bad


def test_an_untranslated_program_is_a_choice_in_every_language(events_index, program, events):
    """A Spanish visitor sees the untranslated program (``portal.i18n.localized``), so it
    filters the listing; once translated, the Spanish version is the choice."""
    from wagtail.models import Locale

    spanish = Locale.objects.get_or_create(language_code="es")[0]
    filterset = EventFilterSet(
        {"program": program.slug}, queryset=EventPage.objects.live(), locale=spanish
    )
    assert not filterset.errors
    assert filterset.values["program"] == program

    translated = program.copy_for_translation(spanish, copy_parents=True)
    translated.save_revision().publish()
    filterset = EventFilterSet(
        {"program": program.slug}, queryset=EventPage.objects.live(), locale=spanish
    )
    assert filterset.values["program"].pk == translated.pk


def test_two_programs_with_one_slug_are_not_an_error(home_page, events_index, program, events):
    from tests.factories.events import EventIndexPageFactory

    elsewhere = EventIndexPageFactory(parent=home_page, slug="more-events")
    ProgramPageFactory(parent=elsewhere, slug=program.slug)
    filterset = listing(events_index, {"program": program.slug})
    assert not filterset.errors
    assert titles(filterset) == ["Soon", "Later"]


def test_the_listing_page_reports_bad_filters(client, events_index, events):
    response = client.get(events_index.url, {"kind": "party", "month": "2030-01"})
    assert response.status_code == 200
    assert b"not recognised" in response.content
    assert response.context["filters"]["month"] == "2030-01"
    assert 'value="2030-01"' in response.content.decode()


# --- pagination -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [("", 1), ("2", 2), ("3", 3), ("99", 3), ("abc", 1), ("0", 3)],
)
def test_listing_pages(client, events_index, monkeypatch, page, expected):
    """A page past the end shows the last page (it showed the first one before the listings
    shared ``Paginator.get_page``)."""
    monkeypatch.setattr("events.selectors.PER_PAGE", 2)
    now = timezone.now()
    for n in range(5):
        start = now + datetime.timedelta(days=n + 1)
        EventPageFactory(parent=events_index, start=start, end=start + datetime.timedelta(hours=1))
    response = client.get(events_index.url, {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert response.context["page_obj"].paginator.num_pages == 3


def test_tabs_and_pagination_keep_the_filters(client, events_index, monkeypatch):
    monkeypatch.setattr("events.selectors.PER_PAGE", 1)
    now = timezone.now()
    for n in range(3):
        start = now + datetime.timedelta(days=n + 1)
        EventPageFactory(
            parent=events_index,
            kind="webinar",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    content = client.get(events_index.url, {"kind": "webinar", "page": "2"}).content.decode()
    assert 'rel="prev" href="?kind=webinar&amp;page=1"' in content
    assert 'rel="next" href="?kind=webinar&amp;page=3"' in content
    assert 'href="?kind=webinar&amp;when=past"' in content
    assert 'href="/events/calendar.ics?kind=webinar"' in content
