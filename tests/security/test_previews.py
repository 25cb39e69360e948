"""Moderators review submissions through Wagtail's preview, draft view and revision compare.
A page built from a revision holds its relations (tags, parental many-to-many, inline
children) in memory, as modelcluster's ``FakeQuerySet``: every page type must render that way,
not only from the database (a ``.live()`` on such a relation answered 500)."""

from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import querydict_from_html

import pytest
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField

from portal.models import HomePage, StandardPage
from registry.models import InitiativeIndexPage
from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
from tests.factories.knowledge import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    ResearchTopicPageFactory,
    TopicIndexPageFactory,
)
from tests.factories.projects import ProjectIndexPageFactory, ProjectPageFactory
from tests.factories.registry import InitiativeIndexPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def _child(parent, factory, **kwargs):
    return factory(parent=parent, **kwargs)


def _initiative_index(home):
    return InitiativeIndexPage.objects.child_of(home).first() or InitiativeIndexPageFactory(
        parent=home
    )


def _standard(home):
    page = StandardPage(title="About", slug="about-preview", intro="Who we are.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


# One way to build a live page of every concrete page type (test_every_page_type_is_covered
# fails when a new page type has none).
BUILDERS = {
    HomePage: lambda home: home,
    StandardPage: _standard,
    InitiativeIndexPage: _initiative_index,
    "registry.InitiativePage": lambda home: InitiativePageFactory(
        parent=_initiative_index(home), tags=["coffee"], sectors=["62"]
    ),
    "knowledge.PracticeIndexPage": lambda home: _child(home, PracticeIndexPageFactory),
    "knowledge.PracticePage": lambda home: PracticePageFactory(
        parent=PracticeIndexPageFactory(parent=home), tags=["coffee"]
    ),
    "knowledge.TopicIndexPage": lambda home: _child(home, TopicIndexPageFactory),
    "knowledge.ResearchTopicPage": lambda home: ResearchTopicPageFactory(
        parent=TopicIndexPageFactory(parent=home), tags=["coffee"]
    ),
    "knowledge.NewsIndexPage": lambda home: _child(home, NewsIndexPageFactory),
    "knowledge.NewsPage": lambda home: NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home), tags=["coffee"]
    ),
    "events.EventIndexPage": lambda home: _child(home, EventIndexPageFactory),
    "events.ProgramPage": lambda home: ProgramPageFactory(
        parent=EventIndexPageFactory(parent=home)
    ),
    "events.EventPage": lambda home: EventPageFactory(parent=EventIndexPageFactory(parent=home)),
    "projects.ProjectIndexPage": lambda home: _child(home, ProjectIndexPageFactory),
    "projects.ProjectPage": lambda home: ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=home),
        lead_initiative=InitiativePageFactory(parent=_initiative_index(home)),
    ),
}
BUILDERS = {
    (key._meta.label if isinstance(key, type) else key): builder
    for key, builder in BUILDERS.items()
}


def _page_types():
    return sorted(
        model._meta.label for model in get_page_models() if model._meta.label != "wagtailcore.Page"
    )


def test_every_page_type_is_covered():
    assert set(_page_types()) == set(BUILDERS)


def _related_targets(field):
    """Live pages (or plain objects) a many-to-many may point at: live pages of another type
    are made on purpose, so that a filter such as ``.live()`` has something to keep."""
    return list(field.related_model._default_manager.all()[:2])


def _draft_with_changed_relations(page, user):
    """Save a revision of ``page`` whose relations differ from the live version, unpublished."""
    first = page.save_revision(user=user)
    draft = page.get_latest_revision_as_object()
    draft.title = f"{page.title} (changed)"
    for field in type(draft)._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            setattr(draft, field.name, _related_targets(field))
        elif isinstance(field, ClusterTaggableManager):
            getattr(draft, field.name).add("preview-check")
    second = draft.save_revision(user=user)
    return first, second


@pytest.mark.parametrize("label", _page_types())
def test_moderators_preview_draft_and_compare_every_page_type(client, home_page, moderator, label):
    # Live pages of the related types, for the many-to-many relations to point at.
    InitiativePageFactory(parent=_initiative_index(home_page), title="Linked initiative")
    ResearchTopicPageFactory(parent=TopicIndexPageFactory(parent=home_page, slug="linked-topics"))
    page = BUILDERS[label](home_page)
    first, second = _draft_with_changed_relations(page, moderator)
    page.refresh_from_db()
    assert page.has_unpublished_changes
    client.force_login(moderator)

    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert draft.status_code == 200, (label, draft.get("Location"))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert edit.status_code == 200, label
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    # StreamFields are built by the admin's JavaScript: send them empty.
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    checked = client.post(preview_url, data)
    assert checked.json() == {"is_valid": True, "is_available": True}, label
    assert client.get(preview_url).status_code == 200, label

    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200, label
    compare_live = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", second.pk])
    )
    assert compare_live.status_code == 200, label
