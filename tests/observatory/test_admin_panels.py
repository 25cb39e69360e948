"""The stewardship panels on the Wagtail admin home."""

import datetime

from django.utils import timezone

import pytest

pytestmark = pytest.mark.django_db


def test_moderators_see_pending_stale_and_growth(client, moderator, observatory_data):
    coffee = observatory_data["coffee"]
    coffee.last_verified_on = timezone.localdate() - datetime.timedelta(days=30)
    coffee.save_revision().publish()
    client.force_login(moderator)
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pending moderation" in html and "Nothing waits for moderation." in html
    stale = html[html.index('id="observatory-stale-records-content"') :]
    stale = stale[: stale.index("</table>")]
    # Five live initiative pages (the Spanish copy is a record too); the coffee cluster was
    # verified a month ago, the other four never.
    assert "<strong>4</strong> initiatives not verified in 12 months" in stale
    assert ">Coffee cluster</a></td><td>never" in stale  # its Spanish copy
    assert "Software cluster" in stale and "Wine network" in stale
    growth = html[html.index('id="observatory-growth-content"') :]
    assert "New initiatives: <strong>4</strong>" in growth
    assert "New members: <strong>" in growth
    assert "New good practices: <strong>2</strong>" in growth


def test_others_do_not(client, admin_user, make_user, observatory_data):
    editor = make_user(username="editor", is_staff=True, groups=["Editors"])
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "observatory-stale-records" not in html
