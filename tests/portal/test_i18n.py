"""portal.i18n: the active locale, the one fallback rule every list uses, and index pages; the
per-request memory and when it is forgotten; query counts that do not grow with the data."""

import datetime

from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.models import Locale

import pytest

from portal.i18n import active_locale, index_page, live_translation, localized
from portal.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    return {code: Locale.objects.get(language_code=code) for code in ("en", "es", "pt")}


@pytest.fixture
def homes(home_page, locales):
    homes = {"en": home_page}
    for code in ("es", "pt"):
        copy = home_page.copy_for_translation(locales[code])
        copy.save_revision().publish()
        homes[code] = copy
    return homes


def start_request():
    """``request_started`` as the handler sends it, without Django's ``close_old_connections``
    receiver (as the test client does): inside a test's transaction it would close the
    database connection (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
    finally:
        request_started.connect(close_old_connections)


def finish_request():
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)


@pytest.fixture
def in_a_request():
    """What the handler does around a request: the memory opens and closes with it."""
    start_request()
    yield
    finish_request()


def add_page(parent, title):
    return parent.add_child(instance=StandardPage(title=title, slug=slugify(title)))


def translate(page, locale, title, *, publish=True):
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save()
    if publish:
        copy.save_revision().publish()
    return copy


@pytest.fixture
def groups(homes, locales):
    """One page per translation group, in the situations the rule has to decide."""
    en, es, pt = locales["en"], locales["es"], locales["pt"]
    add_page(homes["en"], "Only English")
    translate(add_page(homes["en"], "Translated"), es, "Traducida")
    translate(add_page(homes["en"], "Draft translation"), es, "Borrador", publish=False)
    add_page(homes["es"], "Solo español")
    translate(add_page(homes["es"], "Original español"), en, "English of the Spanish original")
    translate(add_page(homes["es"], "Origen español"), pt, "Tradução portuguesa")
    return en, es, pt


def titles(locale, queryset=None):
    queryset = queryset if queryset is not None else StandardPage.objects.live()
    found = list(localized(queryset, locale).values_list("title", flat=True))
    assert len(found) == len(set(found))
    return set(found)


# -- active_locale ---------------------------------------------------------------------------


def test_active_locale_follows_the_language_and_falls_back_to_the_default(locales):
    assert active_locale() == locales["en"]
    with translation.override("es"):
        assert active_locale() == locales["es"]
    with translation.override("pt-br"):  # a variant of a content language
        assert active_locale() == locales["pt"]
    with translation.override("fr"):  # not a content language
        assert active_locale() == locales["en"]


def test_active_locale_of_a_language_without_locale_is_the_default(locales, settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("fr", "French")]
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    with translation.override("fr"):
        assert active_locale() == locales["en"]


def test_active_locale_comes_from_the_shared_cache(locales, django_assert_num_queries):
    """One query for every locale, then none (also in later requests) until a locale is
    saved or deleted."""
    with django_assert_num_queries(1):
        active_locale()
    with django_assert_num_queries(0):
        active_locale()  # outside a request: from the shared cache
    start_request()
    try:
        with django_assert_num_queries(0):
            active_locale()
        with translation.override("es"), django_assert_num_queries(0):
            assert active_locale() == locales["es"]
        locales["pt"].save()  # a locale changed: forget
        with translation.override("pt"), django_assert_num_queries(1):
            assert active_locale() == locales["pt"]
            assert active_locale() == locales["pt"]
    finally:
        finish_request()
    locales["pt"].delete()
    with translation.override("pt"), django_assert_num_queries(1):
        assert active_locale() == locales["en"]  # no Portuguese locale: the default


def test_requests_through_the_client_share_the_cached_locales(client, locales):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        active_locale()
    assert len(queries) == 0


# -- localized ---------------------------------------------------------------------------------


def test_visitors_see_one_page_per_group_in_their_language_else_the_original(groups):
    en, es, pt = groups
    assert titles(en) == {
        "Only English",
        "Translated",
        "Draft translation",
        "Solo español",
        "English of the Spanish original",
        "Origen español",  # the first page of the group: no English, no default
    }
    assert titles(es) == {
        "Only English",  # untranslated: the original
        "Traducida",
        "Draft translation",  # the Spanish copy is a draft: it does not hide the original
        "Solo español",
        "Original español",
        "Origen español",
    }
    assert titles(pt) == {
        "Only English",
        "Translated",
        "Draft translation",
        "Solo español",
        # Spanish original, English translation: the default locale wins over the original.
        "English of the Spanish original",
        "Tradução portuguesa",
    }


def test_localized_defaults_to_the_active_locale(groups):
    with translation.override("es"):
        assert "Traducida" in titles(None)
        assert "Translated" not in titles(None)


def test_localized_keeps_the_querysets_own_filters(groups):
    en, es, _pt = groups
    draft_titles = StandardPage.objects.filter(live=False)
    assert titles(es, draft_titles) == {"Borrador"}
    assert titles(es, StandardPage.objects.live().filter(title__startswith="O")) == {
        "Only English",
        "Original español",
        "Origen español",
    }


def test_the_searchable_form_keeps_the_same_pages_and_can_be_searched(groups):
    from wagtail.models import Page

    en, es, pt = groups
    for locale in (en, es, pt):
        plain = set(localized(Page.objects.live().type(StandardPage), locale).values_list("pk"))
        searchable = localized(Page.objects.live().type(StandardPage), locale, for_search=True)
        assert set(searchable.values_list("pk")) == plain
    found = localized(Page.objects.live(), pt, for_search=True).search("English")
    assert {page.title for page in found} == {"Only English", "English of the Spanish original"}


def test_localized_runs_one_query_whatever_the_data(homes, locales):
    es = locales["es"]

    def queries_for(n):
        for i in range(n):
            page = add_page(homes["en"], f"Page {n}-{i}")
            if i % 2:
                translate(page, es, f"Página {n}-{i}")
        with CaptureQueriesContext(connection) as queries:
            assert len(titles(es)) == len(titles(locales["en"]))
        return len(queries)

    assert queries_for(2) == queries_for(12) == 2  # one per list


def test_live_translation_of_one_page(groups):
    en, es, pt = groups
    original = StandardPage.objects.get(title="Translated")
    assert live_translation(original, es).title == "Traducida"
    assert live_translation(original, en) is original
    assert live_translation(original, pt) == original  # no Portuguese copy
    draft = StandardPage.objects.get(title="Draft translation")
    assert live_translation(draft, es) == draft  # the Spanish copy is not live


# -- index_page --------------------------------------------------------------------------------


@pytest.fixture
def practice_indexes(homes, locales):
    from tests.factories.knowledge import PracticeIndexPageFactory

    english = PracticeIndexPageFactory(parent=homes["en"])
    spanish = english.copy_for_translation(locales["es"])
    spanish.save_revision().publish()
    return english, type(english).objects.get(pk=spanish.pk)  # live, as published


def test_index_page_in_the_locale_else_the_default(practice_indexes, locales):
    from events.models import EventIndexPage
    from knowledge.models import PracticeIndexPage

    english, spanish = practice_indexes
    assert index_page(PracticeIndexPage, locales["es"]) == spanish
    assert index_page(PracticeIndexPage, locales["pt"]) == english
    assert isinstance(index_page(PracticeIndexPage, locales["pt"]), PracticeIndexPage)
    with translation.override("es"):
        assert index_page(PracticeIndexPage) == spanish
    assert index_page(EventIndexPage) is None
    spanish.unpublish()
    assert index_page(PracticeIndexPage, locales["es"]) == english


def test_index_page_falls_back_to_any_locale_when_the_default_has_none(homes, locales):
    from knowledge.models import PracticeIndexPage
    from tests.factories.knowledge import PracticeIndexPageFactory

    portuguese = PracticeIndexPageFactory(parent=homes["pt"])
    assert index_page(PracticeIndexPage, locales["es"]) == portuguese


def test_index_page_is_one_query_remembered_for_the_request(
    practice_indexes, locales, in_a_request, django_assert_num_queries
):
    from knowledge.models import PracticeIndexPage

    english, spanish = practice_indexes
    with django_assert_num_queries(1):
        assert index_page(PracticeIndexPage, locales["es"]) == spanish
        assert index_page(PracticeIndexPage, locales["es"]) == spanish
    spanish.unpublish()  # forgotten on unpublish (and publish, move, delete)
    assert index_page(PracticeIndexPage, locales["es"]) == english
    spanish.save_revision().publish()
    assert index_page(PracticeIndexPage, locales["es"]) == spanish


def test_index_page_is_not_remembered_between_requests(practice_indexes, locales):
    from knowledge.models import PracticeIndexPage

    english, spanish = practice_indexes
    start_request()
    assert index_page(PracticeIndexPage, locales["es"]) == spanish
    finish_request()
    # A change no signal reports (an update() behind the models' back) is seen next time.
    PracticeIndexPage.objects.filter(pk=spanish.pk).update(live=False)
    assert index_page(PracticeIndexPage, locales["es"]) == english


# -- Every list falls back alike -----------------------------------------------------------


@pytest.fixture
def tagged_untranslated(homes):
    """A practice and an event tagged ``coffee``, both in English only."""
    from tests.factories.events import EventIndexPageFactory, EventPageFactory
    from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory

    practice = PracticePageFactory(
        parent=PracticeIndexPageFactory(parent=homes["en"]), title="Shared dryers", tags=["coffee"]
    )
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=homes["en"]), title="Coffee webinar"
    )
    event.tags.set(["coffee"])
    event.save()
    return practice, event


def test_untranslated_events_and_practices_both_show_on_the_spanish_tag_page(
    client, tagged_untranslated
):
    practice, event = tagged_untranslated
    for prefix in ("", "/es", "/pt"):
        response = client.get(f"{prefix}/tags/coffee/")
        assert response.status_code == 200
        items = {g["type"].key: [i.pk for i in g["items"]] for g in response.context["groups"]}
        assert items == {"practices": [practice.pk], "events": [event.pk]}, prefix


def test_a_translated_event_shows_once_in_the_visitors_language(
    client, tagged_untranslated, locales
):
    _practice, event = tagged_untranslated
    event.get_parent().specific.copy_for_translation(locales["es"]).save_revision().publish()
    spanish = translate(event, locales["es"], "Webinario de café")
    response = client.get("/es/tags/coffee/")
    events = next(g for g in response.context["groups"] if g["type"].key == "events")
    assert [item.pk for item in events["items"]] == [spanish.pk]
    english = client.get("/tags/coffee/")
    events = next(g for g in english.context["groups"] if g["type"].key == "events")
    assert [item.pk for item in events["items"]] == [event.pk]


def test_untranslated_events_show_in_the_spanish_listing_and_home_section(
    client, tagged_untranslated, locales
):
    from events.selectors import upcoming_events

    _practice, event = tagged_untranslated
    index = event.get_parent().specific
    index.copy_for_translation(locales["es"]).save_revision().publish()
    assert [e.pk for e in upcoming_events(locale=locales["es"])] == [event.pk]
    response = client.get("/es/events/")
    assert [e.pk for e in response.context["events"]] == [event.pk]


def test_the_tag_page_query_count_does_not_grow_with_the_data(client, homes):
    from tests.factories.events import EventIndexPageFactory, EventPageFactory
    from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory

    practices = PracticeIndexPageFactory(parent=homes["en"])
    events = EventIndexPageFactory(parent=homes["en"])
    start = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)

    def queries_for(n):
        for _ in range(n):
            PracticePageFactory(parent=practices, tags=["coffee"])
            event = EventPageFactory(parent=events, start=start)
            event.tags.set(["coffee"])
            event.save()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/es/tags/coffee/").status_code == 200
        return len(queries)

    queries_for(1)  # the first request fills the site and content-type caches
    assert queries_for(1) == queries_for(6)  # 2 items of each type, then 8
