"""The CSV import's vocabulary: countries by code or name in any site language, sectors by ISIC
code with or without the section letter or by name, tags matched with existing ones; errors
that name the line, column and value, with a hint, in the user's language."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import pytest

from portal.models import Tag
from registry.importers import COLUMNS, apply, parse_csv
from registry.isic import DIVISIONS, SECTIONS, SectorLookup
from registry.models import InitiativePage

from .test_importers import HEADER, row

LOOKUP = SectorLookup(SECTIONS + DIVISIONS)


# Sectors, without the database -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A", "A"),
        ("a", "A"),
        ("01", "01"),
        ("1", "01"),
        ("A01", "01"),
        ("a01", "01"),
        ("A 01", "01"),
        ("a-01", "01"),
        ("C.10", "10"),
        ("C10", "10"),
        ("10", "10"),
        # names in English, Spanish and Portuguese, accents and case ignored
        ("Manufacturing", "C"),
        ("Industrias manufactureras", "C"),
        ("indústrias de transformação", "C"),
        ("INDUSTRIAS DE TRANSFORMACAO", "C"),
        ("Manufacture of food products", "10"),
        ("Elaboración de productos alimenticios", "10"),
        ("Construcción", "F"),
        # a name with the list separator in it
        ("Water supply; sewerage, waste management and remediation activities", "E"),
        # a section with a single division of the same name: the division
        ("Education", "85"),
        ("Enseñanza", "85"),
    ],
)
def test_sector_lookup_accepts(text, code):
    assert LOOKUP.code(text) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("04", "expected an ISIC code such as C10 or 10, or a section letter A-U"),
        ("Z9", "expected an ISIC code such as C10 or 10, or a section letter A-U"),
        ("V", "expected an ISIC code such as C10 or 10, or a section letter A-U"),
        ("123", "or a sector name"),
        ("0111", "or a sector name"),
        ("ZZ", "or a sector name"),
        ("C01", "Division 01 belongs to section A, not C."),
        ("Manufactur of food product", "Did you mean Manufacture of food products (10)?"),
    ],
)
def test_sector_lookup_refuses_with_a_hint(text, message):
    with pytest.raises(ValidationError) as error:
        LOOKUP.code(text)
    assert message in error.value.messages[0]
    if "belongs" not in message:
        assert f"“{text}”" in error.value.messages[0]


def test_sector_lookup_message_in_spanish():
    with translation.override("es"), pytest.raises(ValidationError) as error:
        LOOKUP.code("Manufactur of food product")
    assert error.value.messages == [
        "Sector desconocido «Manufactur of food product»: se esperaba un código CIIU como C10 "
        "o 10, una letra de sección de la A a la U o el nombre de un sector. ¿Quiso decir "
        "Elaboración de productos alimenticios (10)?"
    ]


# The importer ----------------------------------------------------------------------------


def parse(*rows):
    return parse_csv("\n".join([HEADER, *rows]))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("CO", "CO"),
        ("co", "CO"),
        ("COL", "CO"),
        ("pe", "PE"),
        ("PER", "PE"),
        ("peru", "PE"),
        ("Perú", "PE"),
        ("Brasil", "BR"),
        ("Brazil", "BR"),
        ("México", "MX"),
        ("Mexico", "MX"),
        ("Estados Unidos", "US"),
    ],
)
def test_import_reads_each_form_of_country(cell, code):
    report = parse(row(country=cell))
    assert report.errors == []
    assert report.plans[0].values["country"] == code


@pytest.mark.django_db
def test_import_reads_each_form_of_sector():
    cell = "A;01;1;A01;a-01;C 10;Construcción;Water supply; sewerage, waste management and remediation activities;62;62"
    report = parse(row(sectors=cell))
    assert report.errors == []
    assert report.plans[0].values["sectors"] == ["A", "01", "10", "F", "E", "62"]


@pytest.mark.django_db
def test_unknown_country_names_line_column_value_and_suggests():
    report = parse(row(external_id="ok"), row(external_id="bad", country="Peruu"))
    [error] = report.errors
    assert (error.line, error.column) == (3, "country")
    assert error.message == (
        "Unknown country “Peruu”: give its ISO code (such as PE or PER) or its name in English, "
        "Spanish or Portuguese. Did you mean Peru (PE)?"
    )
    assert str(error).startswith("line 3, column country: Unknown country “Peruu”")
    assert len(report.plans) == 1


@pytest.mark.django_db
def test_unknown_country_and_sector_in_spanish():
    with translation.override("es"):
        report = parse(row(country="Peruu", sectors="62;Z9"))
        messages = [str(error) for error in report.errors]
    assert messages == [
        "línea 2, columna country: País desconocido «Peruu»: indique su código ISO (como PE o "
        "PER) o su nombre en inglés, español o portugués. ¿Quiso decir Perú (PE)?",
        "línea 2, columna sectors: Sector desconocido «Z9»: se esperaba un código CIIU como C10 "
        "o 10, o una letra de sección de la A a la U.",
    ]


@pytest.mark.django_db
def test_unknown_sector_in_portuguese():
    with translation.override("pt"):
        report = parse(row(sectors="V"))
    [error] = report.errors
    assert error.message == (
        "Setor desconhecido «V»: esperava-se um código CIIU como C10 ou 10, ou uma letra de "
        "seção de A a U."
    )


@pytest.mark.django_db
def test_each_unknown_sector_is_its_own_error():
    report = parse(row(sectors="62;ZZ;C01"))
    assert [error.message[:30] for error in report.errors] == [
        "Unknown sector “ZZ”: expected ",
        "Division 01 belongs to section",
    ]


# Tags --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_tags_match_existing_ones_whatever_the_case_and_accents(index_page):
    cafe = Tag.objects.create(name="café")
    agro = Tag.objects.create(name="Agro-industry")
    report = parse(row(tags="Cafe;CAFÉ;agro industry;software"))
    assert report.errors == []
    assert report.plans[0].values["tags"] == ["café", "Agro-industry", "software"]
    apply(report, index_page=index_page)
    page = InitiativePage.objects.get()
    assert {tag.pk for tag in page.tags.all()} == {
        cafe.pk,
        agro.pk,
        Tag.objects.get(name="software").pk,
    }
    assert sorted(Tag.objects.values_list("name", flat=True)) == [
        "Agro-industry",
        "café",
        "software",
    ]


@pytest.mark.django_db
def test_tags_match_a_label_in_any_language(index_page):
    """The importer created "café" and "agroindustria" beside "coffee" and "agro-industry"
    (issue 10): a Spanish or Portuguese label now names the existing tag."""
    coffee = Tag.objects.create(name="coffee", name_es="café", name_pt="café")
    agro = Tag.objects.create(
        name="agro-industry", name_es="agroindustria", name_pt="agroindústria"
    )
    report = parse(row(tags="Café;Agroindustria;agroindústria"))
    assert report.errors == []
    assert sorted(report.plans[0].values["tags"]) == ["agro-industry", "coffee"]
    apply(report, index_page=index_page)
    assert {tag.pk for tag in InitiativePage.objects.get().tags.all()} == {coffee.pk, agro.pk}
    assert Tag.objects.count() == 2


@pytest.mark.django_db
def test_a_new_tag_is_spelled_one_way_across_rows():
    report = parse(
        row(external_id="1", tags="Cafe;Café"), row(external_id="2", tags="CAFÉ;agro industry")
    )
    assert [plan.values["tags"] for plan in report.plans] == [["Cafe"], ["Cafe", "agro industry"]]


@pytest.mark.django_db
def test_tag_matching_keeps_punctuation_apart():
    Tag.objects.create(name="C++")  # its slug is "c"
    report = parse(row(tags="c;c++"))
    assert sorted(report.plans[0].values["tags"]) == ["C++", "c"]


@pytest.mark.django_db
def test_tags_match_a_hand_set_slug():
    Tag.objects.create(name="café", slug="coffee")
    report = parse(row(tags="Coffee"))
    assert report.plans[0].values["tags"] == ["café"]


# The command and the admin view ----------------------------------------------------------


def write(tmp_path, *rows):
    path = tmp_path / "vocabulary.csv"
    path.write_text("\n".join([HEADER, *rows]), encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_initiatives", str(path), "--no-progress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_command_dry_run_reads_names_and_reports_errors(tmp_path, index_page):
    path = write(
        tmp_path,
        row(external_id="v-1", country="Perú", sectors="C10"),
        row(
            external_id="v-2",
            country="Brasil",
            sectors="Agricultura, ganadería, caza y actividades de servicios conexas",
        ),
        row(external_id="v-3", country="Narnia"),
    )
    out, err = run(path, "--dry-run")
    assert "2 to create, 0 to update, 1 rows with errors" in out
    assert "line 4, column country: Unknown country “Narnia”" in err
    assert not InitiativePage.objects.exists()
    out, err = run(path)
    assert "2 created" in out
    assert dict(InitiativePage.objects.values_list("external_id", "country")) == {
        "v-1": "PE",
        "v-2": "BR",
    }
    page = InitiativePage.objects.get(external_id="v-2")
    assert [sector.code for sector in page.sectors.all()] == ["01"]


@pytest.mark.django_db
def test_admin_import_shows_vocabulary_errors_in_the_users_language(client, moderator, index_page):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(moderator)
    upload = SimpleUploadedFile(
        "initiatives.csv",
        "\n".join(
            [
                ",".join(COLUMNS),
                row(external_id="adm-1", country="México"),
                row(external_id="adm-2", country="Peruu", sectors="C01"),
            ]
        ).encode(),
        content_type="text/csv",
    )
    response = client.post(reverse("registry_admin:import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].plans[0].values["country"] == "MX"
    assert "País desconocido «Peruu»" in body
    assert "¿Quiso decir Perú (PE)?" in body
    assert "La división 01 pertenece a la sección A, no a la C." in body
    assert not InitiativePage.objects.exists()
