"""portal/open_data_package.py: the bulk open-data ZIP (one CSV per registered data set, GeoJSON
where there is one, a Frictionless datapackage.json), its command, its download URL and its
link on the registry's open-data section. The descriptor and every CSV are validated with the
``frictionless`` package."""

import io
import json
import zipfile
from decimal import Decimal

from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from wagtail import hooks

import pytest
from frictionless import Package, validate

from portal import open_data_package as package
from portal.models import PortalSettings
from portal.open_data import OpenDataField, OpenDataset
from registry.models import InitiativeIndicator
from registry.services import index_pages_ensure
from tests.factories.events import EventIndexPageFactory, EventPageFactory, ProgramPageFactory
from tests.factories.knowledge import PracticeIndexPageFactory, PracticePageFactory
from tests.factories.registry import InitiativePageFactory
from tests.querycounts import assert_constant_queries, assert_constant_queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def content(home_page):
    """Two initiatives (one with identifiers, label and indicators, one with a formula-like
    name), a practice linked to the first, a program session."""
    index = index_pages_ensure()
    labelled = InitiativePageFactory(
        parent=index,
        title="Alpha Cluster",
        slug="alpha",
        country="CO",
        latitude=Decimal("4.600000"),
        longitude=Decimal("-74.080000"),
        tags=["software", "export promotion"],
        eccp_profile="alpha-cluster",
        eclac_id="CO-123",
        wikidata_id="Q42",
        national_registry_number="900.123.456-7",
        quality_label="gold",
        quality_label_scheme="ecei",
        quality_label_year=2023,
    )
    InitiativeIndicator.objects.create(
        page=labelled, year=2023, members=40, employment=1200, exports_usd=5_000_000
    )
    InitiativeIndicator.objects.create(page=labelled, year=2024, members=45, sales_growth="3.5")
    InitiativePageFactory(
        parent=index,
        title="=cmd|' /C calc'!A0",
        slug="formula",
        country="PE",
        latitude=None,
        longitude=None,
    )
    for page in index.get_children().specific():
        page.save_revision().publish()
    practices = PracticeIndexPageFactory(parent=home_page)
    practice = PracticePageFactory(parent=practices, title="Shared dryers", tags=["coffee"])
    practice.initiatives.set([labelled])
    practice.save_revision().publish()
    events = EventIndexPageFactory(parent=home_page)
    program = ProgramPageFactory(parent=events, title="Cluster managers 2026")
    EventPageFactory(parent=program, title="Session one", number=1, place="Bogotá")
    return labelled


def _archive(content=None):
    return zipfile.ZipFile(io.BytesIO(content or package.build_package_bytes()))


def _extract(tmp_path):
    folder = tmp_path / "package"
    _archive().extractall(folder)
    return folder


def test_datapackage_is_valid_and_every_csv_matches_its_schema(content, tmp_path):
    folder = _extract(tmp_path)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    data_package = Package(str(folder / "datapackage.json"))
    names = [resource.name for resource in data_package.resources]
    assert names == [
        "initiatives",
        "initiatives-geojson",
        "initiative-indicators",
        "practices",
        "events",
        "projects",
        "support-answers",
    ]
    initiatives = data_package.get_resource("initiatives").read_rows()
    assert [row["name"] for row in initiatives] == ["'=cmd|' /C calc'!A0", "Alpha Cluster"]
    alpha = initiatives[1]
    assert (
        alpha["eccp_profile"]
        == "https://clustercollaboration.eu/cluster-organisations/alpha-cluster"
    )
    assert alpha["wikidata_id"] == "Q42"
    assert alpha["eclac_id"] == "CO-123"
    assert alpha["national_registry_number"] == "900.123.456-7"
    assert (alpha["quality_label"], alpha["quality_label_scheme"]) == ("gold", "ecei")
    assert alpha["quality_label_year"] == 2023
    assert alpha["tags"] == ["export promotion", "software"]
    assert alpha["latitude"] == Decimal("4.6")
    assert alpha["url"].startswith("http") and alpha["url"].endswith("/alpha/")
    assert "contact_email" not in alpha

    indicators = data_package.get_resource("initiative-indicators").read_rows()
    assert [(row["year"], row["employment"], row["exports_usd"]) for row in indicators] == [
        (2023, 1200, 5_000_000),
        (2024, None, None),
    ]
    assert {row["initiative_id"] for row in indicators} == {content.pk}
    assert indicators[1]["sales_growth"] == Decimal("3.5")

    (practice,) = data_package.get_resource("practices").read_rows()
    assert practice["title"] == "Shared dryers"
    assert practice["initiatives"] == [str(content.pk)]
    assert practice["tags"] == ["coffee"]
    (event,) = data_package.get_resource("events").read_rows()
    assert (event["program"], event["session_number"], event["place"]) == (
        "Cluster managers 2026",
        1,
        "Bogotá",
    )
    assert "join_url" not in event


def test_descriptor_describes_every_column_and_the_site_licence(content):
    PortalSettings.objects.update_or_create(
        defaults={
            "data_licence_name": "ODbL 1.0",
            "data_licence_url": "https://opendatacommons.org/licenses/odbl/1-0/",
        }
    )
    PortalSettings.clear_cache()
    descriptor = json.loads(_archive().read("datapackage.json"))
    assert descriptor["licenses"] == [
        {
            "name": "ODbL 1.0",
            "path": "https://opendatacommons.org/licenses/odbl/1-0/",
            "title": "ODbL 1.0",
        }
    ]
    for resource in descriptor["resources"]:
        if resource["format"] != "csv":
            continue
        header = _archive().read(resource["path"]).decode().splitlines()[0].split(",")
        fields = resource["schema"]["fields"]
        assert [field["name"] for field in fields] == header
        assert all(field["description"] and field["type"] for field in fields), resource["name"]


def test_geojson_holds_the_located_initiatives(content):
    geojson = json.loads(_archive().read("initiatives.geojson"))
    (feature,) = geojson["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-74.08, 4.6]}
    assert feature["properties"]["wikidata_id"] == "Q42"
    assert feature["properties"]["quality_label"] == "gold"


def test_a_registered_dataset_joins_the_package(content):
    def extra():
        return OpenDataset(
            key="test-dataset",
            title="A test data set",
            order=40,
            fields=(
                OpenDataField("id", "integer", "Id"),
                OpenDataField("open", "boolean", "Open for partners"),
            ),
            rows=lambda: [{"id": 1, "open": True}, {"id": 2, "open": False}],
        )

    with hooks.register_temporarily("register_open_dataset", extra):
        archive = _archive()
    assert archive.read("test-dataset.csv").decode() == "id,open\n1,true\n2,false\n"
    descriptor = json.loads(archive.read("datapackage.json"))
    (resource,) = [r for r in descriptor["resources"] if r["name"] == "test-dataset"]
    assert resource["schema"]["fields"][1] == {
        "name": "open",
        "description": "Open for partners",
        "type": "boolean",
    }


def test_building_costs_the_same_queries_with_more_records(content, home_page):
    index = index_pages_ensure()

    def grow():
        for number in range(5):
            page = InitiativePageFactory(
                parent=index, title=f"More {number}", slug=f"more-{number}", tags=["grow"]
            )
            InitiativeIndicator.objects.create(page=page, year=2024, employment=number)
            page.save_revision().publish()

    # A batch job, not a page: a few queries per registered dataset (seven since the support
    # answers joined), never one per record.
    assert_constant_queries_of(package.build_package_bytes, grow=grow, most=28)


def test_command_builds_and_the_url_serves_the_stored_package(content, client):
    assert package.package_info() is None
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert "open-data/articula-open-data.zip" in out.getvalue()
    info = package.package_info()
    assert info.size > 0

    response = client.get(reverse("portal:open_data_package"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "articula-open-data.zip" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert len(body) == info.size
    assert "datapackage.json" in _archive(body).namelist()


def test_first_request_builds_the_package(content, client):
    response = client.get("/es/open-data/articula-open-data.zip")
    assert response.status_code == 200
    assert "initiatives.csv" in _archive(b"".join(response.streaming_content)).namelist()
    assert package.package_info() is not None


def test_while_another_process_builds_a_translated_page_answers(content, client):
    cache.set(package.BUILD_LOCK, True)
    response = client.get("/es/open-data/articula-open-data.zip")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "El paquete de datos abiertos se está preparando" in response.content.decode()
    assert package.package_info() is None


def test_registry_open_data_section_links_the_package_with_its_size(content, client):
    index = index_pages_ensure()
    html = client.get(index.url).content.decode()
    assert reverse("portal:open_data_package") in html
    assert "built on" not in html  # not built yet: no size or date to show
    package.build_package()
    html = client.get(index.url).content.decode()
    assert "built on" in html


def test_serving_the_built_package_costs_constant_queries(content, client, dummy_tasks):
    # The rebuild the new records ask for is enqueued, not run: only serving is counted.
    package.build_package()
    index = index_pages_ensure()

    def grow():
        for number in range(5):
            InitiativePageFactory(parent=index, title=f"Late {number}", slug=f"late-{number}")

    assert_constant_queries(client, reverse("portal:open_data_package"), grow=grow, most=12)


# -- Rebuilt after public content changes (debounced) ---------------------------------------------


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are recorded, not run: ``dummy_tasks.results`` lists what was enqueued."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    backend.clear()
    return backend


def rebuilds(backend):
    """How many rebuilds were enqueued (Wagtail enqueues its own tasks too)."""
    return sum(result.task.name == "rebuild_package" for result in backend.results)


def _download(client):
    response = client.get(reverse("portal:open_data_package"))
    assert response.status_code == 200
    return _archive(b"".join(response.streaming_content))


def _initiative_titles(archive):
    return archive.read("initiatives.csv").decode()


def test_a_content_change_serves_the_old_zip_and_enqueues_one_rebuild(content, client, dummy_tasks):
    package.build_package()
    assert not package.package_outdated()
    _download(client)
    assert rebuilds(dummy_tasks) == 0  # nothing changed: nothing to rebuild

    late = InitiativePageFactory(parent=index_pages_ensure(), title="Late Cluster", slug="late")
    late.save_revision().publish()
    assert package.package_outdated()
    first, second = _download(client), _download(client)  # both serve the existing ZIP
    assert "Late Cluster" not in _initiative_titles(first)
    assert "Late Cluster" not in _initiative_titles(second)
    assert rebuilds(dummy_tasks) == 1

    # The worker runs it: the new initiative is in the ZIP and nothing more is asked for.
    package.rebuild_package.call()
    assert not package.package_outdated()
    assert "Late Cluster" in _initiative_titles(_download(client))
    assert rebuilds(dummy_tasks) == 1
    # A later change asks for a new rebuild.
    late.title = "Late Cluster, renamed"
    late.save_revision().publish()
    _download(client)
    assert rebuilds(dummy_tasks) == 2


def test_the_rebuild_runs_in_the_background_task(content, client):
    """With the tasks run at once (the test settings), the download after a change serves the
    rebuilt package."""
    package.build_package()
    late = InitiativePageFactory(parent=index_pages_ensure(), title="Late Cluster", slug="late")
    late.save_revision().publish()
    _download(client)
    assert not package.package_outdated()
    assert "Late Cluster" in _initiative_titles(_download(client))
    assert cache.get(package.REBUILD_QUEUED) is None


def test_a_change_during_the_build_leaves_the_package_outdated(content, monkeypatch):
    from portal import page_cache

    build = package.build_package_bytes

    def build_while_someone_writes(**kwargs):
        body = build(**kwargs)
        page_cache.invalidate()  # a write that the package just built may have missed
        return body

    monkeypatch.setattr(package, "build_package_bytes", build_while_someone_writes)
    package.build_package()
    assert package.package_outdated()
