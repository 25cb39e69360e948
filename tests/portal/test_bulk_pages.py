"""portal/bulk_pages.py: pages inserted in bulk are whole Wagtail pages (tree, specific rows,
routing, admin, search), translations share the original's key, and the synthetic vocabulary
is skewed and idempotent."""

import random
from collections import Counter

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

import pytest

from portal import bulk_pages
from portal.models import HomePage, StandardPage, Tag

pytestmark = pytest.mark.django_db


def make_pages(home, titles, **fields):
    pages = [
        StandardPage(title=title, slug=f"bulk-{number}", intro=f"Intro of {title}", **fields)
        for number, title in enumerate(titles, start=1)
    ]
    return bulk_pages.bulk_add_children(home, pages)


def test_bulk_children_are_whole_pages_in_a_sound_tree(home_page, client):
    before = home_page.get_children().count()
    pages = make_pages(home_page, ["Quinoa growers", "Salmon exporters", "Lithium suppliers"])

    assert all(page.pk for page in pages)
    assert Page.find_problems() == ([], [], [], [], [])  # what `manage.py fixtree` checks
    home_page.refresh_from_db()
    assert home_page.numchild == before + 3
    assert list(home_page.get_children().values_list("slug", flat=True))[-3:] == [
        "bulk-1",
        "bulk-2",
        "bulk-3",
    ]
    page = Page.objects.get(pk=pages[1].pk).specific
    assert isinstance(page, StandardPage)
    assert (page.title, page.intro, page.live, page.locale_id) == (
        "Salmon exporters",
        "Intro of Salmon exporters",
        True,
        home_page.locale_id,
    )
    assert page.url_path == f"{home_page.url_path}bulk-2/"
    assert page.first_published_at is not None and page.latest_revision_id is None

    response = client.get("/bulk-2/")
    assert response.status_code == 200
    assert "Intro of Salmon exporters" in response.content.decode()


def test_more_children_are_appended_after_the_bulk_ones(home_page):
    make_pages(home_page, ["First"])
    later = StandardPage(title="Added one by one", slug="one-by-one")
    Page.objects.get(pk=home_page.pk).add_child(instance=later)
    more = bulk_pages.bulk_add_children(
        home_page, [StandardPage(title="Bulk again", slug="bulk-again")]
    )
    assert more[0].path > later.path
    assert Page.find_problems() == ([], [], [], [], [])


def test_drafts_are_not_live_and_the_admin_lists_and_edits_them(home_page, admin_user, client):
    pages = make_pages(home_page, ["A live one"]) + bulk_pages.bulk_add_children(
        home_page, [StandardPage(title="A draft one", slug="a-draft", live=False)]
    )
    assert list(StandardPage.objects.live().filter(pk__in=[p.pk for p in pages])) == [pages[0]]
    assert pages[1].has_unpublished_changes

    client.force_login(admin_user)
    explorer = client.get(f"/admin/pages/{home_page.pk}/")
    assert explorer.status_code == 200
    assert "A live one" in explorer.content.decode() and "A draft one" in explorer.content.decode()
    assert client.get(f"/admin/pages/{pages[1].pk}/edit/").status_code == 200
    assert client.get("/a-draft/").status_code == 404


def test_translations_share_the_key_and_live_under_the_translated_parent(home_page):
    spanish = bulk_pages.translation_parent(home_page, "es")  # made when missing
    assert (
        spanish.locale.language_code == "es"
        and spanish.translation_key == home_page.translation_key
    )
    [original] = make_pages(home_page, ["Coffee routes"])
    [copy] = bulk_pages.bulk_translate(
        [original], spanish, fields=lambda page: {"title": "Rutas del café"}
    )
    copy = Page.objects.get(pk=copy.pk).specific
    assert copy.translation_key == original.translation_key
    assert copy.locale == Locale.objects.get(language_code="es")
    assert (copy.title, copy.intro, copy.slug) == ("Rutas del café", original.intro, "bulk-1")
    assert copy.get_parent().pk == spanish.pk
    assert original.get_translation(copy.locale).pk == copy.pk
    assert Page.find_problems() == ([], [], [], [], [])


def test_indexed_pages_are_found_by_search(home_page):
    pages = make_pages(home_page, ["Quinoa growers", "Salmon exporters"])
    backend = get_search_backend()
    assert list(backend.search("salmon", StandardPage)) == []  # bulk inserts send no signal
    bulk_pages.bulk_index(StandardPage, [page.pk for page in pages])
    assert [page.pk for page in backend.search("salmon", StandardPage)] == [pages[1].pk]


def test_synthetic_vocabulary_is_idempotent_and_skewed():
    tags = bulk_pages.synthetic_tags(50)
    assert len(tags) == 50 and bulk_pages.synthetic_tags(50) == tags
    assert Tag.objects.filter(name__startswith="topic ").count() == 50 - 30
    picker = bulk_pages.TagPicker(tags, random.Random(3))  # noqa: S311
    counts = Counter(tag_id for _ in range(2000) for tag_id in picker.pick(2))
    assert all(len(set(picker.pick(3))) == 3 for _ in range(20))
    assert counts[tags[0].pk] > 5 * counts[tags[-1].pk]


def test_scale_tag_count_is_a_tenth_between_ten_and_a_thousand():
    assert [bulk_pages.scale_tag_count(n) for n in (30, 5000, 10_000, 50_000)] == [
        10,
        500,
        1000,
        1000,
    ]


def test_only_direct_page_subclasses_of_one_model_are_accepted(home_page):
    with pytest.raises(ValueError, match="one model"):
        bulk_pages.bulk_add_children(
            home_page, [StandardPage(title="a", slug="a"), HomePage(title="b", slug="b")]
        )
