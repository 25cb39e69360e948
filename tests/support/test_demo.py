from io import StringIO

from django.core.management import call_command

import pytest

from support.models import State, SupportRequest

pytestmark = pytest.mark.django_db


def test_demo_has_requests_in_every_state_and_two_published_answers():
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "support: 6 requests added" in out.getvalue(), out.getvalue()[-2000:]
    states = set(SupportRequest.objects.values_list("state", flat=True))
    assert states == set(State.values)
    published = SupportRequest.objects.published()
    assert published.count() == 2
    assert {"es", "pt"} <= set(SupportRequest.objects.values_list("language", flat=True))
    assert all(item.topic_id for item in published)
    call_command("load_demo_data", stdout=StringIO())  # idempotent
    assert SupportRequest.objects.count() == 6
