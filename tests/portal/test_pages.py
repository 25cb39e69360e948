"""Every page type is built on ``portal.models.BasePage`` (the index pages on ``IndexPage``), so
each one has the same admin tabs, Settings (scheduled publishing) included: initiatives and
practices had none before."""

from django.apps import apps

from wagtail.models import Page

import pytest

from portal.models import BasePage, HomePage, IndexPage, StandardPage
from portal.site_structure import site_structure_ensure
from tests.factories.events import EventPageFactory, ProgramPageFactory
from tests.factories.knowledge import NewsPageFactory, PracticePageFactory, ResearchTopicPageFactory
from tests.factories.projects import ProjectPageFactory
from tests.factories.registry import InitiativePageFactory

PROJECT_APPS = {
    "portal",
    "registry",
    "community",
    "knowledge",
    "events",
    "ops",
    "accounts",
    "discussions",
    "support",
    "projects",
    "observatory",
}


def project_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in PROJECT_APPS
    ]


def test_every_page_type_is_a_base_page():
    models = project_page_models()
    assert len(models) >= 13
    assert [m.__name__ for m in models if not issubclass(m, BasePage)] == []


def test_section_pages_are_index_pages():
    index_models = {m.__name__ for m in project_page_models() if issubclass(m, IndexPage)}
    assert index_models == {
        "InitiativeIndexPage",
        "PracticeIndexPage",
        "TopicIndexPage",
        "EventIndexPage",
        "NewsIndexPage",
        "ProjectIndexPage",
    }
    for name in index_models:
        model = next(m for m in project_page_models() if m.__name__ == name)
        assert model.parent_page_types == ["portal.HomePage"]
        assert model.max_count_per_parent == 1
        assert "intro" in [field.name for field in model.api_fields]


def tab_headings(model):
    return [str(tab.heading) for tab in model.get_edit_handler().children]


def test_tabs_come_in_one_order_with_the_pages_own_tabs_in_the_middle():
    from knowledge.models import PracticePage
    from registry.models import InitiativePage

    assert tab_headings(StandardPage) == ["Content", "Promote", "Settings"]
    assert tab_headings(PracticePage) == ["Content", "Context", "Promote", "Settings"]
    assert tab_headings(InitiativePage) == [
        "Identity",
        "Place",
        "Profile",
        "Topics",
        "Contact and record",
        "Promote",
        "Settings",
    ]


@pytest.fixture
def one_page_of_each_type(home_page):
    site_structure_ensure()
    index = {
        type(page).__name__: page
        for page in Page.objects.child_of(home_page).specific()
        if isinstance(page, IndexPage)
    }
    program = ProgramPageFactory(parent=index["EventIndexPage"])
    pages = [
        home_page,
        *index.values(),
        home_page.add_child(instance=StandardPage(title="About", slug="about")),
        initiative := InitiativePageFactory(parent=index["InitiativeIndexPage"]),
        PracticePageFactory(parent=index["PracticeIndexPage"]),
        ResearchTopicPageFactory(parent=index["TopicIndexPage"]),
        NewsPageFactory(parent=index["NewsIndexPage"]),
        program,
        EventPageFactory(parent=program),
        ProjectPageFactory(parent=index["ProjectIndexPage"], lead_initiative=initiative),
    ]
    return pages


@pytest.mark.django_db
def test_the_admin_edit_view_of_every_page_type_offers_scheduled_publishing(
    client, admin_user, one_page_of_each_type
):
    client.force_login(admin_user)
    seen = set()
    for page in one_page_of_each_type:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, type(page).__name__
        content = response.content.decode()
        # The Settings tab's scheduled publishing (Wagtail shows a tab holding nothing but
        # it as a dialog of the status side panel, so the fields are what to look for).
        assert 'name="go_live_at"' in content, type(page).__name__
        assert 'name="expire_at"' in content, type(page).__name__
        seen.add(type(page))
    assert seen == set(project_page_models())


@pytest.mark.django_db
def test_a_new_section_page_is_in_the_menu_by_default(home_page):
    from knowledge.models import NewsIndexPage

    assert NewsIndexPage(title="News", slug="news").show_in_menus is True
    assert StandardPage(title="About", slug="about").show_in_menus is False
    assert HomePage.show_in_menus_default is False
