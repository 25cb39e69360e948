import datetime

from django.utils import timezone

import pytest

from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def program(events_index):
    return ProgramPageFactory(
        parent=events_index, title="Cluster management", slug="cluster-management"
    )


@pytest.fixture
def make_event(program):
    """``make_event(days=7, parent=program, **fields)``: a live event ``days`` from now."""

    def make(days=7, parent=None, **kwargs):
        start = kwargs.pop("start", None) or (
            timezone.now() + datetime.timedelta(days=days)
        ).replace(microsecond=0)
        kwargs.setdefault("end", start + datetime.timedelta(hours=1, minutes=30))
        return EventPageFactory(parent=parent or program, start=start, **kwargs)

    return make


@pytest.fixture
def session(make_event):
    return make_event(
        title="Session 1: What is a cluster initiative?", slug="what-is-a-cluster", number=1
    )
