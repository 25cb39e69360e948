"""portal.page_cache.fragment and what is kept with it (portal/routing.py, the home sections,
the initiative's related content, the tag pages, the search, the directory's counts): computed
once per generation, shared, and never stale after a write to public content.

Each freshness test follows one pattern: a GET stores the fragment (the page cache is off, as
for a signed-in visitor), the change happens, and the next GET shows it. Without the bump of the
generation the second GET would read the stored fragment."""

from django.urls import reverse

import pytest

from portal import page_cache
from portal.page_cache import fragment
from tests.factories.knowledge import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    ResearchTopicPageFactory,
    TopicIndexPageFactory,
)
from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settings_row():
    from portal.models import PortalSettings

    # The first page ever served creates the settings row (a write: a new generation).
    PortalSettings.load()


def test_a_fragment_is_computed_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return {"value": len(calls)}

    assert fragment("test:once", compute) == {"value": 1}
    assert fragment("test:once", compute) == {"value": 1}
    page_cache.invalidate()
    assert fragment("test:once", compute) == {"value": 2}
    assert len(calls) == 2


def test_none_is_kept_too():
    calls = []

    def compute():
        calls.append(1)

    assert fragment("test:none", compute) is None
    assert fragment("test:none", compute) is None
    assert len(calls) == 1


def test_fragments_can_be_switched_off(settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    calls = []
    fragment("test:off", lambda: calls.append(1))
    fragment("test:off", lambda: calls.append(1))
    assert len(calls) == 2


# -- Routing -----------------------------------------------------------------------------------


@pytest.fixture
def practices(home_page):
    return PracticeIndexPageFactory(parent=home_page, title="Practices", slug="practices")


def test_a_page_published_after_its_section_was_routed_is_found(client, practices):
    first = PracticePageFactory(parent=practices, title="First", slug="first")
    assert client.get(first.url).status_code == 200
    assert client.get("/practices/second/").status_code == 404
    PracticePageFactory(parent=practices, title="Second", slug="second")
    response = client.get("/practices/second/")
    assert response.status_code == 200
    assert "Second" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, practices):
    page = PracticePageFactory(parent=practices, title="Gone soon", slug="gone-soon")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get("/practices/gone-soon/").status_code == 404


def test_a_moved_page_answers_at_its_new_address(client, home_page, practices):
    other = PracticeIndexPageFactory(parent=home_page, title="Other", slug="other")
    page = PracticePageFactory(parent=practices, title="Mover", slug="mover")
    assert client.get("/practices/mover/").status_code == 200
    page.move(other, pos="last-child")
    old_address = client.get("/practices/mover/")
    # Wagtail's automatic redirect, not the page from a stale path.
    assert old_address.status_code == 301
    assert old_address["Location"] == "/other/mover/"
    assert client.get("/other/mover/").status_code == 200


def test_a_routable_page_keeps_its_sub_routes(client, home_page):
    from tests.factories.events import EventIndexPageFactory, EventPageFactory

    events = EventIndexPageFactory(parent=home_page, slug="events")
    event = EventPageFactory(parent=events, slug="an-event")
    # Sub-routes of the event (registration) answer as before: a GET is not allowed.
    assert client.get(event.url).status_code == 200
    assert client.get(f"{event.url}register/").status_code == 405


def test_a_page_below_a_routable_page_is_routed_in_one_query(client, home_page):
    """A program is routable (``certificate/``): a session below it is found by the same
    one-query shortcut, and the program's own sub-route still answers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.events import (
        EventIndexPageFactory,
        EventPageFactory,
        ProgramPageFactory,
    )

    events = EventIndexPageFactory(parent=home_page, slug="events")
    program = ProgramPageFactory(parent=events, slug="program")
    session = EventPageFactory(parent=program, slug="session-1", kind="session")
    client.get(session.url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/events/program/session-1/")
    assert response.status_code == 200 and response.context["page"].pk == session.pk
    program_reads = [
        q for q in captured.captured_queries if 'FROM "events_programpage"' in q["sql"]
    ]
    assert program_reads == []  # only the session's own row, not the program's first
    # The sub-route of the program is still the program's (sign in first, it says).
    certificate = client.get("/events/program/certificate/")
    assert certificate.status_code == 302 and "/accounts/login/" in certificate["Location"]
    assert client.get("/events/program/nope/").status_code == 404


def test_the_page_and_its_parents_cost_the_same_at_any_depth(client, practices):
    """The walk reads each level; the shortcut reads the page once whatever its depth (the
    section's base row comes with the cached path)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = PracticePageFactory(parent=practices, title="Deep", slug="deep")
    client.get(page.url)
    client.get(page.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(page.url)
    routing = [
        query
        for query in captured.captured_queries
        if 'FROM "wagtailcore_site"' in query["sql"] or 'FROM "wagtailcore_locale"' in query["sql"]
    ]
    assert routing == []


# -- What pages keep ---------------------------------------------------------------------------


def test_the_home_sections_show_a_new_practice(client, home_page, practices):
    PracticePageFactory(parent=practices, title="Older practice")
    assert "Older practice" in client.get("/").content.decode()
    PracticePageFactory(parent=practices, title="Brand new practice")
    assert "Brand new practice" in client.get("/").content.decode()


def test_the_initiative_page_shows_new_related_content(client, home_page, practices):
    registry = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    initiative = InitiativePageFactory(parent=registry, tags=["coffee"])
    PracticePageFactory(parent=practices, title="First coffee practice", tags=["coffee"])
    assert "First coffee practice" in client.get(initiative.url).content.decode()
    PracticePageFactory(parent=practices, title="Second coffee practice", tags=["coffee"])
    assert "Second coffee practice" in client.get(initiative.url).content.decode()


def test_the_topic_page_shows_new_sections(client, home_page, practices):
    topics = TopicIndexPageFactory(parent=home_page, slug="topics")
    topic = ResearchTopicPageFactory(parent=topics, tags=["water"])
    assert "Water practice" not in client.get(topic.url).content.decode()
    PracticePageFactory(parent=practices, title="Water practice", tags=["water"])
    assert "Water practice" in client.get(topic.url).content.decode()


def test_the_tag_pages_show_a_new_tag_and_item(client, practices):
    PracticePageFactory(parent=practices, title="Solar one", tags=["solar"])
    assert client.get(reverse("portal:tag", args=["wind"])).status_code == 404
    assert 'href="/tags/wind/"' not in client.get(reverse("portal:tag_index")).content.decode()
    PracticePageFactory(parent=practices, title="Wind one", tags=["wind"])
    assert client.get(reverse("portal:tag", args=["wind"])).status_code == 200
    assert 'href="/tags/wind/"' in client.get(reverse("portal:tag_index")).content.decode()
    PracticePageFactory(parent=practices, title="Solar two", tags=["solar"])
    assert "Solar two" in client.get(reverse("portal:tag", args=["solar"])).content.decode()


def test_a_repeated_search_finds_a_new_page(client, practices):
    url = reverse("portal:search") + "?q=geothermal"
    PracticePageFactory(parent=practices, title="Geothermal pilot")

    def titles():
        return {result["object"].title for result in client.get(url).context["results"]}

    assert titles() == {"Geothermal pilot"}
    PracticePageFactory(parent=practices, title="Geothermal plant")
    assert titles() == {"Geothermal pilot", "Geothermal plant"}


def test_search_pages_past_the_last_show_the_last(client, practices):
    for number in range(12):
        PracticePageFactory(parent=practices, title=f"Biogas digester {number}")
    url = reverse("portal:search") + "?q=biogas"
    last = client.get(url + "&page=2")
    assert last.status_code == 200
    assert client.get(url + "&page=99").context["page_obj"].number == 2
    assert client.get(url + "&page=x").context["page_obj"].number == 1
    assert len(last.context["results"]) == 2


def test_the_directory_count_follows_new_members(client):
    from tests.factories.community import MemberProfileFactory

    MemberProfileFactory(visibility="public")
    first = client.get(reverse("community:directory")).context["page_obj"].paginator.count
    MemberProfileFactory(visibility="public")
    second = client.get(reverse("community:directory")).context["page_obj"].paginator.count
    assert second == first + 1


def test_the_filtered_registry_count_follows_a_new_initiative(client, home_page):
    registry = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    InitiativePageFactory(parent=registry, country="CO")
    url = "/initiatives/?country=CO"
    assert client.get(url).context["total"] == 1
    InitiativePageFactory(parent=registry, country="CO")
    assert client.get(url).context["total"] == 2


# -- {% shared_fragment %}: HTML kept per generation ------------------------------------------


def test_the_registry_cards_and_facets_follow_a_new_initiative(client, home_page):
    registry = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    InitiativePageFactory(parent=registry, country="CO", title="First cluster")
    url = "/initiatives/?country=CO"
    html = client.get(url).content.decode()
    assert "First cluster" in html and "Second cluster" not in html
    InitiativePageFactory(parent=registry, country="PE", title="Second cluster")
    # The cards of the filtered list stay right, and the facets count the new country.
    html = client.get(url).content.decode()
    assert "Second cluster" not in html
    assert "Second cluster" in client.get("/initiatives/?country=PE").content.decode()
    assert 'value="PE"' in html


def test_shared_fragments_vary_on_the_query_string_and_language(client, home_page):
    registry = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    InitiativePageFactory(parent=registry, country="CO", title="Andean cluster")
    InitiativePageFactory(parent=registry, country="MX", title="Aztec cluster")
    colombia = client.get("/initiatives/?country=CO").content.decode()
    mexico = client.get("/initiatives/?country=MX").content.decode()
    assert "Andean cluster" in colombia and "Aztec cluster" not in colombia
    assert "Aztec cluster" in mexico and "Andean cluster" not in mexico


def test_the_initiative_page_related_block_varies_on_signing_in(
    client, home_page, practices, make_user
):
    registry = InitiativeIndexPageFactory(parent=home_page, slug="initiatives")
    initiative = InitiativePageFactory(parent=registry, tags=["coffee"])
    PracticePageFactory(parent=practices, title="Coffee practice", tags=["coffee"])
    client.force_login(make_user(username="reader", verified=True))
    assert "Coffee practice" in client.get(initiative.url).content.decode()
    current = f":{page_cache.generation()}:tpl:initiative-main:"
    client.logout()
    assert "Coffee practice" in client.get(initiative.url).content.decode()
    # One stored copy per kind of visitor, in the same generation.
    assert len([k for k in page_cache.cache._cache if current in str(k)]) == 2


def test_a_preview_is_never_stored(rf, home_page):
    from django.template import Context, Template

    template = Template(
        '{% load portal_tags %}{% shared_fragment "t" %}{{ value }}{% endshared_fragment %}'
    )
    request = rf.get("/")
    request.is_preview = True
    assert template.render(Context({"request": request, "value": "draft"})) == "draft"
    request.is_preview = False
    assert template.render(Context({"request": request, "value": "live"})) == "live"
    # Stored now: a later render with other data shows the stored HTML until the next write.
    assert template.render(Context({"request": request, "value": "other"})) == "live"
    page_cache.invalidate()
    assert template.render(Context({"request": request, "value": "other"})) == "other"


def test_the_member_cards_follow_a_new_member_and_signing_in(client, make_user):
    from tests.factories.community import MemberProfileFactory

    MemberProfileFactory(display_name="Public Paula", visibility="public")
    MemberProfileFactory(display_name="Members-only Marta", visibility="members")
    html = client.get("/members/").content.decode()
    assert "Public Paula" in html and "Members-only Marta" not in html
    MemberProfileFactory(display_name="Public Pedro", visibility="public")
    assert "Public Pedro" in client.get("/members/").content.decode()
    client.force_login(make_user(username="insider", verified=True))
    # A member gets the members' copy, never the anonymous one kept for the same URL.
    assert "Members-only Marta" in client.get("/members/").content.decode()


def test_the_practice_list_follows_a_new_practice_on_every_page_and_filter(client, practices):
    for number in range(13):
        PracticePageFactory(parent=practices, title=f"Practice {number:02d}", country="CO")
    first = client.get("/practices/")
    assert first.context["page_obj"].paginator.count == 13
    assert client.get("/practices/?page=2").context["page_obj"].number == 2
    PracticePageFactory(parent=practices, title="Newest practice", country="PE")
    html = client.get("/practices/").content.decode()
    assert "Newest practice" in html
    assert client.get("/practices/").context["page_obj"].paginator.count == 14
    # A filtered list is kept apart from the unfiltered one.
    peru = client.get("/practices/?country=PE")
    assert peru.context["page_obj"].paginator.count == 1
    assert "Practice 00" not in peru.content.decode()


def test_the_tag_page_and_topic_cards_follow_signing_in_and_new_items(
    client, home_page, practices, make_user
):
    topics = TopicIndexPageFactory(parent=home_page, slug="topics")
    topic = ResearchTopicPageFactory(parent=topics, tags=["hydrogen"])
    PracticePageFactory(parent=practices, title="Hydrogen practice", tags=["hydrogen"])
    assert "Hydrogen practice" in client.get("/tags/hydrogen/").content.decode()
    assert "Hydrogen practice" in client.get(topic.url).content.decode()
    PracticePageFactory(parent=practices, title="Second hydrogen practice", tags=["hydrogen"])
    assert "Second hydrogen practice" in client.get("/tags/hydrogen/").content.decode()
    assert "Second hydrogen practice" in client.get(topic.url).content.decode()
    client.force_login(make_user(username="reader2", verified=True))
    assert "Second hydrogen practice" in client.get("/tags/hydrogen/").content.decode()


def test_the_discussions_list_follows_a_new_thread(client):
    from tests.factories.discussions import ThreadFactory

    ThreadFactory(title="First question")
    assert "First question" in client.get("/discussions/").content.decode()
    ThreadFactory(title="Second question")
    response = client.get("/discussions/")
    assert "Second question" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 2


def test_a_request_reads_the_generation_once_and_forgets_it_after_a_write():
    """Inside a GET (PageCacheMiddleware), every fragment reads the generation from the
    request's memo; a write in the same process starts a new one and the memo follows."""
    from django.core.cache import cache

    token = page_cache._request_memo.set({})
    try:
        first = page_cache.generation()
        cache.set(page_cache.GENERATION_KEY, "changed-elsewhere", timeout=None)
        assert page_cache.generation() == first  # one snapshot for the whole request
        page_cache.invalidate()
        after_write = page_cache.generation()
        assert after_write not in (first, "changed-elsewhere")
        assert after_write == cache.get(page_cache.GENERATION_KEY)
    finally:
        page_cache._request_memo.reset(token)
    # Outside a request nothing is memoised.
    cache.set(page_cache.GENERATION_KEY, "outside", timeout=None)
    assert page_cache.generation() == "outside"


def test_the_standard_page_breadcrumbs_follow_a_renamed_parent(client, home_page):
    from portal.models import StandardPage

    parent = home_page.add_child(instance=StandardPage(title="About us", slug="about"))
    child = parent.add_child(instance=StandardPage(title="Team", slug="team"))
    assert ">About us</a>" in client.get(child.url).content.decode()
    parent.title = "Who we are"
    parent.save_revision().publish()
    html = client.get("/about/team/").content.decode()
    assert ">Who we are</a>" in html and ">About us</a>" not in html


def test_the_footer_follows_the_portal_settings_and_the_menu(client, home_page):
    """The footer's grid is a shared fragment (includes/footer.html): a new contact address or
    licence in the portal settings, and a new menu section, show on the next page."""
    from portal.models import PortalSettings, StandardPage

    settings_row = PortalSettings.load()
    settings_row.contact_email = "before@example.org"
    settings_row.save()
    assert "before@example.org" in client.get("/").content.decode()

    settings_row.contact_email = "after@example.org"
    settings_row.data_licence_name = "CC0 1.0"
    settings_row.save()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "after@example.org" in footer and "before@example.org" not in footer
    assert "CC0 1.0" in footer

    home_page.add_child(
        instance=StandardPage(title="Funding calls", slug="calls", show_in_menus=True)
    )
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert ">Funding calls</a>" in footer


def test_a_changed_template_does_not_serve_the_html_stored_by_the_old_one():
    """The shared cache outlives a deploy: a fragment's key carries its template's text, so
    new code never reads what the old template stored under the same name."""
    from django.template import Context, Engine

    def render(source):
        engine = Engine(
            loaders=[("django.template.loaders.locmem.Loader", {"page.html": source})],
            libraries={"portal_tags": "portal.templatetags.portal_tags"},
        )
        return engine.get_template("page.html").render(Context({}))

    old = '{% load portal_tags %}{% shared_fragment "deploy" %}old markup{% endshared_fragment %}'
    new = '{% load portal_tags %}{% shared_fragment "deploy" %}new markup{% endshared_fragment %}'
    assert render(old) == "old markup"
    assert render(old) == "old markup"
    assert render(new) == "new markup"
