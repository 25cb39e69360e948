"""One tag parser everywhere (portal/tag_parsing.py, through TAGGIT_TAGS_FROM_STRING and
TAGGIT_STRING_FROM_TAGS): commas or semicolons separate, spaces never do, quotes group, and
the string form reads back to the same tags, in every public form, the admin and the CSV
import."""

from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st
from taggit.utils import edit_string_for_tags, parse_tags

from community.forms import ProfileForm
from community.models import MemberProfile
from knowledge.forms import PracticeForm
from knowledge.models import PracticePage
from portal.models import Tag
from portal.tag_parsing import string_from_tags, tags_from_string
from portal.tag_validation import normalise_tag_name
from registry.forms import InitiativeForm
from registry.importers import LIST_SEPARATOR, export_rows, validate_row
from registry.models import InitiativePage


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("export promotion", ["export promotion"]),
        ("a, b", ["a", "b"]),
        ("a;b", ["a", "b"]),
        ("  coffee   roasting , ,; tea  ", ["coffee roasting", "tea"]),
        ("Coffee, coffee, COFFEE", ["Coffee"]),
        ('"Smith, Jones & Co", tea', ["Smith, Jones & Co", "tea"]),
        ('"export promotion", logistics', ["export promotion", "logistics"]),
        ('dried "fruit" exports', ["dried fruit exports"]),
        ('unclosed "quote, here', ["here", "unclosed quote"]),
        ("", []),
        (None, []),
        (" , ; ", []),
    ],
)
def test_tags_from_string(text, expected):
    assert tags_from_string(text) == expected


def test_taggit_uses_the_shared_functions():
    assert parse_tags("export promotion") == ["export promotion"]
    assert edit_string_for_tags([Tag(name="b"), Tag(name="a, c")]) == '"a, c", b'


@pytest.mark.parametrize(
    "names",
    [
        ["export promotion", "coffee"],
        ["Smith, Jones & Co", "tea"],
        ["R&D; innovation", "a"],
        ["café", "Ñandú", "東京"],
    ],
)
@pytest.mark.parametrize("separator", [", ", LIST_SEPARATOR])
def test_string_form_round_trips(names, separator):
    text = string_from_tags([Tag(name=name) for name in names], separator=separator)
    assert tags_from_string(text) == sorted(names)


def test_a_name_with_a_separator_is_quoted():
    assert string_from_tags(["a, b", "c"]) == '"a, b", c'
    assert string_from_tags(["x;y"], separator=";") == '"x;y"'


# Every form --------------------------------------------------------------------------------


def admin_tag_fields():
    """The page editors' tag fields (AdminTagNamesField with Wagtail's tag widget)."""
    from events.models import EventPage, ProgramPage
    from knowledge.models import NewsPage, ResearchTopicPage

    fields = []
    for model, names in [
        (InitiativePage, ["tags", "seeking_tags", "offering_tags"]),
        (PracticePage, ["tags"]),
        (ResearchTopicPage, ["tags"]),
        (NewsPage, ["tags"]),
        (EventPage, ["tags"]),
        (ProgramPage, ["tags"]),
    ]:
        form_class = model.get_edit_handler().get_form_class()
        fields += [
            (f"admin {model.__name__}.{name}", form_class.base_fields[name]) for name in names
        ]
    return fields


def public_tag_fields():
    return [
        *[
            (f"profile {name}", ProfileForm.base_fields[name])
            for name in ("expertise", "seeking", "offering")
        ],
        *[
            (f"initiative {name}", InitiativeForm.base_fields[name])
            for name in ("tags", "seeking_tags", "offering_tags")
        ],
        ("practice tags", PracticeForm.base_fields["tags"]),
    ]


@pytest.mark.django_db
def test_every_tag_field_reads_the_same_way():
    fields = public_tag_fields() + admin_tag_fields()
    assert len(fields) == 15
    for label, field in fields:
        assert field.clean("export promotion") == ["export promotion"], label
        assert field.clean("a, b") == ["a", "b"], label
        assert field.clean('"Smith, Jones & Co"; tea') == ["Smith, Jones & Co", "tea"], label
        # What the widget writes for the saved tags reads back to the same tags.
        written = field.widget.format_value([Tag(name="export promotion"), Tag(name="a, b")])
        assert field.clean(written) == ["a, b", "export promotion"], (label, written)


@pytest.mark.django_db
def test_initiative_form_keeps_a_two_word_tag(client, member, home_page):
    from registry.services import index_pages_ensure
    from tests.registry.conftest import form_data

    index_pages_ensure()
    client.force_login(member)
    response = client.post(
        reverse("registry:register"),
        form_data(tags="export promotion", seeking_tags="market access; export promotion"),
    )
    assert response.status_code == 302
    page = InitiativePage.objects.get(title="Cali Coffee Cluster").get_latest_revision_as_object()
    assert [t.name for t in page.tags.all()] == ["export promotion"]
    assert sorted(t.name for t in page.seeking_tags.all()) == ["export promotion", "market access"]


@pytest.mark.django_db
def test_practice_form_keeps_a_two_word_tag(client, make_user, home_page):
    from tests.factories.knowledge import PracticeIndexPageFactory
    from tests.knowledge.conftest import VALID_PRACTICE

    PracticeIndexPageFactory(parent=home_page)
    client.force_login(make_user(username="cm", groups=["Members", "Cluster managers"]))
    response = client.post(
        reverse("knowledge:practice_new"), {**VALID_PRACTICE, "tags": "export promotion"}
    )
    assert response.status_code == 302
    practice = PracticePage.objects.get().get_latest_revision_as_object()
    assert [t.name for t in practice.tags.all()] == ["export promotion"]


@pytest.mark.django_db
def test_profile_form_keeps_a_two_word_tag(client, member):
    from tests.community.test_profiles import edit_data

    client.force_login(member)
    response = client.post(
        reverse("community:profile_edit"), edit_data(expertise="export promotion, a;b")
    )
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=member)
    assert sorted(t.name for t in profile.expertise.all()) == ["a", "b", "export promotion"]
    edit = client.get(reverse("community:profile_edit"))
    assert 'value="a, b, export promotion"' in edit.content.decode()


# CSV import and export ---------------------------------------------------------------------


def test_importer_tags_column():
    values, errors = validate_row(
        {
            "name": "Imported",
            "country": "CO",
            "tags": 'export promotion;coffee, tea;"Smith, Jones"',
        },
        2,
        set(),
    )
    assert errors == []
    assert values["tags"] == ["Smith, Jones", "coffee", "export promotion", "tea"]


@pytest.mark.django_db
def test_exported_tags_column_imports_back(home_page):
    from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

    index = InitiativeIndexPageFactory(parent=home_page)
    page = InitiativePageFactory(parent=index, tags=["Smith, Jones", "export promotion"])
    [row] = export_rows(InitiativePage.objects.filter(pk=page.pk), private=False)
    assert row["tags"] == '"Smith, Jones";export promotion'
    values, _errors = validate_row(row, 2, set())
    assert values["tags"] == ["Smith, Jones", "export promotion"]


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["C"], blacklist_characters='"'), min_size=1)
        .map(normalise_tag_name)
        .filter(bool),
        unique_by=str.casefold,
        max_size=8,
    )
)
def test_any_names_round_trip(names):
    assert tags_from_string(string_from_tags(names)) == sorted(names)
    assert tags_from_string(string_from_tags(names, separator=LIST_SEPARATOR)) == sorted(names)
