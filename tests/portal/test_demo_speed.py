"""What makes `load_demo_data` (and so `make run`) quick without changing the data it builds
(portal/demo.py): one password hash per distinct password, search and reference indexing once
at the end, and a new SQLite database started from a migrated copy."""

import json
import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.conf import settings as django_settings
from django.contrib.auth.hashers import check_password, get_hasher
from django.core.management import call_command

from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

import pytest

from accounts.models import User
from portal import demo
from portal.models import StandardPage

pytestmark = pytest.mark.django_db


def test_one_hash_per_password_shares_the_hash_and_restores_the_hasher():
    hasher = get_hasher("default")
    with demo.one_hash_per_password():
        first = User(username="a")
        second = User(username="b")
        first.set_password("articula-demo")
        second.set_password("articula-demo")
        other = User(username="c")
        other.set_password("another one")
    assert first.password == second.password
    assert other.password != first.password
    assert first.password.startswith(f"{hasher.algorithm}$")
    for user, password in (
        (first, "articula-demo"),
        (second, "articula-demo"),
        (other, "another one"),
    ):
        assert check_password(password, user.password)
        assert not check_password("wrong", user.password)
    # Restored: a fresh salt for every hash again.
    assert "salt" not in vars(hasher) and "encode" not in vars(hasher)
    third, fourth = User(username="d"), User(username="e")
    third.set_password("articula-demo")
    fourth.set_password("articula-demo")
    assert third.password != fourth.password


def search(term):
    return [page.pk for page in get_search_backend().search(term, StandardPage)]


def test_deferred_indexing_indexes_once_at_the_end(home_page):
    out = StringIO()
    with demo.deferred_indexing(stdout=out):
        page = home_page.add_child(instance=StandardPage(title="Walrus tusks", slug="walrus"))
        link = f'<p>See <a linktype="page" id="{home_page.pk}">home</a></p>'
        page.body = [("paragraph", RichText(link))]
        page.save_revision().publish()
        assert search("walrus") == []  # recorded, not indexed yet
    assert search("walrus") == [page.pk]
    references = ReferenceIndex.get_references_for_object(page)
    assert home_page.pk in {int(ref.to_object_id) for ref in references}
    assert "indexed" in out.getvalue()


def test_deferred_indexing_indexes_nothing_after_an_error_and_restores_the_handlers(home_page):
    from wagtail import signal_handlers as wagtail_handlers

    from modelsearch import signal_handlers as search_handlers

    original = (
        search_handlers.insert_or_update_object_task,
        wagtail_handlers.update_reference_index_task,
    )
    with pytest.raises(RuntimeError), demo.deferred_indexing():
        home_page.add_child(instance=StandardPage(title="Narwhal", slug="narwhal"))
        raise RuntimeError("a loader failed")
    assert search("narwhal") == []
    current = (
        search_handlers.insert_or_update_object_task,
        wagtail_handlers.update_reference_index_task,
    )
    assert current == original
    # And saving indexes at once again, as always.
    page = home_page.add_child(instance=StandardPage(title="Beluga", slug="beluga"))
    assert search("beluga") == [page.pk]


def test_the_demo_load_still_indexes_its_pages_for_search(settings):
    settings.DEBUG = True
    call_command("load_demo_data", "--only", "portal", stdout=StringIO())
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    assert about.pk in search(about.title)


def test_the_migrations_fingerprint_follows_the_migrations_and_settings(settings):
    first = demo.migrations_fingerprint()
    assert demo.migrations_fingerprint() == first
    settings.LANGUAGE_CODE = "pt"
    assert demo.migrations_fingerprint() != first


SCRIPT = """
import json, django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
django.setup()
from io import StringIO
from portal.demo import migrate_with_schema_cache
out = StringIO()
migrate_with_schema_cache(stdout=out)
print(json.dumps(out.getvalue()))
"""


def _migrate_new_database(tmp_path, name, cache):
    database = tmp_path / name
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "ARTICULA_SCHEMA_CACHE": str(cache),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", SCRIPT],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    )
    return database, json.loads(result.stdout.strip().splitlines()[-1])


def _contents(database):
    with sqlite3.connect(database) as db:
        schema = sorted(db.execute("SELECT type, name, sql FROM sqlite_master"))
        migrations = sorted(db.execute("SELECT app, name FROM django_migrations"))
        types = sorted(db.execute("SELECT app_label, model FROM django_content_type"))
        permissions = db.execute("SELECT count(*) FROM auth_permission").fetchone()
        locales = sorted(db.execute("SELECT language_code FROM wagtailcore_locale"))
    return schema, migrations, types, permissions, locales


@pytest.mark.django_db(transaction=False)
def test_a_new_sqlite_database_starts_from_the_migrated_copy(tmp_path):
    cache = tmp_path / "cache"
    first, said = _migrate_new_database(tmp_path, "first.sqlite3", cache)
    assert "kept for new databases" in said
    copies = list(cache.glob("*.sqlite3"))
    assert len(copies) == 1
    second, said = _migrate_new_database(tmp_path, "second.sqlite3", cache)
    assert f"started from the migrated copy {copies[0].name}" in said
    assert _contents(second) == _contents(first)
    assert len(_contents(second)[1]) > 200  # every migration of every app
    # An existing database is migrated as usual, never overwritten by the copy.
    again, said = _migrate_new_database(tmp_path, "second.sqlite3", cache)
    assert said == ""
    assert Path(again).stat().st_size > 0
