"""collectstatic minifies our CSS and JS (portal/settings/storage.py) before WhiteNoise hashes
and compresses them; the libraries' files are left alone."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage

import pytest

from portal.settings.storage import StaticFilesStorage, should_minify

OURS = ["registry/map.js", "js/site.js", "css/articula.css", "registry/registry.css"]


def _collect(tmp_path, names):
    """What ``collectstatic`` does with ``names``: copy them to STATIC_ROOT, then post-process."""
    storage = StaticFilesStorage(location=tmp_path / "static", base_url="/static/")
    paths = {}
    for name in names:
        source = Path(finders.find(name))
        target = tmp_path / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        paths[name] = (FileSystemStorage(location=source.parent), source.name)
    results = list(storage.post_process(paths))
    errors = [
        processed for _name, _hashed, processed in results if isinstance(processed, Exception)
    ]
    assert not errors
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    return storage, manifest


def test_our_css_and_js_are_collected_smaller_and_still_valid(tmp_path):
    storage, manifest = _collect(tmp_path, OURS)
    for name in OURS:
        source = Path(finders.find(name)).read_text(encoding="utf-8")
        collected = Path(storage.path(manifest[name])).read_text(encoding="utf-8")
        assert len(collected) < len(source) * 0.9, name
        # WhiteNoise still compresses the minified file.
        assert Path(storage.path(manifest[name]) + ".gz").exists()
        if name.endswith(".css"):
            assert collected.count("{") == collected.count("}") == source.count("{")
    # The map script still parses and defines what the pages call.
    if shutil.which("node") is None:
        pytest.fail("node is needed to check the minified JavaScript")
    for name in (n for n in OURS if n.endswith(".js")):
        path = storage.path(manifest[name])
        subprocess.run(["node", "--check", path], check=True, capture_output=True)
    map_js = Path(storage.path(manifest["registry/map.js"])).read_text(encoding="utf-8")
    assert "tileerror" in map_js and "markerClusterGroup" in map_js


def test_library_files_are_not_minified_again():
    leaflet = finders.find("vendor/leaflet/leaflet.js")
    assert not should_minify("vendor/leaflet/leaflet.js", leaflet)
    wagtail = finders.find("wagtailadmin/js/core.js")
    assert wagtail and not should_minify("wagtailadmin/js/core.js", wagtail)
    assert should_minify("registry/map.js", finders.find("registry/map.js"))
    assert (
        Path(settings.BASE_DIR).resolve() in Path(finders.find("registry/map.js")).resolve().parents
    )
