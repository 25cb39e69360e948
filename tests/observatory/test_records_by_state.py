"""The observatory's "Records by state": live, stale and archived initiatives with the
definitions of the rest of the site (the stale list, the open data), checked against direct
counts; every other registry chart says it counts live records only."""

import csv
import datetime
import io

from django.utils import timezone

from wagtail.models import Locale

import pytest

from registry import freshness
from registry.models import InitiativeArchive, InitiativePage

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


def state_rows(client, query=""):
    response = client.get(f"/observatory/initiatives-by-state.csv{query}")
    assert response.status_code == 200
    return {
        row["Code"]: int(row["Value"])
        for row in csv.DictReader(io.StringIO(response.content.decode()))
    }


def groups(queryset):
    return queryset.order_by().values("translation_key").distinct().count()


@pytest.fixture
def stewardship_data(observatory_data):
    """Of the four initiatives (the coffee cluster also in Spanish and Portuguese): the coffee
    cluster and the wine network not verified for years (the coffee cluster's copies too), the
    software cluster verified today, the leather district archived."""
    coffee = observatory_data["coffee"]
    portuguese = coffee.copy_for_translation(
        Locale.objects.get(language_code="pt"), copy_parents=True
    )
    portuguese.save_revision().publish()
    InitiativePage.objects.update(last_verified_on=LONG_AGO)
    InitiativePage.objects.filter(title="Software cluster").update(
        last_verified_on=timezone.localdate()
    )
    leather = InitiativePage.objects.get(title="Leather district")
    freshness.initiative_archive(page=leather, now=timezone.now())
    return observatory_data


def test_records_by_state_match_direct_counts(client, stewardship_data):
    rows = state_rows(client)
    live = InitiativePage.objects.live()
    assert rows["live"] == groups(live) == 3
    assert rows["archived"] == groups(InitiativePage.objects.filter(archive__isnull=False)) == 1
    assert rows["archived"] == InitiativeArchive.objects.count()
    cutoff = freshness.stale_cutoff()
    not_verified = live.filter(last_verified_on__lt=cutoff)
    assert rows["stale"] == groups(not_verified) == 2  # coffee (en, es, pt) and wine
    assert rows["stale"] == freshness.stale_initiatives().count()
    # The same numbers as the moderators' list, whatever the reader's language.
    assert state_rows(client, "?country=CO") == {"live": 2, "stale": 1, "archived": 0}
    spanish = client.get("/es/observatory/initiatives-by-state.csv").content.decode()
    assert "Archivadas,archived,1" in spanish


def test_filters_apply_to_every_state(client, stewardship_data):
    # Software (verified today) and the archived leather district are "intermediate".
    assert state_rows(client, "?stage=intermediate") == {"live": 1, "stale": 0, "archived": 1}
    assert state_rows(client, "?stage=emerging") == {"live": 1, "stale": 1, "archived": 0}


def test_other_charts_say_they_count_live_records(client, stewardship_data):
    html = client.get("/observatory/").content.decode()
    by_country = html[html.index('id="initiatives-by-country"') :]
    by_country = by_country[: by_country.index("</figcaption>")]
    assert "Counts live records only" in by_country
    by_state = html[html.index('id="initiatives-by-state"') :]
    by_state = by_state[: by_state.index("</figcaption>")]
    assert "Counts live records only" not in by_state
    assert "Records by state" in by_state


def test_an_archived_initiative_counts_once_with_its_translations(client, stewardship_data):
    coffee, spanish = stewardship_data["coffee"], stewardship_data["spanish"]
    for page in InitiativePage.objects.filter(translation_key=coffee.translation_key):
        freshness.initiative_archive(page=page, now=timezone.now())
    assert InitiativeArchive.objects.filter(initiative=spanish).exists()
    assert InitiativeArchive.objects.count() == 4  # leather, coffee in English, Spanish, Portuguese
    rows = state_rows(client)
    assert rows["archived"] == groups(InitiativePage.objects.filter(archive__isnull=False)) == 2
    assert rows["live"] == groups(InitiativePage.objects.live()) == 2
