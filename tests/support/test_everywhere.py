"""Support where a visitor expects it (issue 14, "Everywhere"): a main-menu entry, the home
page's "Latest answers", the weekly digest and the open data; published answers only, never a
private request nor who asked."""

import csv
import io
import zipfile
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone, translation

import pytest
from frictionless import Package, validate

from community.digests import digest_content, send_digest
from community.models import Follow
from portal import open_data_package
from portal.models import Tag
from portal.navigation import main_menu
from portal.open_data import open_datasets
from portal.sections import home_sections
from support.open_data import answer_rows
from support.selectors import latest_answers
from tests.factories.community import MemberProfileFactory
from tests.factories.support import SupportRequestFactory, published_answer
from tests.querycounts import assert_constant_queries_of, captured_queries

pytestmark = pytest.mark.django_db


def _anonymous(path="/"):
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


def _home_html(language="en"):
    with translation.override(language):
        sections = home_sections(_anonymous(f"/{language}/" if language != "en" else "/"))
    return next((s.html for s in sections if s.key == "support-answers"), None)


# -- The main menu ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "label", "url"),
    [
        ("en", "Technical support", "/support/"),
        ("es", "Apoyo técnico", "/es/support/"),
        ("pt", "Apoio técnico", "/pt/support/"),
    ],
)
def test_the_main_menu_has_support_in_the_visitors_language(home_page, language, label, url):
    with translation.override(language):
        items = main_menu(RequestFactory().get(url))
    (entry,) = [item for item in items if item.url == url]
    assert entry.label == label
    assert entry.current == "page"


def test_the_menu_entry_is_on_every_page(client, home_page):
    html = client.get("/es/").content.decode()
    assert 'href="/es/support/"' in html and "Apoyo técnico" in html


# -- The home page ----------------------------------------------------------------------------


def test_home_shows_the_latest_published_answers_only(manager, initiative):
    published_answer(requester=manager, initiative=initiative, title="Old answer")
    newest = published_answer(requester=manager, initiative=initiative, title="New answer")
    SupportRequestFactory(requester=manager, title="Private request", answer="Secret answer")
    published_answer(requester=manager, title="No consent", consent_to_publish=False)
    html = _home_html()
    assert "Latest answers" in html
    assert html.index("New answer") < html.index("Old answer")
    assert f'href="/support/answers/{newest.pk}/"' in html
    assert "Private request" not in html and "No consent" not in html
    assert "manager1" not in html  # never who asked


def test_home_section_is_hidden_without_answers(manager):
    SupportRequestFactory(requester=manager, title="Private request")
    assert _home_html() is None


def test_home_section_is_translated(manager):
    published_answer(requester=manager, title="Una pregunta", language="es")
    assert "Últimas respuestas" in _home_html("es")
    cache.clear()
    assert "Últimas respostas" in _home_html("pt")


def test_home_section_costs_two_queries_whatever_the_number_of_answers(manager):
    count = iter(range(100))

    def add():
        for _ in range(3):
            published_answer(requester=manager, title=f"Q{next(count)}", tags=["coffee", "x"])

    add()
    # The selector itself: the answers, then their tags.
    assert assert_constant_queries_of(lambda: latest_answers(limit=3), grow=add, most=2) == 2


def test_home_section_is_a_shared_fragment(manager):
    published_answer(requester=manager, title="Cached answer")
    assert "Cached answer" in _home_html()
    with translation.override("en"):
        request = _anonymous()
        _result, queries = captured_queries(lambda: home_sections(request))
    assert not [q for q in queries if "support_supportrequest" in q]
    # A write to a request starts a new generation: the next visitor sees it.
    published_answer(requester=manager, title="Fresh answer")
    assert "Fresh answer" in _home_html()


def test_home_page_answers_200_with_the_section(client, manager):
    published_answer(requester=manager, title="On the home page")
    assert "On the home page" in client.get("/").content.decode()


# -- The weekly digest ------------------------------------------------------------------------


@pytest.fixture
def reader(make_user):
    user = make_user(username="reader", preferred_language="es", groups=["Members"])
    MemberProfileFactory(user=user, display_name="Lectora")
    Follow.objects.create(user=user, tag=Tag.objects.get_or_create(name="coffee")[0])
    return user


def test_digest_lists_answers_published_since_the_last_one(reader, manager):
    since = timezone.now() - timedelta(days=7)
    # Asked a month ago, answered and published yesterday: new for the reader.
    late = published_answer(requester=manager, title="Asked long ago", tags=["coffee"])
    type(late).objects.filter(pk=late.pk).update(
        created_at=timezone.now() - timedelta(days=30),
        published_at=timezone.now() - timedelta(days=1),
    )
    old = published_answer(requester=manager, title="Published before", tags=["coffee"])
    type(old).objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=9))
    published_answer(requester=manager, title="Other tag", tags=["cocoa"])
    SupportRequestFactory(requester=manager, title="Private coffee", tags=["coffee"])
    with translation.override("es"):
        sections = digest_content(user=reader, since=since)
    (answers,) = [s for s in sections if s["label"] == "Preguntas y respuestas"]
    assert [item["title"] for item in answers["items"]] == ["Asked long ago"]
    assert answers["items"][0]["url"].endswith(f"/es/support/answers/{late.pk}/")


def test_digest_email_carries_the_answer_in_the_readers_language(reader, manager, mailoutbox):
    answer = published_answer(requester=manager, title="Coffee drying", tags=["coffee"])
    SupportRequestFactory(requester=manager, title="Private coffee", tags=["coffee"])
    assert send_digest(profile=reader.profile, force=True)
    (message,) = mailoutbox
    assert "Preguntas y respuestas" in message.body
    assert "Coffee drying" in message.body and "Private coffee" not in message.body
    assert f"/es/support/answers/{answer.pk}/" in message.body


# -- Open data --------------------------------------------------------------------------------


def test_open_dataset_has_published_answers_without_who_asked(manager, initiative, topic):
    answer = published_answer(
        requester=manager,
        initiative=initiative,
        topic=topic,
        title="Mapping coffee",
        description="Which method?",
        language="es",
        tags=["coffee", "value chains"],
        answered_at=timezone.now(),
    )
    SupportRequestFactory(requester=manager, title="Private request", answer="Secret answer")
    published_answer(requester=manager, title="No consent", consent_to_publish=False)
    (row,) = list(answer_rows())
    assert row["id"] == answer.pk
    assert (row["question"], row["details"], row["answer"]) == (
        "Mapping coffee",
        "Which method?",
        answer.answer,
    )
    assert (row["topic"], row["tags"], row["language"]) == (
        "Value chains",
        ["coffee", "value chains"],
        "es",
    )
    assert row["published_at"] and row["answered_at"] and row["asked_at"]
    assert row["url"].startswith("http") and row["url"].endswith(
        f"/es/support/answers/{answer.pk}/"
    )
    (dataset,) = [d for d in open_datasets() if d.key == "support-answers"]
    names = {field.name for field in dataset.fields}
    assert names == set(row)
    assert not names & {"requester", "initiative", "assignee", "answered_by", "notes", "email"}
    assert "manager1" not in repr(row) and "Coffee Cluster" not in repr(row)


def test_open_dataset_costs_a_constant_number_of_queries(manager):
    count = iter(range(100))

    def add():
        for _ in range(3):
            published_answer(requester=manager, title=f"Q{next(count)}", tags=["coffee"])

    add()
    # The answers, their tags, the site for the addresses.
    assert_constant_queries_of(lambda: list(answer_rows()), grow=add, most=3)


def test_answers_are_in_the_bulk_package(manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    published_answer(requester=manager, title="In the package", tags=["coffee"])
    SupportRequestFactory(requester=manager, title="Private request")
    published_answer(requester=manager, title="=cmd|' /C calc'!A0", tags=["coffee", "x"])
    archive = zipfile.ZipFile(io.BytesIO(open_data_package.build_package_bytes()))
    rows = list(csv.DictReader(io.StringIO(archive.read("support-answers.csv").decode())))
    assert [row["question"] for row in rows] == ["In the package", "'=cmd|' /C calc'!A0"]
    assert [row["tags"] for row in rows] == ["coffee", "coffee;x"]
    # The descriptor and the CSV pass Frictionless (types: datetimes, the tag list).
    folder = tmp_path / "package"
    archive.extractall(folder)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resource = Package(str(folder / "datapackage.json")).get_resource("support-answers")
    assert [row["tags"] for row in resource.read_rows()] == [["coffee"], ["coffee", "x"]]
