"""portal.moderation: one vocabulary of states and one badge, workflows found by a stable key,
one email to the submitter, and "is a moderator" asked through a permission."""

import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail import hooks
from wagtail.models import Workflow, WorkflowPage, WorkflowState

import pytest

from portal.models import ModeratedWorkflow, StandardPage
from portal.moderation import (
    ModeratedType,
    ModerationState,
    comment_of,
    ensure_workflow,
    is_moderator,
    notify_submitter,
    state_of,
    with_moderation_state,
    workflow_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(home_page):
    return ensure_workflow(
        key="test-pages", name="Test moderation", task_name="Moderators approve", pages=[home_page]
    )


@pytest.fixture
def make_page(home_page, workflow):
    def make(title="A page", *, live=False):
        page = StandardPage(title=title, live=live)
        home_page.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
            page.refresh_from_db()
        return page

    return make


def submit(page, user):
    page.save_revision(user=user)
    return workflow_submit(page=page, user=user, workflow=page.get_workflow())


def decide(workflow_state, moderator, *, approve, comment=""):
    task_state = workflow_state.current_task_state.specific
    if approve:
        task_state.approve(user=moderator, comment=comment)
    else:
        task_state.reject(user=moderator, comment=comment)


def fresh(page):
    """The page as a list would load it: annotated, so no query per row."""
    return with_moderation_state(StandardPage.objects.filter(pk=page.pk)).get()


# -- States ------------------------------------------------------------------------------------


def test_one_vocabulary_through_the_whole_journey(make_page, member, moderator):
    page = make_page()
    assert state_of(fresh(page)) == ModerationState.DRAFT
    workflow_state = submit(page, member)
    assert state_of(fresh(page)) == ModerationState.IN_MODERATION
    decide(workflow_state, moderator, approve=False, comment="Add a summary.")
    page.refresh_from_db()
    assert state_of(fresh(page)) == ModerationState.CHANGES_REQUESTED
    assert comment_of(fresh(page)) == "Add a summary."
    workflow_state = submit(page, member)
    assert comment_of(fresh(page)) == ""
    decide(workflow_state, moderator, approve=True)
    page.refresh_from_db()
    assert page.live
    assert state_of(fresh(page)) == ModerationState.LIVE
    # An edit of the live page waits for a moderator: in moderation, and still live.
    submit(page, member)
    page.refresh_from_db()
    assert (state_of(fresh(page)), page.live) == (ModerationState.IN_MODERATION, True)


def test_a_live_page_whose_submission_was_cancelled_is_live(make_page, member):
    """Behaviour change: knowledge used to call this "Published; changes in moderation" though
    nothing waited for a moderator."""
    page = make_page(live=True)
    submit(page, member).cancel(user=member)
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert state_of(fresh(page)) == ModerationState.LIVE


def test_state_of_reads_annotations_without_a_query(make_page, member, django_assert_num_queries):
    page = make_page()
    submit(page, member)
    annotated = fresh(page)
    with django_assert_num_queries(0):
        assert state_of(annotated) == ModerationState.IN_MODERATION
        assert comment_of(annotated) == ""


def test_state_of_a_single_page_costs_one_query(make_page, member, django_assert_num_queries):
    page = make_page()
    submit(page, member)
    page = StandardPage.objects.get(pk=page.pk)
    with django_assert_num_queries(1):
        assert state_of(page) == ModerationState.IN_MODERATION
        assert comment_of(page) == ""


# -- The badge ---------------------------------------------------------------------------------


def render_badge(page, language="en"):
    with translation.override(language):
        return Template("{% load portal_tags %}{% moderation_badge page %}").render(
            Context({"page": page})
        )


def test_badge_shows_published_and_the_pending_edit_in_spanish(make_page, member):
    page = make_page(live=True)
    submit(page, member)
    html = render_badge(fresh(page), "es")
    assert '<span class="badge badge--success">Publicada</span>' in html
    assert '<span class="badge badge--warning">Esperando moderación</span>' in html


def test_badge_shows_changes_requested_with_the_comment(make_page, member, moderator):
    page = make_page()
    decide(submit(page, member), moderator, approve=False, comment="Add <b>a</b> summary.")
    html = render_badge(fresh(page), "pt")
    assert '<span class="badge badge--danger">Alterações solicitadas</span>' in html
    assert "Comentário do moderador: Add &lt;b&gt;a&lt;/b&gt; summary." in html
    assert "badge--success" not in html


def test_badge_of_a_draft_and_of_a_live_page(make_page):
    assert render_badge(fresh(make_page("D"))).count('class="badge') == 1
    assert "badge--neutral" in render_badge(fresh(make_page("D2")))
    live = render_badge(fresh(make_page("L", live=True)))
    assert live.count('class="badge') == 1
    assert "badge--success" in live


def dashboard_queries(client, user):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("community:dashboard"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_dashboard_badges_cost_no_query_per_row(client, member, moderator):
    """The dashboard's registry and knowledge sections show a badge per row."""
    from portal.models import HomePage
    from registry.models import InitiativeManager
    from registry.services import index_pages_ensure
    from registry.services import workflow_submit as initiative_submit
    from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
    from tests.factories.registry import InitiativePageFactory

    index = index_pages_ensure()
    home = HomePage.objects.get(locale__language_code="en")
    practice_index = PracticeIndexPageFactory(parent=home, slug="practices")

    def add(n):
        for i in range(n):
            page = InitiativePageFactory(parent=index, live=False)
            InitiativeManager.objects.create(page_id=page.pk, user=member)
            page.save_revision(user=member)
            initiative_submit(page=page, user=member)
            practice = PracticePageFactory(parent=practice_index, owner=member, live=False)
            practice.save_revision(user=member)
            if i % 2:
                workflow_submit(page=practice, user=member, workflow=practice.get_workflow())

    client.force_login(member)
    add(1)
    dashboard_queries(client, member)  # warm up
    small, _html = dashboard_queries(client, member)
    add(4)
    large, html = dashboard_queries(client, member)
    assert html.count("Waiting for moderation") == 5 + 2
    assert large == small


# -- Workflows by key --------------------------------------------------------------------------


def test_renaming_a_workflow_in_the_admin_creates_no_duplicate(home_page):
    first = ensure_workflow(key="k", name="Original name", task_name="Approve")
    Workflow.objects.filter(pk=first.pk).update(name="Renamed by a moderator")
    first.tasks.update(name="Renamed task")
    again = ensure_workflow(key="k", name="Original name", task_name="Approve")
    assert again.pk == first.pk
    assert not Workflow.objects.filter(name="Original name").exists()
    assert [task.name for task in again.tasks] == ["Renamed task"]


def test_the_apps_workflows_survive_a_rename(home_page):
    from knowledge.services import practice_workflow_ensure
    from registry.services import index_pages_ensure, registry_workflow

    for ensure, key in ((registry_workflow, "registry"), (practice_workflow_ensure, "practices")):
        workflow = ensure()
        before = Workflow.objects.count()
        workflow.name = "Renamed in the admin"
        workflow.save()
        assert ensure().pk == workflow.pk
        assert ModeratedWorkflow.objects.get(key=key).workflow_id == workflow.pk
        assert Workflow.objects.count() == before
    index_pages_ensure()
    assert Workflow.objects.filter(moderated__key="registry").count() == 1


def test_new_workflow_has_one_approval_task_for_the_moderators(home_page):
    workflow = ensure_workflow(key="fresh", name="Fresh", task_name="Moderators approve fresh")
    (task,) = workflow.tasks
    assert task.name == "Moderators approve fresh"
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Moderators"]


def test_an_unkeyed_workflow_is_adopted_once_by_its_name(home_page):
    legacy = Workflow.objects.create(name="Legacy moderation")
    adopted = ensure_workflow(key="legacy", name="Legacy moderation", task_name="Approve")
    assert adopted.pk == legacy.pk
    assert len(adopted.tasks) == 1  # it had none: it gets the approval task


def test_pages_keep_a_workflow_the_admin_gave_them(home_page):
    other = Workflow.objects.create(name="Other")
    WorkflowPage.objects.create(page=home_page, workflow=other)
    ensure_workflow(key="k2", name="Mine", task_name="Approve", pages=[home_page])
    assert WorkflowPage.objects.get(page=home_page).workflow == other


def test_data_migration_keys_workflows_created_by_name(home_page):
    migration = importlib.import_module("portal.migrations.0006_moderation_keys_and_permission")
    ModeratedWorkflow.objects.all().delete()
    registry = Workflow.objects.get(name="Registry moderation")
    practices = Workflow.objects.get(name="Practice moderation")
    migration.forwards(django_apps, None)
    migration.forwards(django_apps, None)  # idempotent
    assert dict(ModeratedWorkflow.objects.values_list("key", "workflow_id")) == {
        "registry": registry.pk,
        "practices": practices.pk,
    }


# -- The submitter's email ---------------------------------------------------------------------


@pytest.fixture
def moderated_standard_pages():
    def moderated():
        return ModeratedType(
            model=StandardPage, edit_url_name="wagtailadmin_pages:edit", people=lambda p: [p.owner]
        )

    with hooks.register_temporarily("register_moderated_type", moderated):
        yield


def test_approval_email_in_the_recipients_language(
    make_page, make_user, moderator, moderated_standard_pages
):
    author = make_user(username="autora", preferred_language="es")
    page = make_page("Mi página")
    workflow_state = submit(page, author)
    mail.outbox.clear()
    decide(workflow_state, moderator, approve=True, comment="¡Gracias!")
    (message,) = mail.outbox
    assert message.to == [author.email]
    assert "«Mi página» está publicada" in message.subject
    assert "Un moderador aprobó «Mi página»" in message.body
    assert "¡Gracias!" in message.body
    assert "/admin/pages/" in message.body


def test_changes_requested_email_reaches_submitter_and_people_once(
    make_page, make_user, member, moderator, moderated_standard_pages
):
    owner = make_user(username="owner")
    retired = make_user(username="retired", is_active=False)
    page = make_page("Fish & chips")
    page.owner = owner
    page.save()
    submit(page, member)
    submit(page, owner)  # replaces the first submission
    mail.outbox.clear()
    workflow_state = WorkflowState.objects.active().for_instance(page).get()
    decide(workflow_state, moderator, approve=False, comment="Too short.")
    assert sorted(m.to[0] for m in mail.outbox) == [owner.email]
    assert "Fish & chips" in mail.outbox[0].subject  # plain text: not HTML-escaped
    assert "needs changes" in mail.outbox[0].subject
    assert "Too short." in mail.outbox[0].body
    # An inactive account hears nothing; each person hears once.
    page.owner = retired
    page.save()
    mail.outbox.clear()
    assert notify_submitter(workflow_state=workflow_state, approved=False) == 1
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_unregistered_page_types_get_no_portal_email(make_page, member, moderator):
    page = make_page()
    workflow_state = submit(page, member)
    mail.outbox.clear()
    assert notify_submitter(workflow_state=workflow_state, approved=True) == 0
    assert mail.outbox == []


# -- Who moderates -----------------------------------------------------------------------------


def test_is_moderator_by_permission(make_user, member, moderator, admin_user):
    assert is_moderator(moderator)
    assert is_moderator(admin_user)
    assert not is_moderator(member)
    from django.contrib.auth.models import AnonymousUser

    assert not is_moderator(AnonymousUser())
    assert not is_moderator(None)


def test_is_staff_alone_is_not_a_moderator(make_user):
    """Behaviour change: knowledge counted ``is_staff`` as a moderator, the registry and the
    task queue did not; ``is_staff`` only opens Django's own admin."""
    from knowledge.permissions import can_submit_practice

    staff = make_user(username="staff", is_staff=True)
    assert not is_moderator(staff)
    assert not can_submit_practice(staff)


def test_the_permission_not_the_group_name_decides(make_user):
    Group.objects.filter(name="Moderators").update(name="Content reviewers")
    reviewer = make_user(username="reviewer", groups=["Content reviewers"])
    assert is_moderator(reviewer)
    helper = make_user(username="helper")
    helper.user_permissions.add(Permission.objects.get(codename="moderate_content"))
    assert is_moderator(helper)
