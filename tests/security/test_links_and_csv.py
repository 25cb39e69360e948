"""Hostile links and hostile spreadsheet cells.

Links: every web address a person can type is refused on input unless it is http(s), and a value
stored before that check existed is never rendered as a link. CSV: every CSV the site writes
neutralises cells that a spreadsheet would read as a formula, and the importer reads its own
export back unchanged.
"""

import csv
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

import pytest

from community.models import MemberProfile
from events.models import EventRegistration, ProgramOrganisation
from registry.models import InitiativePage
from tests.community import conftest as community_fixtures
from tests.events import conftest as events_fixtures
from tests.registry import conftest as registry_fixtures
from tests.registry.conftest import form_data

# Fixtures of the app suites, shared here.
make_profile = community_fixtures.make_profile
events_index = events_fixtures.events_index
program = events_fixtures.program
make_event = events_fixtures.make_event
index_page = registry_fixtures.index_page
make_initiative = registry_fixtures.make_initiative
manager_a = registry_fixtures.manager_a
initiative_a = registry_fixtures.initiative_a

pytestmark = pytest.mark.django_db

HOSTILE_URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example.org/x",
    "ftp://files.example.org/",
    "https://exa\x00mple.org/",
    "https:///no-host",
]


def no_script_href(html):
    lowered = html.lower()
    for scheme in ("javascript:", "vbscript:", "data:", "java\tscript", "//evil"):
        assert f'href="{scheme}' not in lowered
        assert f'href=" {scheme}' not in lowered


# -- the shared validator and filter ------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE_URLS)
def test_validator_refuses_every_scheme_but_http(value):
    from portal.templatetags.portal_tags import safe_url
    from portal.validators import validate_http_url, validate_http_url_lines

    with pytest.raises(ValidationError):
        validate_http_url(value)
    with pytest.raises(ValidationError, match="Line 2"):
        validate_http_url_lines(f"https://ok.example.org\n{value}")
    assert safe_url(value) == ""


@pytest.mark.parametrize(
    "value", ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://Example.org/path"]
)
def test_validator_and_filter_keep_web_addresses(value):
    from portal.templatetags.portal_tags import safe_url
    from portal.validators import validate_http_url

    validate_http_url(value)
    assert safe_url(value) == value


# -- input: initiatives ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["social_links", "external_urls"])
@pytest.mark.parametrize("value", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "//evil.org"])
def test_registering_with_a_script_link_is_refused(client, member, index_page, field, value):
    client.force_login(member)
    response = client.post(
        reverse("registry:register"),
        form_data(**{field: f"https://ok.example.org\n{value}"}),
    )
    assert response.status_code == 200
    assert "Line 2" in response.content.decode()
    assert not InitiativePage.objects.filter(title="Cali Coffee Cluster").exists()


def test_editing_with_a_script_link_is_refused(client, manager_a, initiative_a):
    client.force_login(manager_a)
    response = client.post(
        reverse("registry:edit", args=[initiative_a.pk]),
        form_data(title="Alpha Cluster", social_links="javascript:alert(1)"),
    )
    assert response.status_code == 200
    assert "is not a web address" in response.content.decode()
    initiative_a.refresh_from_db()
    assert "javascript" not in initiative_a.social_links
    assert "javascript" not in initiative_a.get_latest_revision_as_object().social_links


def test_model_refuses_script_links_so_the_admin_does_too(initiative_a):
    initiative_a.social_links = "java\tscript:alert(1)"
    initiative_a.external_urls = "vbscript:msgbox(1)"
    initiative_a.website = "ftp://files.example.org/"
    with pytest.raises(ValidationError) as error:
        initiative_a.full_clean()
    assert {"social_links", "external_urls", "website"} <= set(error.value.message_dict)


def test_member_profile_model_refuses_script_links(make_profile):
    profile = make_profile("ana")
    profile.links = ["https://ok.example.org", "JaVaScRiPt:alert(1)"]
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "links" in error.value.message_dict


def test_event_links_refuse_other_schemes(make_event):
    event = make_event()
    event.recording_url = "ftp://video.example.org/1"
    event.join_url = "ftp://meet.example.org/1"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert {"recording_url", "join_url"} <= set(error.value.message_dict)


def test_importer_refuses_other_schemes_with_line_number():
    from registry.importers import COLUMNS, parse_csv

    header = ",".join(COLUMNS)
    good = ",".join({"name": "Ok", "country": "CO"}.get(column, "") for column in COLUMNS)
    bad = ",".join(
        {"name": "Bad", "country": "CO", "website": "ftp://x.example.org"}.get(column, "")
        for column in COLUMNS
    )
    report = parse_csv("\n".join([header, good, bad]))
    assert [(error.line, error.column) for error in report.errors] == [(3, "website")]


# -- output: values stored before the check ---------------------------------------------------------


def test_stored_script_links_are_not_rendered_on_the_initiative_page(client, initiative_a):
    InitiativePage.objects.filter(pk=initiative_a.pk).update(
        social_links="javascript:alert(1)\n JaVaScRiPt:alert(2)\nhttps://ok.example.org",
        website="javascript:alert(3)",
    )
    html = client.get(initiative_a.url).content.decode()
    no_script_href(html)
    assert 'href="https://ok.example.org"' in html


def test_stored_script_links_are_not_rendered_on_a_profile(client, member, make_profile):
    profile = make_profile("ana", visibility=MemberProfile.Visibility.PUBLIC)
    MemberProfile.objects.filter(pk=profile.pk).update(
        links=["javascript:alert(1)", "java\tscript:alert(2)", "https://ok.example.org/ana"]
    )
    client.force_login(member)
    html = client.get(reverse("community:profile", args=["ana"])).content.decode()
    no_script_href(html)
    assert 'href="https://ok.example.org/ana"' in html


def test_stored_script_links_are_not_rendered_on_event_pages(client, member, make_event, program):
    event = make_event(days=-7)
    type(event).objects.filter(pk=event.pk).update(recording_url="javascript:alert(1)")
    ProgramOrganisation.objects.create(
        page=program, name="Evil Org", website="javascript:alert(2)", role="organiser"
    )
    client.force_login(member)
    no_script_href(client.get(event.url).content.decode())
    no_script_href(client.get(program.url).content.decode())


# -- CSV ----------------------------------------------------------------------------------------------

HOSTILE_NAME = '=HYPERLINK("https://evil.example.org","x")'


@pytest.fixture
def hostile(make_initiative):
    return make_initiative(
        title=HOSTILE_NAME,
        slug="hostile",
        acronym="@SUM",
        city="+1",
        region="-3",
        managing_organization="\tcmd",
        latitude=Decimal("4.600000"),
        longitude=Decimal("-74.070000"),
    )


def read_csv(text):
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    (row,) = [row for row in rows if "HYPERLINK" in row["name"]]
    return row


def assert_neutralised(row):
    assert row["name"] == "'" + HOSTILE_NAME
    assert row["acronym"] == "'@SUM"
    assert row["city"] == "'+1"
    assert row["region"] == "'-3"
    assert row["managing_organization"] == "'\tcmd"
    assert row["longitude"] == "-74.070000"  # numbers are left alone


def test_open_data_csv_neutralises_formulas(client, hostile):
    assert_neutralised(read_csv(client.get(reverse("registry:csv")).content.decode()))


def test_staff_export_neutralises_formulas(client, moderator, hostile):
    client.force_login(moderator)
    response = client.get(reverse("registry_admin:export"))
    assert response.status_code == 200
    assert_neutralised(read_csv(response.content.decode()))


def test_export_command_neutralises_formulas(tmp_path, hostile):
    path = tmp_path / "export.csv"
    call_command("export_initiatives", str(path), stdout=io.StringIO())
    assert_neutralised(read_csv(path.read_text()))


def test_export_import_round_trip_keeps_hostile_values(tmp_path, hostile, index_page):
    fields = ("title", "acronym", "city", "region", "managing_organization", "longitude")
    before = {field: getattr(hostile, field) for field in fields}
    path = tmp_path / "export.csv"
    call_command("export_initiatives", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_initiatives", str(path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert "1 updated, 0 rows with errors" in out.getvalue()
    hostile.refresh_from_db()
    assert {field: getattr(hostile, field) for field in fields} == before
    assert hostile.longitude == Decimal("-74.070000")


def test_member_profile_admin_export_neutralises_formulas(client, admin_user, make_profile):
    make_profile("ana", display_name="=cmd|' /C calc'!A0", city="@SUM(1)")
    client.force_login(admin_user)
    response = client.get("/admin/member_profiles/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    (row,) = [row for row in csv.DictReader(io.StringIO(body)) if "cmd" in row["Display name"]]
    assert row["Display name"].startswith("'=")
    assert row["City"] == "'@SUM(1)"


def test_event_registration_exports_neutralise_formulas(client, admin_user, member, make_event):
    event = make_event(title="+Webinar")
    member.first_name = "-2+3"
    member.save()
    EventRegistration.objects.create(event=event, user=member, status="registered")
    client.force_login(admin_user)
    sheet = client.get(f"/admin/events/attendance/{event.pk}/registrations.csv")
    (row,) = csv.DictReader(io.StringIO(sheet.content.decode("utf-8-sig")))
    assert row["event"] == "'+Webinar" and row["name"].startswith("'-2+3")
    listing = client.get(f"/admin/event_registrations/?event={event.pk}&export=csv")
    body = b"".join(listing.streaming_content).decode()
    (row,) = list(csv.reader(io.StringIO(body)))[1:]
    assert row[0] == "'+Webinar" and row[2].startswith("'-2+3")
