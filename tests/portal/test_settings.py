"""Settings: production refuses to start unconfigured and passes `check --deploy`; the
environment variables switch Redis, PostgreSQL and the search server on; every variable is
documented."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# 60 random characters, as `check --deploy` wants a long key (never used anywhere else).
TEST_KEY = "U1rolNo7GDDlh8oJOUWMz8DwzYbboYpvkgfy5w8IvLBWNI4iIx4rxquOdnrw"


def run(args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    base.pop("DATABASE_URL", None)
    base.pop("SEARCH_BACKEND_URL", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def settings_of(module, **env):
    """Import a settings module in a fresh interpreter and return a few values as JSON."""
    code = (
        "import json, importlib, sys; s = importlib.import_module(sys.argv[1]); "
        "print(json.dumps({k: getattr(s, k, None) for k in "
        "['CACHES', 'SESSION_ENGINE', 'DATABASES', 'INSTALLED_APPS', 'WAGTAILSEARCH_BACKENDS', "
        "'STORAGES', 'DEBUG', 'ALLOWED_HOSTS', 'SECURE_SSL_REDIRECT', 'EMAIL_BACKEND']}, "
        "default=str))"
    )
    result = run(["-c", code, module], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    result = run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=TEST_KEY,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=TEST_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
        WAGTAILADMIN_BASE_URL="https://example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_defaults():
    values = settings_of(
        "portal.settings.production", DJANGO_SECRET_KEY=TEST_KEY, DJANGO_ALLOWED_HOSTS="a.org,b.org"
    )
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["a.org", "b.org"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    # Without Redis, a cache every worker on the machine shares (rate limits count across them).
    assert values["CACHES"]["default"]["BACKEND"].endswith("FileBasedCache")
    # Room for every page and fragment of a network's site (Django's default is 300).
    assert values["CACHES"]["default"]["OPTIONS"]["MAX_ENTRIES"] == 5000
    smaller = settings_of(
        "portal.settings.production",
        DJANGO_SECRET_KEY=TEST_KEY,
        DJANGO_ALLOWED_HOSTS="a.org",
        DJANGO_CACHE_MAX_ENTRIES="800",
    )
    assert smaller["CACHES"]["default"]["OPTIONS"]["MAX_ENTRIES"] == 800


def test_redis_url_switches_the_cache_to_redis_and_sessions_to_cached_db():
    values = settings_of(
        "portal.settings.production",
        DJANGO_SECRET_KEY=TEST_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "ops.cache.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/1"
    # Stored in the database, read through Redis: a Redis outage signs nobody out.
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_dev_uses_a_memory_cache():
    values = settings_of("portal.settings.dev")
    assert values["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert values["SESSION_ENGINE"] is None or values["SESSION_ENGINE"].endswith(".db")


def test_database_url_selects_postgresql():
    values = settings_of(
        "portal.settings.dev", DATABASE_URL="postgres://u:p@db.example.org:5432/articula"
    )
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.example.org"
    assert database["NAME"] == "articula"
    assert "django.contrib.postgres" in values["INSTALLED_APPS"]
    # No JIT compilation (2 s for a tag page's counts at scale), kept beside the URL's options.
    assert database["OPTIONS"] == {"options": "-c jit=off"}
    with_options = settings_of(
        "portal.settings.dev",
        DATABASE_URL="postgres://u:p@db.example.org:5432/articula?sslmode=require",
    )["DATABASES"]["default"]
    assert with_options["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}
    server_setting = settings_of(
        "portal.settings.dev",
        DATABASE_URL="postgres://u:p@db.example.org:5432/articula",
        DJANGO_POSTGRES_JIT="true",
    )["DATABASES"]["default"]
    assert "options" not in server_setting.get("OPTIONS", {})


@pytest.mark.django_db
def test_the_database_connection_has_no_jit(settings):
    """On PostgreSQL (the CI's second run) the option reaches the server; on SQLite there is
    no JIT and no such option."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone() == ("off",)
    else:
        assert "options" not in settings.DATABASES["default"].get("OPTIONS", {})


def test_installed_apps_do_not_depend_on_the_database():
    # django.contrib.postgres used to be added only on PostgreSQL, so the app registry (and
    # what `check` and `makemigrations` see) differed between the two databases CI runs on.
    on_sqlite = settings_of("portal.settings.dev")
    on_postgres = settings_of(
        "portal.settings.dev", DATABASE_URL="postgres://u:p@db.example.org:5432/articula"
    )
    assert on_sqlite["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert on_sqlite["INSTALLED_APPS"] == on_postgres["INSTALLED_APPS"]
    assert "django.contrib.postgres" in on_sqlite["INSTALLED_APPS"]


def test_sqlite_is_the_default_database():
    database = settings_of("portal.settings.dev")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"].endswith("db.sqlite3")


def test_search_backend_url_selects_opensearch():
    values = settings_of(
        "portal.settings.dev", SEARCH_BACKEND_URL="https://search.example.org:9200"
    )
    backend = values["WAGTAILSEARCH_BACKENDS"]["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert backend["URLS"] == ["https://search.example.org:9200"]


def test_media_storage_can_be_object_storage():
    values = settings_of(
        "portal.settings.dev",
        DJANGO_MEDIA_STORAGE="storages.backends.s3.S3Storage",
        DJANGO_MEDIA_STORAGE_OPTIONS='{"bucket_name": "media"}',
    )
    assert values["STORAGES"]["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "media"},
    }


def environment_variables():
    names = set()
    pattern = re.compile(
        r"""(?:os\.environ(?:\.get)?[\[(]|env_bool\(|env_list\(|env=)\s*["']([A-Z][A-Z0-9_]+)["']"""
    )
    for path in (ROOT / "portal" / "settings").glob("*.py"):
        names.update(pattern.findall(path.read_text()))
    return names


@pytest.mark.parametrize("document", ["README.md", ".env.example"])
def test_every_environment_variable_is_documented(document):
    names = environment_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SEARCH_BACKEND_URL"} <= names
    text = (ROOT / document).read_text()
    missing = sorted(name for name in names if name not in text)
    assert not missing, f"{document} does not mention {missing}"


@pytest.mark.django_db
def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


# --- Site settings (Settings > Portal settings in the admin) ---------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://{s}.tiles.example.org/base/{z}/{x}/{y}@2x.png?key=abc",
        "/tiles/{z}/{x}/{y}.png",
    ],
)
def test_tile_url_with_placeholders_is_valid(url):
    from portal.models import PortalSettings

    PortalSettings(map_tile_url=url).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}.png", "missing: {y}"),
        ("https://tiles.example.org/tile.png", "missing: {z}, {x}, {y}"),
        ("javascript:alert(1)//{z}/{x}/{y}", "must start with"),
    ],
)
def test_tile_url_without_placeholders_is_refused(url, message):
    from django.core.exceptions import ValidationError

    from portal.models import PortalSettings

    with pytest.raises(ValidationError) as error:
        PortalSettings(map_tile_url=url).full_clean()
    assert message in " ".join(error.value.message_dict["map_tile_url"])


@pytest.mark.django_db
def test_admin_refuses_a_bad_tile_url(client, admin_user):
    from portal.models import PortalSettings

    client.force_login(admin_user)
    settings_obj = PortalSettings.load()
    url = f"/admin/settings/portal/portalsettings/{settings_obj.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "contact_email": "contact@example.org",
            "map_tile_url": "https://tiles.example.org/tile.png",
            "map_tile_attribution": "Tiles",
            "data_licence_name": "CC BY 4.0",
            "data_licence_url": "https://creativecommons.org/licenses/by/4.0/",
        },
    )
    assert response.status_code == 200
    assert "must contain {z}, {x} and {y}" in response.content.decode()
    settings_obj.refresh_from_db()
    assert "{z}" in settings_obj.map_tile_url


def test_server_error_page_survives_a_broken_template(rf, monkeypatch):
    from portal import views

    def broken(*args, **kwargs):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(views, "render", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Server error" in response.content


def test_collectstatic_works_with_the_production_storage(tmp_path):
    """Hashed, compressed static files (WhiteNoise) build without errors, vendored libraries
    included."""
    code = (
        "import sys, django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from django.test.utils import override_settings\n"
        "with override_settings(STATIC_ROOT=sys.argv[1]):\n"
        "    call_command('collectstatic', interactive=False, verbosity=0)\n"
    )
    result = run(
        ["-c", code, str(tmp_path)],
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=TEST_KEY,
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert "css/articula.css" in manifest
    assert (tmp_path / manifest["css/articula.css"]).with_suffix(".css.gz").exists()
