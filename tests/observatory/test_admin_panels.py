"""The stewardship panels on the Wagtail admin home."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

import pytest

from registry import freshness
from registry.models import InitiativePage

pytestmark = pytest.mark.django_db


def test_moderators_see_pending_stale_and_growth(client, moderator, observatory_data):
    coffee = observatory_data["coffee"]
    coffee.last_verified_on = timezone.localdate() - datetime.timedelta(days=30)
    coffee.save_revision().publish()
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    InitiativePage.objects.exclude(pk__in=[coffee.pk, observatory_data["spanish"].pk]).update(
        last_verified_on=long_ago
    )
    client.force_login(moderator)
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pending moderation" in html and "Nothing waits for moderation." in html
    stale = html[html.index('id="observatory-stale-records-content"') :]
    stale = stale[: stale.index("</table>")]
    # Four initiatives (the coffee cluster and its Spanish copy are one); the coffee cluster was
    # verified a month ago, the other three two years ago; the draft is not live.
    assert "<strong>3</strong> stale initiatives" in stale
    assert "Software cluster" in stale and "Wine network" in stale
    assert "Leather district" in stale and "Coffee cluster" not in stale
    growth = html[html.index('id="observatory-growth-content"') :]
    assert "New initiatives: <strong>4</strong>" in growth
    assert "New members: <strong>" in growth
    assert "New good practices: <strong>2</strong>" in growth


def _panel_count(html):
    stale = html[html.index('id="observatory-stale-records-content"') :]
    return int(re.search(r"<strong>(\d+)</strong> stale initiatives", stale).group(1))


def test_the_panel_and_the_stale_list_count_the_same(client, moderator, observatory_data):
    """One definition of "stale": translations are one initiative; a translation verified
    recently makes its initiative fresh; archived records are not stale."""
    coffee = observatory_data["coffee"]
    portuguese = coffee.copy_for_translation(
        Locale.objects.get(language_code="pt"), copy_parents=True
    )
    portuguese.save_revision().publish()
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    InitiativePage.objects.update(last_verified_on=long_ago)
    wine = InitiativePage.objects.get(title="Wine network")
    wine_es = wine.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    wine_es.save_revision().publish()
    InitiativePage.objects.filter(pk=wine_es.pk).update(last_verified_on=timezone.localdate())
    leather = InitiativePage.objects.get(title="Leather district")
    freshness.initiative_archive(page=leather, now=timezone.now())
    assert InitiativePage.objects.live().filter(last_verified_on=long_ago).count() == 5

    client.force_login(moderator)
    panel = _panel_count(client.get("/admin/").content.decode())
    listed = client.get(reverse("registry_stewardship:stale")).context
    assert panel == listed["stale_count"] == 2  # coffee (en, es, pt) and software
    assert sorted(page.title for page in listed["stale"]) == ["Coffee cluster", "Software cluster"]
    with translation.override("es"):  # the reader's language picks no other page
        assert freshness.stale_initiatives().count() == 2


def test_others_do_not(client, admin_user, make_user, observatory_data):
    editor = make_user(username="editor", is_staff=True, groups=["Editors"])
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "observatory-stale-records" not in html
