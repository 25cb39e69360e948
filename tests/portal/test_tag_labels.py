"""Tags in three languages (portal/tag_labels.py): one slug, a label per language shown
wherever a tag is, matching by a label in any language ("café" finds coffee), the
moderators' editor and its "missing a translation" list."""

from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest

from community.models import MemberProfile
from portal import page_cache
from portal.models import Tag
from portal.tag_labels import canonical_tag_names, fold, tag_label, tags_for_labels
from portal.tagging import tag_for_label
from registry.services import index_pages_ensure
from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
from tests.factories.registry import InitiativePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coffee():
    return Tag.objects.create(name="coffee", name_es="café", name_pt="café")


@pytest.fixture
def agro():
    return Tag.objects.create(
        name="agro-industry", name_es="agroindustria", name_pt="agroindústria"
    )


@pytest.fixture
def practice_index(home_page):
    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def registry_index(home_page):
    return index_pages_ensure()


def publish_initiative(index, **fields):
    page = InitiativePageFactory(parent=index, **fields)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# The label and its fallback ------------------------------------------------------------------


def test_label_follows_the_active_language_and_falls_back_to_english(coffee):
    water = Tag.objects.create(name="water", name_es="agua")  # no Portuguese label yet
    expected = {"en": ("coffee", "water"), "es": ("café", "agua"), "pt": ("café", "water")}
    for language, labels in expected.items():
        with translation.override(language):
            assert (coffee.label, water.label) == labels
    assert tag_label(water, "pt-br") == "water"
    assert tag_label({"name": "water", "name_es": None}, "es") == "water"


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Café ") == fold("CAFE") == "cafe"
    assert fold("Agroindústria") == "agroindustria"


# Matching a label in any language --------------------------------------------------------------


def test_tag_for_label_finds_a_tag_by_any_label_case_and_accents_ignored(coffee, agro):
    for text in ("café", "CAFÉ", "Cafe", "coffee", "Coffee"):
        assert tag_for_label(text) == coffee, text
    assert tag_for_label("Agroindustria") == agro
    assert tag_for_label("agroindústria") == agro
    assert tag_for_label("agro-industry") == agro  # the slug
    assert tag_for_label("tea") is None
    assert tag_for_label("   ") is None


def test_the_label_the_visitor_reads_wins(coffee):
    # An English tag spelt like coffee's Spanish label (as the importer once created).
    cafe = Tag.objects.create(name="café")
    with translation.override("es"):
        assert tag_for_label("café") == coffee
    with translation.override("en"):
        assert tag_for_label("café") == cafe
    assert tag_for_label("café", language="pt") == coffee


def test_matching_many_names_costs_one_query_when_all_exist(
    coffee, agro, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = tags_for_labels(["café", "agroindustria", "coffee"])
    assert found == {"café": coffee, "agroindustria": agro, "coffee": coffee}


def test_canonical_names_map_labels_to_the_english_name(coffee):
    with translation.override("es"):
        assert canonical_tag_names(["café", "Coffee", "té verde"]) == ["coffee", "té verde"]


def test_spanish_member_typing_cafe_gets_the_coffee_tag(client, member, coffee):
    from tests.community.test_profiles import edit_data

    client.force_login(member)
    with translation.override("es"):
        url = reverse("community:profile_edit")
    assert url.startswith("/es/")
    response = client.post(url, edit_data(expertise="café, Agroindustria"))
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert sorted(t.name for t in profile.expertise.all()) == ["Agroindustria", "coffee"]
    assert not Tag.objects.filter(name="café").exists()


def test_practice_form_on_spanish_site_uses_existing_tag(client, make_user, home_page, agro):
    from knowledge.models import PracticePage
    from tests.knowledge.conftest import VALID_PRACTICE

    PracticeIndexPageFactory(parent=home_page)
    client.force_login(make_user(username="cm", groups=["Members", "Cluster managers"]))
    with translation.override("es"):
        url = reverse("knowledge:practice_new")
    response = client.post(url, {**VALID_PRACTICE, "tags": "Agroindustria; nueva"})
    assert response.status_code == 302
    practice = PracticePage.objects.get().get_latest_revision_as_object()
    assert sorted(t.name for t in practice.tags.all()) == ["agro-industry", "nueva"]
    assert Tag.objects.count() == 2


# Shown in the visitor's language ---------------------------------------------------------------


def test_tag_page_title_heading_and_feed_links_in_spanish(client, coffee, practice_index):
    PracticePageFactory(parent=practice_index, tags=[coffee])
    html = client.get(f"/es/tags/{coffee.slug}/").content.decode()
    assert "<h1>café</h1>" in html
    assert "<title>Etiqueta: café · Articula</title>" in html
    assert 'title="café (RSS)"' in html
    html = client.get(f"/pt/tags/{coffee.slug}/").content.decode()
    assert "<h1>café</h1>" in html
    english = client.get(f"/tags/{coffee.slug}/").content.decode()
    assert "<h1>coffee</h1>" in english


def test_tag_feed_title_in_the_visitors_language(client, coffee, practice_index):
    PracticePageFactory(parent=practice_index, tags=[coffee])
    feed = client.get(f"/es/tags/{coffee.slug}/feed/").content.decode()
    assert "café" in feed.split("</title>")[0]


def test_cloud_shows_and_sorts_by_the_label(client, coffee, agro, practice_index):
    Tag.objects.create(name="water", name_es="agua")
    PracticePageFactory(parent=practice_index, tags=["coffee", "agro-industry", "water"])
    response = client.get("/es/tags/")
    assert [tag.label for tag in response.context["tags"]] == ["agroindustria", "agua", "café"]
    assert ">café</a>" in response.content.decode()


def test_chips_on_a_spanish_initiative_page_show_the_label(client, coffee, registry_index):
    page = publish_initiative(registry_index, title="Huila Coffee", tags=["coffee"])
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()
    response = client.get(spanish.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/es/tags/{coffee.slug}/">café</a>' in html
    # The English page keeps the English name.
    assert f'href="/tags/{coffee.slug}/">coffee</a>' in client.get(page.url).content.decode()


def test_registry_list_chips_and_tag_facet_in_spanish(client, coffee, registry_index):
    publish_initiative(registry_index, title="Huila Coffee", tags=["coffee"])
    response = client.get("/es/initiatives/")
    assert response.status_code == 200
    assert [option["label"] for option in response.context["facets"]["tag"]] == ["café"]
    assert f'href="/es/tags/{coffee.slug}/">café</a>' in response.content.decode()


def test_member_profile_chips_in_portuguese(client, member, agro):
    profile = MemberProfile.objects.get(user=member)
    profile.expertise.add(agro)
    profile.save()
    client.force_login(member)
    html = client.get(f"/pt/members/{member.username}/").content.decode()
    assert ">agroindústria</a>" in html


def test_member_directory_tag_filter_accepts_a_label(client, member, agro):
    profile = MemberProfile.objects.get(user=member)
    profile.expertise.add(agro)
    profile.save()
    client.force_login(member)
    response = client.get("/es/members/", {"tag": "Agroindustria"})
    assert response.context["tag"] == agro
    assert "agroindustria" in response.content.decode()


# Autocomplete and search -----------------------------------------------------------------------


def test_autocomplete_searches_every_label_and_answers_in_spanish(
    client, coffee, agro, practice_index
):
    PracticePageFactory(parent=practice_index, tags=["coffee", "agro-industry"])
    url = "/es/tags/autocomplete/"
    assert client.get(url, {"q": "caf"}).json() == {
        "results": [{"slug": coffee.slug, "label": "café"}]
    }
    # English typed on the Spanish site still finds the tag, shown in Spanish.
    assert client.get(url, {"q": "coff"}).json()["results"] == [
        {"slug": coffee.slug, "label": "café"}
    ]
    assert client.get("/pt/tags/autocomplete/", {"q": "indústria"}).json()["results"] == [
        {"slug": agro.slug, "label": "agroindústria"}
    ]
    assert client.get("/tags/autocomplete/", {"q": "café"}).json()["results"] == [
        {"slug": coffee.slug, "label": "coffee"}
    ]


def test_search_for_a_label_finds_content_tagged_with_the_tag(client, coffee, practice_index):
    # Neither text says coffee or café: only the tag can match.
    PracticePageFactory(
        parent=practice_index,
        title="Shared dryers",
        summary="Solar dryers.",
        problem="<p>Losses.</p>",
        tags=[coffee],
    ).save_revision().publish()  # indexed with its tags
    PracticePageFactory(
        parent=practice_index, title="Port logistics", summary="Ships.", problem="<p>Queues.</p>"
    )
    response = client.get("/search/", {"q": "café"})
    assert response.status_code == 200
    assert [r["object"].title for r in response.context["results"]] == ["Shared dryers"]
    assert client.get("/es/search/", {"q": "Café"}).context["results"]
    assert not client.get("/search/", {"q": "té"}).context["results"]


# The moderators' editor ------------------------------------------------------------------------


def edit(client, tag, **labels):
    data = {"name": tag.name, "slug": tag.slug, "name_es": "", "name_pt": "", **labels}
    return client.post(reverse("knowledge_tags:edit", args=[tag.pk]), data)


def test_admin_edits_the_labels_and_an_empty_one_falls_back(client, moderator, coffee):
    client.force_login(moderator)
    form = client.get(reverse("knowledge_tags:edit", args=[coffee.pk])).content.decode()
    assert 'name="name_es"' in form and 'name="name_pt"' in form
    response = edit(client, coffee, name_es="  Café   de Colombia ", name_pt="")
    assert response.status_code == 302
    coffee.refresh_from_db()
    assert (coffee.name_es, coffee.name_pt) == ("Café de Colombia", None)
    with translation.override("pt"):
        assert coffee.label == "coffee"


def test_admin_refuses_a_label_of_spaces_only_in_spanish(client, moderator, coffee):
    client.force_login(moderator)
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "es"
    profile.save()
    response = edit(client, coffee, name_es="  ", name_pt="café")
    assert response.status_code == 200
    # The message is rendered in the moderator's admin language.
    assert (
        "Un nombre no puede ser solo espacios: déjelo vacío para mostrar el nombre en inglés."
        in response.content.decode()
    )
    assert set(response.context["form"].errors) == {"name_es"}
    coffee.refresh_from_db()
    assert coffee.name_es == "café"


def test_admin_refuses_a_duplicate_label_in_the_same_language(client, moderator, coffee):
    tea = Tag.objects.create(name="tea", name_pt="chá")
    client.force_login(moderator)
    response = edit(client, tea, name_es="CAFE", name_pt="chá")
    assert response.status_code == 200
    assert response.context["form"].errors["name_es"] == [
        "Another tag (“coffee”) already has the Spanish label “CAFE”."
    ]
    # Another tag's label in another language is no collision.
    Tag.objects.create(name="mate", name_pt="mate")
    assert edit(client, tea, name_es="mate", name_pt="chá").status_code == 302


def test_admin_refuses_a_too_long_label_and_keeps_the_name_required(client, moderator, coffee):
    client.force_login(moderator)
    response = edit(client, coffee, name_es="x" * 61)
    assert "too long" in response.context["form"].errors["name_es"][0]
    response = client.post(
        reverse("knowledge_tags:edit", args=[coffee.pk]),
        {"name": "", "slug": coffee.slug, "name_es": "café", "name_pt": ""},
    )
    assert "name" in response.context["form"].errors


def test_model_clean_validates_labels(coffee):
    tag = Tag(name="tea", slug="tea", name_es="Café", name_pt="   ")
    with pytest.raises(ValidationError) as raised:
        tag.full_clean()
    assert set(raised.value.message_dict) == {"name_es", "name_pt"}


def test_missing_translations_list_with_counts(client, moderator, coffee):
    Tag.objects.create(name="water", name_es="agua")
    Tag.objects.create(name="tea")
    client.force_login(moderator)
    index = reverse("knowledge_tags:index")
    response = client.get(index)
    choices = dict(response.context["filters"].form.fields["missing"].choices)
    assert choices["any"] == "Spanish or Portuguese (2)"
    assert choices["es"] == "Spanish (1)"
    assert choices["pt"] == "Portuguese (2)"
    names = {
        value: sorted(t.name for t in client.get(index, {"missing": value}).context["object_list"])
        for value in ("any", "es", "pt")
    }
    assert names == {"any": ["tea", "water"], "es": ["tea"], "pt": ["tea", "water"]}


# Query counts and the demo ---------------------------------------------------------------------


def test_tag_page_queries_do_not_change_with_labels(client, practice_index):
    tag = Tag.objects.create(name="coffee")
    for _ in range(3):
        PracticePageFactory(parent=practice_index, tags=[tag, "water"])
    url = f"/es/tags/{tag.slug}/"
    client.get(url)

    def count():
        # The page's shared fragments computed afresh (portal.page_cache), as after any write:
        # ``update()`` sends no signal, so the test starts the new generation itself.
        page_cache.invalidate()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    without = count()
    Tag.objects.filter(name="coffee").update(name_es="café", name_pt="café")
    Tag.objects.filter(name="water").update(name_es="agua", name_pt="água")
    assert count() == without
    assert without > 0
    assert "agua" in client.get(url).content.decode()


def test_demo_labels_every_demo_tag_and_is_idempotent(settings, practice_index):
    from portal.demo_tags import DEMO_TAG_LABELS

    PracticePageFactory(parent=practice_index, tags=["coffee", "export promotion"])
    Tag.objects.create(name="open data", name_es="datos públicos")  # a moderator's choice

    def load():
        out = StringIO()
        call_command("load_demo_data", "--only", "tag-labels", stdout=out)
        return list(Tag.objects.order_by("name").values_list("name", "name_es", "name_pt"))

    first = load()
    assert first == [
        ("coffee", "café", "café"),
        ("export promotion", "promoción de exportaciones", "promoção de exportações"),
        ("open data", "datos públicos", "dados abertos"),
    ]
    assert load() == first
    for spanish, portuguese in DEMO_TAG_LABELS.values():
        Tag(name="x", slug="x", name_es=spanish, name_pt=portuguese).clean_fields()


def test_dashboard_suggestions_show_labels(member, other_member, agro):
    from community.matching import member_suggestions

    mine = MemberProfile.objects.get(user=member)
    theirs = MemberProfile.objects.get(user=other_member)
    for profile in (mine, theirs):
        profile.expertise.add(agro)
        profile.save()
    with translation.override("es"):
        [suggestion] = member_suggestions(mine)
        assert suggestion.reasons == ["Ambos trabajan en: agroindustria"]
    assert [tag.label for tag in suggestion.tags] == ["agro-industry"]
