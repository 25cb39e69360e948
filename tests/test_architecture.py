"""The one allowed direction of imports: an app imports only ``portal`` and ``accounts`` (and
itself); everything else goes through a hook in ``portal/`` (sections, tagging, search types,
navigation, managed pages, member data, demo data). ``portal`` and ``accounts`` import no app.
Migrations and tests are free."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "portal", "registry", "community", "knowledge", "events", "ops", "projects"]
SHARED = {"portal", "accounts"}

# (module path, imported app): the known exceptions, each with its reason.
ALLOWED = {
    # The root URL configuration composes the apps' URLs (most by string in ``include``).
    ("portal/urls.py", "ops"),
    ("portal/api_urls.py", "registry"),
    ("portal/api_urls.py", "projects"),  # the projects' router joins the open-data API
}


def imported_apps(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top, node.lineno


def source_files(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or "tests" in relative.parts:
            continue
        yield relative


def crossings():
    found = []
    for app in APPS:
        allowed = {app, *SHARED}
        for relative in source_files(app):
            tree = ast.parse((ROOT / relative).read_text(), filename=str(relative))
            for imported, line in imported_apps(tree):
                if imported in allowed or (relative.as_posix(), imported) in ALLOWED:
                    continue
                found.append(f"{relative}:{line} imports {imported}")
    return found


def test_apps_import_only_portal_and_accounts():
    assert crossings() == []


def test_the_checker_sees_imports_inside_functions_and_from_imports():
    tree = ast.parse(
        "import os\n"
        "from registry.models import InitiativePage\n"
        "def f():\n"
        "    import community.models\n"
        "    from . import models\n"
        "    from knowledge import views\n"
    )
    assert [app for app, _line in imported_apps(tree)] == ["registry", "community", "knowledge"]


@pytest.mark.parametrize("module, app", sorted(ALLOWED))
def test_each_allowed_exception_is_still_needed(module, app):
    tree = ast.parse((ROOT / module).read_text())
    assert app in {imported for imported, _line in imported_apps(tree)}
