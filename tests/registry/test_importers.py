"""CSV import (command and admin) and export: every error type, upserts, dry run, round trip."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

import pytest

from registry.importers import COLUMNS, parse_csv
from registry.models import InitiativePage

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def row(**values):
    base = {
        "external_id": "",
        "name": "Imported Cluster",
        "acronym": "",
        "kind": "cluster",
        "status": "active",
        "country": "CO",
        "region": "Antioquia",
        "city": "Medellín",
        "latitude": "6.2442",
        "longitude": "-75.5812",
        "sectors": "62;63",
        "tags": "software;innovation",
        "year_founded": "2010",
        "stage": "intermediate",
        "managing_organization": "Cámara",
        "member_firms": "50",
        "website": "https://imported.example.org",
        "contact_email": "info@imported.example.org",
        "summary": "Imported from another registry.",
    }
    base.update(values)
    return ",".join(f'"{base.get(column, "")}"' for column in COLUMNS)


def write(tmp_path, text, name="initiatives.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_initiatives", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_published_initiatives_without_managers(tmp_path, index_page):
    path = write(
        tmp_path, "\n".join([HEADER, row(external_id="x-1"), row(name="Second", external_id="x-2")])
    )
    out, err = run(path)
    assert "2 created" in out
    page = InitiativePage.objects.get(external_id="x-1")
    assert page.live and page.source == "import"
    assert not page.manager_links.exists()
    assert page.get_parent().pk == index_page.pk
    assert sorted(s.code for s in page.sectors.all()) == ["62", "63"]
    assert sorted(t.name for t in page.tags.all()) == ["innovation", "software"]
    assert page.latitude == Decimal("6.244200")


def test_upsert_on_external_id_then_name_and_country(tmp_path, index_page):
    run(write(tmp_path, "\n".join([HEADER, row(external_id="x-1"), row(name="No Id")])))
    out, _ = run(
        write(
            tmp_path,
            "\n".join(
                [
                    HEADER,
                    row(external_id="x-1", name="Renamed Cluster"),
                    row(name="no id", city="Envigado"),
                ]
            ),
            name="second.csv",
        )
    )
    assert "0 created, 2 updated" in out
    assert InitiativePage.objects.get(external_id="x-1").title == "Renamed Cluster"
    assert InitiativePage.objects.get(title__iexact="no id").city == "Envigado"
    assert InitiativePage.objects.count() == 2


def test_dry_run_saves_nothing(tmp_path, index_page):
    out, _ = run(write(tmp_path, "\n".join([HEADER, row()])), "--dry-run")
    assert "1 to create" in out
    assert not InitiativePage.objects.filter(title="Imported Cluster").exists()


def test_bom_and_semicolons(tmp_path, index_page):
    text = (
        "\ufeff"
        + ";".join(COLUMNS)
        + "\n"
        + ";".join(
            [
                "s-1",
                "Semicolon Cluster",
                "",
                "network",
                "active",
                "PE",
                "Lima",
                "Lima",
                "-12,0464",
                "-77,0428",
                "56",
                "tourism",
                "2001",
                "emerging",
                "",
                "10",
                "",
                "",
                "",
            ]
        )
    )
    out, err = run(write(tmp_path, text))
    assert "1 created" in out, err
    page = InitiativePage.objects.get(external_id="s-1")
    assert page.longitude == Decimal("-77.042800")
    assert page.kind == "network"


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"name": ""}, "name", "required"),
        ({"country": "XX"}, "country", "Unknown country"),
        ({"country": ""}, "country", "required"),
        ({"latitude": "91"}, "latitude", "out of range"),
        ({"longitude": "-200"}, "longitude", "out of range"),
        ({"latitude": "north"}, "latitude", "not a number"),
        ({"longitude": ""}, "longitude", "both latitude and longitude"),
        ({"sectors": "62;ZZ"}, "sectors", "Unknown sector"),
        ({"kind": "spaceport"}, "kind", "Unknown value"),
        ({"status": "zombie"}, "status", "Unknown value"),
        ({"stage": "mature"}, "stage", "Unknown value"),
        ({"year_founded": "20x0"}, "year_founded", "not a whole number"),
        ({"year_founded": "1700"}, "year_founded", "between"),
        ({"member_firms": "-3"}, "member_firms", "between"),
        ({"website": "not a url"}, "website", "valid URL"),
        ({"contact_email": "nope"}, "contact_email", "valid email"),
        ({"summary": "x" * 251}, "summary", "Too long"),
        ({"tags": "y" * 61}, "tags", "60 characters at most"),
    ],
)
def test_each_error_type_reports_line_column_reason(tmp_path, index_page, values, column, reason):
    path = write(
        tmp_path, "\n".join([HEADER, row(external_id="good"), row(external_id="bad", **values)])
    )
    out, err = run(path)
    assert f"line 3, column {column}:" in err
    assert reason in err
    assert "1 created" in out  # the good row still imports
    assert InitiativePage.objects.filter(external_id="good").exists()
    assert not InitiativePage.objects.filter(external_id="bad").exists()


def test_model_rule_smes_checked_at_apply(tmp_path, index_page):
    # member_smes is not a CSV column, so the model rules that do apply are the shared ones.
    report = parse_csv("\n".join([HEADER, row(latitude="", longitude="")]))
    assert report.plans and not report.errors


def test_row_with_extra_values_and_duplicate_rows(tmp_path, index_page):
    text = "\n".join([HEADER, row(external_id="d-1"), row(external_id="d-1"), row() + ',"extra"'])
    out, err = run(write(tmp_path, text))
    assert "line 3, column external_id:" in err and "already appears on line 2" in err
    assert "line 4:" in err and "more values" in err
    assert "1 created" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a CSV"),
        ("name,country\n\xe9t\xe9,CO".encode("latin-1"), "not UTF-8"),
        (b"title,place\nA,B", "Missing column"),
    ],
)
def test_file_level_errors(tmp_path, index_page, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    report = parse_csv(content)
    assert any(message in error for error in report.file_errors)
    assert not report.plans
    with pytest.raises(Exception, match="Nothing to import"):
        run(path)
    assert not InitiativePage.objects.exists()


def test_export_import_round_trip(tmp_path, initiative_a, initiative_b, orphan, index_page):
    initiative_a.contact_email = "team@alpha.example.org"
    initiative_a.sectors.set([])
    initiative_a.save_revision().publish()
    out_path = tmp_path / "export.csv"
    call_command("export_initiatives", str(out_path), stdout=io.StringIO())
    first = out_path.read_text()
    assert "team@alpha.example.org" in first  # the staff export fills every column
    before = {
        page.pk: (page.title, page.country.code, page.latitude, page.longitude, page.stage)
        for page in InitiativePage.objects.all()
    }
    out, err = run(out_path)
    assert "0 created, 3 updated, 0 rows with errors" in out, err
    after = {
        page.pk: (page.title, page.country.code, page.latitude, page.longitude, page.stage)
        for page in InitiativePage.objects.all()
    }
    assert before == after
    again = tmp_path / "again.csv"
    call_command("export_initiatives", str(again), stdout=io.StringIO())
    assert again.read_text() == first


def test_public_csv_can_be_imported(client, tmp_path, initiative_a, index_page):
    content = client.get(reverse("registry:csv")).content
    InitiativePage.objects.all().delete()
    out, err = run(write(tmp_path, content.decode()))
    assert "1 created" in out, err


def test_admin_import_preview_then_confirm(client, moderator, index_page):
    client.force_login(moderator)
    upload = SimpleUploadedFile(
        "initiatives.csv",
        "\n".join(
            [HEADER, row(external_id="adm-1"), row(external_id="adm-2", country="XX")]
        ).encode(),
        content_type="text/csv",
    )
    preview = client.post(reverse("registry_admin:import"), {"file": upload})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Imported Cluster" in body and "Unknown country" in body
    assert not InitiativePage.objects.exists()
    token = preview.context["token"]
    done = client.post(reverse("registry_admin:import"), {"token": token})
    assert done.status_code == 200
    assert InitiativePage.objects.filter(external_id="adm-1", live=True).exists()
    assert not InitiativePage.objects.filter(external_id="adm-2").exists()
    # The token cannot be replayed.
    client.post(reverse("registry_admin:import"), {"token": token})
    assert InitiativePage.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "Upload a CSV file"),
        ("data.csv", b"\x00\x01\x02binary", "not a CSV text file"),
    ],
)
def test_admin_import_refuses_non_csv(client, moderator, index_page, name, content, message):
    client.force_login(moderator)
    response = client.post(
        reverse("registry_admin:import"), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InitiativePage.objects.exists()


def test_admin_import_refuses_large_upload(client, moderator, index_page, settings):
    client.force_login(moderator)
    big = SimpleUploadedFile("big.csv", b"name,country\n" + b"a,CO\n" * (11 * 1024 * 1024 // 5))
    response = client.post(reverse("registry_admin:import"), {"file": big})
    # Django refuses the body before the view (400) or the form says it is too large.
    assert response.status_code in (200, 400, 413)
    if response.status_code == 200:
        assert "larger than 10 MB" in response.content.decode()
    assert not InitiativePage.objects.exists()
