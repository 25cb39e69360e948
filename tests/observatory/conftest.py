"""A small, hand-made data set for the observatory: initiatives in three countries (one of
them translated into Spanish, which must not count twice, one a draft, which must not count
at all), yearly indicators, public and members-only profiles, practices and events with
attendance."""

import datetime

from wagtail.models import Locale

import pytest

from events.models import EventRegistration
from registry.models import InitiativeIndicator
from registry.services import index_pages_ensure
from tests.factories.community import MemberProfileFactory
from tests.factories.events import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    ProgramPageFactory,
)
from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
from tests.factories.registry import InitiativePageFactory, SupportProgramFactory


@pytest.fixture
def registry_index(home_page):
    return index_pages_ensure()


@pytest.fixture
def make_initiative(registry_index):
    def make(**kwargs):
        page = InitiativePageFactory(parent=registry_index, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def observatory_data(make_initiative, home_page, make_user):
    program = SupportProgramFactory(name="Cluster support 2024")
    coffee = make_initiative(
        title="Coffee cluster",
        country="CO",
        region="Huila",
        stage="consolidated",
        kind="cluster",
        sectors=["01"],
        year_founded=2010,
        member_firms=40,
        support_program=program,
    )
    make_initiative(
        title="Software cluster",
        country="CO",
        region="Antioquia",
        stage="intermediate",
        kind="cluster",
        sectors=["62"],
        year_founded=2015,
        member_firms=25,
    )
    make_initiative(
        title="Wine network",
        country="AR",
        region="Mendoza",
        stage="emerging",
        kind="network",
        sectors=["11"],
        year_founded=2015,
        member_firms=12,
        support_program=program,
    )
    make_initiative(
        title="Leather district",
        country="BR",
        region="Rio Grande do Sul",
        stage="intermediate",
        kind="district",
        sectors=["15", "C"],
    )
    draft = InitiativePageFactory(parent=coffee.get_parent(), title="Draft", country="MX")
    draft.live = False
    draft.save()
    spanish = coffee.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()
    InitiativeIndicator.objects.create(page=coffee, year=2022, members=35, new_export_markets=2)
    InitiativeIndicator.objects.create(page=coffee, year=2023, members=40, new_export_markets=3)

    public = [make_user(username=f"pub{i}") for i in range(3)]
    for user, country, kind in zip(
        public, ["CO", "CO", "AR"], ["private", "university", "private"], strict=True
    ):
        MemberProfileFactory(
            user=user, country=country, organization_type=kind, visibility="public"
        )
    hidden = make_user(username="hidden")
    MemberProfileFactory(
        user=hidden, country="BR", organization_type="private", visibility="members"
    )

    practice_index = PracticeIndexPageFactory(parent=home_page)
    for title, country in [("Shared dryers", "CO"), ("Export consortium", "AR")]:
        practice = PracticePageFactory(parent=practice_index, title=title, country=country)
        practice.save_revision().publish()

    events_index = EventIndexPageFactory(parent=home_page)
    course = ProgramPageFactory(parent=events_index, title="Cluster management", slug="cm")
    start = datetime.datetime(2025, 3, 1, 14, tzinfo=datetime.UTC)
    sessions = [
        EventPageFactory(
            parent=course,
            start=start + datetime.timedelta(days=7 * i),
            end=start + datetime.timedelta(days=7 * i, hours=2),
        )
        for i in range(2)
    ]
    EventPageFactory(
        parent=events_index, kind="webinar", start=start, end=start + datetime.timedelta(hours=1)
    )
    for user in public:
        EventRegistrationFactory(
            event=sessions[0], user=user, status=EventRegistration.Status.ATTENDED
        )
    EventRegistrationFactory(
        event=sessions[1], user=public[0], status=EventRegistration.Status.REGISTERED
    )
    return {"coffee": coffee, "spanish": spanish, "program": program}
