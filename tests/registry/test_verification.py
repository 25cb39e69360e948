"""Verification by partner organisations: the verifier's territory, confirming and flagging,
the 403s outside it, and where a verification shows (page, open data, API, filter,
observatory)."""

import csv
import io
import json
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

import pytest

from portal.observatory import ObservatoryFilters, observatory_charts
from registry import verification
from registry.models import InitiativeManager, InitiativeVerification
from tests.factories.registry import PartnerOrganisationFactory, VerifierFactory
from tests.querycounts import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def chamber():
    return PartnerOrganisationFactory(name="Cámara de Comercio de Medellín", kind="chamber")


@pytest.fixture
def verifier(make_user, chamber):
    user = make_user(username="vera", groups=["Members"])
    return VerifierFactory(user=user, organisation=chamber, countries=["CO"])


@pytest.fixture
def colombian(make_initiative):
    return make_initiative(title="Antioquia Software", slug="antioquia-software")


@pytest.fixture
def mexican(make_initiative):
    return make_initiative(
        title="Jalisco Logistics",
        slug="jalisco-logistics",
        country="MX",
        region="Jalisco",
        city="Guadalajara",
        latitude=Decimal("20.6597"),
        longitude=Decimal("-103.3496"),
    )


def test_the_verifier_sees_their_territory_only(client, verifier, colombian, mexican):
    client.force_login(verifier.user)
    response = client.get(reverse("registry:verify"))
    assert response.status_code == 200
    assert [page.pk for page in response.context["initiatives"]] == [colombian.pk]
    assert "Antioquia Software" in response.content.decode()
    assert "Jalisco Logistics" not in response.content.decode()


def test_regions_narrow_the_territory(make_initiative, verifier, colombian):
    valle = make_initiative(title="Cali Coffee", region="Valle del Cauca")
    verifier.regions = "valle del cauca\n"
    verifier.save()
    assert [page.pk for page in verification.territory_list(verifier=verifier)] == [valle.pk]
    assert not verification.in_territory(verifier=verifier, page=colombian)


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("member", 403), ("unverified", 302)]
)
def test_the_area_is_for_verifiers(client, who, expected, member, unverified_user, colombian):
    users = {"anonymous": None, "member": member, "unverified": unverified_user}
    if users[who]:
        client.force_login(users[who])
    assert client.get(reverse("registry:verify")).status_code == expected
    response = client.post(
        reverse("registry:verify_initiative", args=[colombian.pk]), {"action": "confirm"}
    )
    assert response.status_code == expected
    assert not InitiativeVerification.objects.exists()


def test_confirm_shows_on_the_page_and_stamps_the_record(client, verifier, colombian):
    client.force_login(verifier.user)
    response = client.post(
        reverse("registry:verify_initiative", args=[colombian.pk]),
        {"action": "confirm", "note": "Visited in March."},
    )
    assert response.status_code == 302
    record = InitiativeVerification.objects.get()
    assert (record.initiative_id, record.organisation, record.verifier) == (
        colombian.pk,
        verifier.organisation,
        verifier.user,
    )
    assert record.outcome == "confirmed" and record.note == "Visited in March."
    colombian.refresh_from_db()
    assert colombian.last_verified_on == timezone.localdate()
    client.logout()
    page = client.get(colombian.url).content.decode()
    assert "Verified by Cámara de Comercio de Medellín on" in page
    spanish = client.get("/es" + colombian.url).content.decode()
    assert "Verificada por Cámara de Comercio de Medellín el" in spanish


def test_outside_the_territory_is_403_and_saves_nothing(client, verifier, mexican):
    client.force_login(verifier.user)
    for action in ("confirm", "flag"):
        response = client.post(
            reverse("registry:verify_initiative", args=[mexican.pk]),
            {"action": action, "note": "x"},
        )
        assert response.status_code == 403
    assert not InitiativeVerification.objects.exists()
    mexican.refresh_from_db()
    assert mexican.last_verified_on is None


def test_verifiers_get_no_edit_rights(client, verifier, colombian):
    client.force_login(verifier.user)
    assert client.get(reverse("registry:edit", args=[colombian.pk])).status_code == 403
    assert client.get(reverse("registry:managers", args=[colombian.pk])).status_code == 403


def test_a_verifier_who_manages_an_initiative_edits_that_one(client, verifier, colombian):
    InitiativeManager.objects.create(page=colombian, user=verifier.user)
    client.force_login(verifier.user)
    assert client.get(reverse("registry:edit", args=[colombian.pk])).status_code == 200


def test_flag_needs_a_note_and_tells_the_moderators(
    client, verifier, colombian, moderator, mailoutbox
):
    client.force_login(verifier.user)
    url = reverse("registry:verify_initiative", args=[colombian.pk])
    response = client.post(url, {"action": "flag", "note": "  "}, follow=True)
    assert "Describe the problem for the moderators." in response.content.decode()
    assert not InitiativeVerification.objects.exists()
    assert not mailoutbox
    client.post(url, {"action": "flag", "note": "The cluster closed in 2024."})
    record = InitiativeVerification.objects.get()
    assert record.outcome == "flagged"
    assert [mail.to for mail in mailoutbox] == [[moderator.email]]
    assert "The cluster closed in 2024." in mailoutbox[0].body
    assert f"/admin/pages/{colombian.pk}/edit/" in mailoutbox[0].body
    # A flag is no verification.
    colombian.refresh_from_db()
    assert colombian.last_verified_on is None
    assert verification.latest_confirmation(colombian) is None


def test_bad_input_saves_nothing(client, verifier, colombian):
    client.force_login(verifier.user)
    url = reverse("registry:verify_initiative", args=[colombian.pk])
    for data in ({"action": "delete"}, {"action": "confirm", "note": "x" * 2001}, {}):
        assert client.post(url, data).status_code == 302
    assert not InitiativeVerification.objects.exists()
    assert client.get(url).status_code == 405


def test_open_data_api_and_filter(client, verifier, colombian, mexican):
    verification.verification_confirm(verifier=verifier, page=colombian)
    today = timezone.localdate().isoformat()

    rows = {r["id"]: r for r in client.get(reverse("registry:json")).json()["initiatives"]}
    assert (rows[colombian.pk]["verified_by"], rows[colombian.pk]["verified_on"]) == (
        "Cámara de Comercio de Medellín",
        today,
    )
    assert (rows[mexican.pk]["verified_by"], rows[mexican.pk]["verified_on"]) == ("", None)

    api = client.get("/api/initiatives?verified=yes").json()["initiatives"]
    assert [(r["id"], r["verified_on"]) for r in api] == [(colombian.pk, today)]

    reader = csv.DictReader(io.StringIO(client.get(reverse("registry:csv")).content.decode()))
    by_name = {row["name"]: row for row in reader}
    assert by_name["Antioquia Software"]["verified_by"] == "Cámara de Comercio de Medellín"
    assert by_name["Antioquia Software"]["verified_on"] == today
    assert by_name["Jalisco Logistics"]["verified_on"] == ""

    features = json.loads(client.get(reverse("registry:geojson")).content)["features"]
    props = {f["id"]: f["properties"] for f in features}
    assert props[colombian.pk]["verified_by"] == "Cámara de Comercio de Medellín"

    def ids(query):
        data = client.get(reverse("registry:json") + query).json()["initiatives"]
        return {row["id"] for row in data}

    assert ids("?verified=yes") == {colombian.pk}
    assert ids("?verified=no") == {mexican.pk}
    assert ids("?verified=maybe") == {colombian.pk, mexican.pk}  # a bad value is dropped


def test_verifying_changes_the_open_data_etag(client, verifier, colombian):
    first = client.get(reverse("registry:json"))["ETag"]
    assert client.get(reverse("registry:json"), HTTP_IF_NONE_MATCH=first).status_code == 304
    verification.verification_confirm(verifier=verifier, page=colombian)
    response = client.get(reverse("registry:json"), HTTP_IF_NONE_MATCH=first)
    assert response.status_code == 200
    assert response["ETag"] != first


def test_observatory_share_verified_by_country(make_initiative, verifier, colombian, mexican):
    make_initiative(title="Bogotá Health", region="Bogotá")
    verification.verification_confirm(verifier=verifier, page=colombian)
    chart = next(c for c in observatory_charts() if c.key == "verified-share-by-country")
    rows = chart.data(ObservatoryFilters())
    assert [(row.key, row.value, row.values) for row in rows] == [
        ("CO", 50.0, (1, 2)),
        ("MX", 0, (0, 1)),
    ]
    assert [row.key for row in chart.data(ObservatoryFilters(country="MX"))] == ["MX"]


def test_verify_list_queries_stay_flat(client, make_initiative, verifier):
    for n in range(3):
        make_initiative(title=f"Small {n}")
    client.force_login(verifier.user)

    def grow():
        for n in range(20):
            page = make_initiative(title=f"Large {n}")
            if n % 2:
                verification.verification_confirm(verifier=verifier, page=page)

    assert_constant_queries(client, reverse("registry:verify"), grow=grow, most=12)


def test_page_section_costs_one_query(rf, verifier, colombian, django_assert_num_queries):
    from portal.sections import page_sections

    verification.verification_confirm(verifier=verifier, page=colombian)
    request = rf.get("/")
    with django_assert_num_queries(1):
        sections = page_sections(colombian, request, keys=("verification",))
    assert "Cámara de Comercio de Medellín" in sections[0].html


def test_staff_manage_partners_and_verifiers_in_the_admin(client, admin_user, verifier):
    verifier.regions = "Antioquia"
    verifier.save()
    client.force_login(admin_user)
    listing = client.get("/admin/snippets/registry/verifier/")
    assert listing.status_code == 200
    assert "Colombia (Antioquia)" in listing.content.decode()
    assert client.get("/admin/snippets/registry/verifier/add/").status_code == 200
    partners = client.get("/admin/snippets/registry/partnerorganisation/")
    assert "Cámara de Comercio de Medellín" in partners.content.decode()


def test_demo_data_is_idempotent(make_initiative, make_user):
    import io
    import random

    from registry import demo_stewardship
    from registry.models import FreshnessReminder, Verifier

    manager = make_user(username="carolina")
    for n in range(5):
        make_initiative(title=f"Antioquia {n}", managers=[manager] if n > 2 else [])
    for _ in range(2):
        demo_stewardship.load(rng=random.Random(1), stdout=io.StringIO(), scale=0, debug=True)
    assert Verifier.objects.count() == 2
    assert InitiativeVerification.objects.count() == 3  # three of the five, one left to do
    assert FreshnessReminder.objects.count() == 1 + 2  # two stale pages: 1 and 2 reminders
    vera = Verifier.objects.get(user__username="verifier")
    assert len(verification.territory_list(verifier=vera)) == 5


def test_the_registry_list_filters_on_verification(client, verifier, colombian, mexican):
    verification.verification_confirm(verifier=verifier, page=colombian)
    response = client.get("/initiatives/?verified=yes")
    html = response.content.decode()
    assert '<option value="yes" selected>' in html
    assert "Antioquia Software" in html and "Jalisco Logistics" not in html
    html = client.get("/initiatives/?verified=no").content.decode()
    assert "Jalisco Logistics" in html and "Antioquia Software" not in html


def test_confirming_emails_the_managers_in_their_language(
    client, verifier, colombian, make_user, mailoutbox
):
    ana = make_user(username="ana", email="ana@example.org", preferred_language="es")
    ben = make_user(username="ben", email="ben@example.org", preferred_language="en")
    InitiativeManager.objects.create(page=colombian, user=ana)
    InitiativeManager.objects.create(page=colombian, user=ben)
    client.force_login(verifier.user)
    response = client.post(
        reverse("registry:verify_initiative", args=[colombian.pk]), {"action": "confirm"}
    )
    assert response.status_code == 302
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"ana@example.org", "ben@example.org"}
    spanish, english = by_address["ana@example.org"], by_address["ben@example.org"]
    assert "Verificada por Cámara de Comercio de Medellín el" in spanish.body
    assert "/initiatives/antioquia-software/" in spanish.body
    assert "Verified by Cámara de Comercio de Medellín on" in english.body
    assert "Antioquia Software" in english.subject and "Cámara" in english.subject
    assert "/initiatives/antioquia-software/" in english.body


def test_flagging_emails_no_manager(client, verifier, colombian, make_user, mailoutbox):
    ana = make_user(username="ana", email="ana@example.org")
    InitiativeManager.objects.create(page=colombian, user=ana)
    client.force_login(verifier.user)
    client.post(
        reverse("registry:verify_initiative", args=[colombian.pk]),
        {"action": "flag", "note": "Closed."},
    )
    assert "ana@example.org" not in [address for m in mailoutbox for address in m.to]
