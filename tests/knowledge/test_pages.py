"""Page models: creation rules, rendering in three languages, home and dashboard sections,
the demo loader."""

import random
from io import StringIO

from django.urls import reverse

from wagtail.models import Locale, WorkflowPage
from wagtail.test.utils import WagtailPageTestCase

import pytest

from knowledge.models import (
    NewsIndexPage,
    NewsPage,
    PracticeIndexPage,
    PracticePage,
    ResearchTopicPage,
    TopicIndexPage,
)
from portal.models import HomePage
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(PracticeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertAllowedSubpageTypes(TopicIndexPage, {ResearchTopicPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(PracticePage, set())


def test_pages_render(client, practice_index, topic_index, news_index):
    practice = PracticePageFactory(parent=practice_index, tags=["coffee"])
    topic = ResearchTopicPageFactory(parent=topic_index, tags=["coffee"])
    news = NewsPageFactory(parent=news_index, tags=["coffee"])
    for page in (practice_index, topic_index, news_index, practice, topic, news):
        response = client.get(page.url)
        assert response.status_code == 200, page
        assert page.title in response.content.decode()


def test_new_practice_index_pages_get_the_workflow(practice_index):
    assert WorkflowPage.objects.get(page=practice_index).workflow.name == "Practice moderation"


def test_home_sections(client, practice_index, topic_index):
    PracticePageFactory(parent=practice_index, title="Home practice")
    ResearchTopicPageFactory(parent=topic_index, title="Home topic")
    body = client.get("/").content.decode()
    assert "Home practice" in body
    assert "Home topic" in body


def test_dashboard_section_lists_my_practices(
    client, cluster_manager, practice_index, practice_data
):
    from portal.sections import dashboard_sections

    client.force_login(cluster_manager)
    client.post(reverse("knowledge:practice_new"), practice_data)
    request = client.get("/").wsgi_request
    request.user = cluster_manager
    html = next(s.html for s in dashboard_sections(request) if s.key == "practices")
    assert "Shared dryers in Huila" in html
    assert "Waiting for moderation" in html


def test_dashboard_section_is_hidden_for_plain_members(rf, member):
    from knowledge.wagtail_hooks import _dashboard_practices

    request = rf.get("/")
    request.user = member
    assert _dashboard_practices(request) is None


def test_untranslated_practices_show_in_every_language(client, practice_index, home_page):
    from django.utils import translation

    practice = PracticePageFactory(parent=practice_index, title="English only")
    translated = PracticePageFactory(parent=practice_index, title="Translated practice")
    for code in ("es",):
        locale = Locale.objects.get(language_code=code)
        home_page.copy_for_translation(locale).save_revision().publish()
        index = practice_index.copy_for_translation(locale)
        index.save_revision().publish()
        copy = translated.copy_for_translation(locale)
        copy.title = "Práctica traducida"
        copy.save_revision().publish()
    with translation.override("es"):
        response = client.get("/es/practices/")
    titles = [p.title for p in response.context["practices"]]
    assert sorted(titles) == ["English only", "Práctica traducida"]
    assert practice.pk in [p.pk for p in response.context["practices"]]


def test_demo_loader_is_idempotent(settings):
    from knowledge import demo
    from portal import demo_content

    settings.DEBUG = True
    out = StringIO()
    demo_content.load(rng=random.Random(1), stdout=out, scale=0, debug=True)
    demo.load(rng=random.Random(2), stdout=out, scale=0, debug=True)
    counts = (
        PracticePage.objects.count(),
        ResearchTopicPage.objects.count(),
        NewsPage.objects.count(),
    )
    demo.load(rng=random.Random(2), stdout=out, scale=0, debug=True)
    assert counts == (
        PracticePage.objects.count(),
        ResearchTopicPage.objects.count(),
        NewsPage.objects.count(),
    )
    assert PracticePage.objects.filter(locale__language_code="en", live=True).count() == 30
    assert ResearchTopicPage.objects.filter(locale__language_code="es").count() == 8
    assert ResearchTopicPage.objects.filter(locale__language_code="pt").count() == 8
    assert PracticePage.objects.filter(locale__language_code="pt").count() == 3
    assert NewsPage.objects.filter(title__startswith="Session 9 of the cluster management").exists()
    assert PracticePage.objects.filter(live=False, owner__username="manager").count() == 1


def test_staff_write_practices_in_the_admin(client, moderator, practice_index):
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["knowledge", "practicepage", practice_index.pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    for field in (
        "id_problem",
        "Additional content",
        "id_tags",
        "figures-FORMS",
        "attachments-FORMS",
    ):
        assert field in body, field
