"""Real data for the URL x role matrix and the injection suite: one user per role and the
objects their URLs point at. Import ``build_matrix_data`` (or use the ``matrix_data`` fixture
registered in tests/conftest.py); tests/security/conftest.py belongs
to another part of the suite.

``build_matrix_data()`` returns a ``SimpleNamespace`` whose attributes fill the path templates of
tests/security/url_matrix.py (``"/initiatives/{initiative.pk}/edit/"``)."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from community.models import ContactRequest, MemberProfile
from events.models import CalendarFeedToken, Certificate
from registry.models import InitiativeManager, ManagerInvitation
from registry.services import index_pages_ensure
from tests.factories.accounts import UserFactory
from tests.factories.community import MemberProfileFactory
from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ProgramPageFactory,
)
from tests.factories.knowledge import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PracticeIndexPageFactory,
    PracticePageFactory,
    ResearchTopicPageFactory,
    TopicIndexPageFactory,
)
from tests.factories.registry import InitiativePageFactory

#: The roles of the matrix, from least to most trusted. ``other_manager`` manages another
#: initiative than the one the URLs point at; ``manager`` manages that one.
ROLES = (
    "anonymous",
    "unverified",
    "member",
    "verifier",
    "other_manager",
    "manager",
    "moderator",
    "admin",
)

TAG = "export-promotion"


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_matrix_data():
    """Create one user per role and the pages, messages and tokens their URLs need."""
    from portal.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    users = {
        "unverified": UserFactory(username="unverified", verified=False, groups=["Members"]),
        "member": UserFactory(username="member", groups=["Members"]),
        "other_manager": UserFactory(
            username="other_manager", groups=["Members", "Cluster managers"]
        ),
        "manager": UserFactory(username="manager", groups=["Members", "Cluster managers"]),
        "moderator": UserFactory(username="moderator", groups=["Moderators"]),
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
    # A third party: the member whose profile is visited and who wrote to ``member``.
    outsider = UserFactory(username="outsider", groups=["Members"])
    profile = MemberProfileFactory(
        user=outsider,
        display_name="Olga Outsider",
        visibility=MemberProfile.Visibility.PUBLIC,
        expertise=[TAG],
    )
    for user in users.values():
        MemberProfileFactory(user=user, visibility=MemberProfile.Visibility.PUBLIC)

    index = index_pages_ensure()
    initiative = _publish(
        InitiativePageFactory(parent=index, title="Alpha Cluster", slug="alpha-cluster", tags=[TAG])
    )
    InitiativeManager.objects.create(page=initiative, user=users["manager"])
    other_initiative = _publish(
        InitiativePageFactory(parent=index, title="Beta Network", slug="beta-network")
    )
    InitiativeManager.objects.create(page=other_initiative, user=users["other_manager"])
    orphan = _publish(
        InitiativePageFactory(
            parent=index, title="Orphan District", slug="orphan-district", source="import"
        )
    )
    invitation = ManagerInvitation.objects.create(
        page=initiative, email="invited@example.org", invited_by=users["manager"]
    )

    practices = PracticeIndexPageFactory(parent=home)
    practice = PracticePageFactory(
        parent=practices, title="Shared dryers", slug="shared-dryers", tags=[TAG]
    )
    practice.owner = users["manager"]
    practice.initiatives.set([initiative])
    _publish(practice)
    topics = TopicIndexPageFactory(parent=home)
    topic = ResearchTopicPageFactory(parent=topics, title="Exports", slug="exports", tags=[TAG])
    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(parent=news_index, title="Launch", slug="launch", tags=[TAG])

    events_index = EventIndexPageFactory(parent=home)
    program = ProgramPageFactory(
        parent=events_index, title="Cluster management", slug="cluster-management"
    )
    start = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    event = EventPageFactory(
        parent=program,
        title="Session 1",
        slug="session-1",
        number=1,
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    registration = EventRegistrationFactory(event=event, user=users["member"])
    feed_token = CalendarFeedToken.objects.create(user=users["member"])
    certificate = Certificate.objects.create(user=users["member"], program=program)

    contact = ContactRequest.objects.create(
        sender=outsider,
        recipient=users["member"],
        subject="Coffee exports",
        message="Could we talk about exports?",
    )
    # --- discussions ---
    from portal.signed_links import signed_token
    from tests.factories.discussions import ReplyFactory, ThreadFactory

    thread = ThreadFactory(space=topic, author=outsider, title="Measuring exports", tags=[TAG])
    thread_reply = ReplyFactory(thread=thread, author=outsider)
    unsubscribe_token = signed_token("unsubscribe", user=users["member"].pk)
    # --- end discussions ---
    # --- projects: the /projects/ section (the project form needs it) ---
    from tests.factories.projects import ProjectIndexPageFactory

    ProjectIndexPageFactory(parent=home)
    # --- end projects ---
    from portal.models import Tag

    # --- stewardship: a verifier for the initiative's country, a reminder, an archive ---
    from registry import freshness
    from registry.models import FreshnessReminder
    from tests.factories.registry import PartnerOrganisationFactory, VerifierFactory

    users["verifier"] = UserFactory(username="verifier", groups=["Members"])
    MemberProfileFactory(user=users["verifier"], visibility=MemberProfile.Visibility.PUBLIC)
    VerifierFactory(
        user=users["verifier"],
        organisation=PartnerOrganisationFactory(name="Chamber of Alpha"),
        countries=[str(initiative.country)],
    )
    reminder = FreshnessReminder.objects.create(initiative=initiative, sent_at=timezone.now())
    still_correct_token = freshness.still_correct_token(
        page=initiative, reminder=reminder, user=users["manager"]
    )
    archived = _publish(InitiativePageFactory(parent=index, title="Gone Cluster", slug="gone"))
    freshness.initiative_archive(page=archived, now=timezone.now())
    # --- end stewardship ---

    return SimpleNamespace(
        users=users,
        outsider=outsider,
        profile=profile,
        home=home,
        initiative=initiative,
        other_initiative=other_initiative,
        orphan=orphan,
        invitation=invitation,
        practice=practice,
        topic=topic,
        news=news,
        events_index=events_index,
        program=program,
        event=event,
        event_path="cluster-management/session-1",
        registration=registration,
        feed_token=feed_token,
        certificate=certificate,
        contact=contact,
        tag=Tag.objects.get(slug=TAG),
        # discussions
        thread=thread,
        thread_reply=thread_reply,
        unsubscribe_token=unsubscribe_token,
        still_correct_token=still_correct_token,
        archive=archived.archive,
    )


@pytest.fixture(scope="module")
def matrix_data(django_db_setup, django_db_blocker):
    """The data, built once per test module inside a transaction rolled back at its end; each
    test's own transaction (``db``) is a savepoint inside it."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_data()
        transaction.set_rollback(True)


# --- support (technical support requests) -------------------------------------------------------
# A request by "manager" on their initiative and a published question and answer, added to the
# data of every role's URLs (support:request_detail, support:answer_detail, the admin triage).
_build_matrix_data_before_support = build_matrix_data


def build_matrix_data():  # noqa: F811 - extends the builder above
    from tests.factories.support import SupportRequestFactory, published_answer

    data = _build_matrix_data_before_support()
    data.support_request = SupportRequestFactory(
        requester=data.users["manager"], initiative=data.initiative, tags=[TAG]
    )
    data.support_answer = published_answer(
        requester=data.users["manager"], initiative=data.initiative, tags=[TAG]
    )
    return data
