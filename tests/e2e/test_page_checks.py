"""Every page type (tests/e2e/page_types.py) in English, Spanish and Portuguese at 1280 and
360 px: no serious or critical axe-core violation, no horizontal scrolling, the expected status,
a screenshot in test-artifacts/pages/<type>-<language>-<width>.png, and 0 errors from the Nu
HTML checker (one run of vnu.jar over every page at the end). One test per width, so that
pytest-xdist runs the two on two workers; the tables of results go to
test-artifacts/page-checks-<width>.md.

The browser test collects the pages; the last test validates them, so run the file in order:
    DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -q -p no:randomly -n 0 -m browser \
        tests/e2e/test_page_checks.py
While fixing one page, ``PAGE_CHECKS=registry,initiative`` limits the run to those types (the
coverage test still checks the whole list)."""

import json
import os
import subprocess
from pathlib import Path

from django.test import RequestFactory
from django.utils import translation

import pytest

from .conftest import ARTIFACTS, AXE_JS
from .page_types import (
    LANGUAGES,
    PAGE_TYPES,
    build_page_check_data,
    session_cookie_for,
    uncovered_page_models,
    uncovered_url_names,
)

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = ARTIFACTS / "pages"
WIDTHS = (1280, 360)
HEIGHT = {1280: 900, 360: 740}

# (type, language, width) -> {"file": Path, "status": int, "axe": [...], "overflow": int}
RESULTS = {}


def _selected():
    only = {key for key in os.environ.get("PAGE_CHECKS", "").split(",") if key}
    return [t for t in PAGE_TYPES if not only or t.key in only]


def test_every_page_model_and_named_url_is_a_checked_page_type():
    assert uncovered_page_models() == [], "add these page models to PAGE_TYPES"
    assert uncovered_url_names() == [], (
        "add these URL names to PAGE_TYPES (or, if they are not pages, to EXCLUDED_URL_NAMES)"
    )


def _server_error_html(language):
    from ops.outage import server_error

    request = RequestFactory().get("/")
    with translation.override(language):
        return server_error(request).content.decode()


def _axe(page):
    """Serious and critical axe-core violations. axe is in every page of the context through
    an init script (the page's Content-Security-Policy does not govern those); a page written
    with set_content gets it here."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _check(page, page_type, data, language, width, base_url):
    name = f"{page_type.key}-{language}-{width}"
    if page_type.status == 500:
        html = _server_error_html(language)
        page.goto(base_url + "/robots.txt")
        page.set_content(html)
        status = 500
    else:
        response = page.goto(base_url + page_type.locate(data, language))
        status = response.status
        html = response.text()
        page.wait_for_load_state("load")
    source = PAGES / "html" / f"{name}.html"
    source.write_text(html)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(PAGES / f"{name}.png"), full_page=True)
    violations = _axe(page)
    RESULTS[(page_type.key, language, width)] = {
        "file": source,
        "url": page.url,
        "status": status,
        "axe": [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in violations],
        "overflow": max(overflow, 0),
        "vnu": None,
    }


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_in_every_language(live_server, browser, settings, width):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    (PAGES / "html").mkdir(parents=True, exist_ok=True)
    data = build_page_check_data()
    cookie = session_cookie_for(data.member)
    # Visitors' pages first, then the member's.
    types = sorted(_selected(), key=lambda t: t.user is not None)
    errors = []
    RESULTS.clear()
    context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]})
    context.add_init_script(path=AXE_JS)
    page = context.new_page()
    signed_in = False
    for page_type in types:
        if page_type.user and not signed_in:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookie,
                        "url": live_server.url,
                    }
                ]
            )
            signed_in = True
        for language in LANGUAGES:
            try:
                _check(page, page_type, data, language, width, live_server.url)
            except Exception as error:  # noqa: BLE001 - reported with the other failures
                errors.append(f"{page_type.key} {language} {width}px: {error!r}")
    context.close()

    failures = errors
    for (key, language, _width), result in RESULTS.items():
        expected = next(t.status for t in PAGE_TYPES if t.key == key)
        where = f"{key} {language} {width}px ({result['url']})"
        if result["status"] != expected:
            failures.append(f"{where}: status {result['status']}, expected {expected}")
        if result["overflow"]:
            failures.append(f"{where}: scrolls sideways by {result['overflow']}px")
        failures += [f"{where}: axe {violation}" for violation in result["axe"]]
    assert RESULTS, "no page was checked"
    failures += _vnu_failures()
    _write_table(width)
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def _vnu_failures():
    """Nu HTML checker errors of every saved page, in one run of the checker (it is slow to
    start); each page's count goes into its result. In the same test as the pages: under
    pytest-xdist a second test could run on another worker, without the pages."""
    assert VNU.exists(), f"{VNU} is missing: run `npm ci`"
    files = [str(result["file"]) for result in RESULTS.values()]
    run = subprocess.run(  # noqa: S603 (our own jar and files)
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    by_file = {}
    for message in messages:
        by_file.setdefault(Path(message["url"].removeprefix("file:")).name, []).append(message)
    failures = []
    for (key, language, width), result in RESULTS.items():
        errors = by_file.get(result["file"].name, [])
        result["vnu"] = len(errors)
        failures += [
            f"{key} {language} {width}px line {e.get('lastLine')}: HTML {e['message']}"
            for e in errors
        ]
    return failures


def _write_table(width):
    lines = [
        "# Page checks",
        "",
        "Nu HTML checker errors, axe-core serious/critical violations, horizontal overflow (px).",
        "Screenshots: test-artifacts/pages/<type>-<language>-<width>.png",
        "",
        "| page type | lang | width | status | vnu errors | axe violations | overflow |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for (key, language, width), result in RESULTS.items():
        vnu = "-" if result["vnu"] is None else result["vnu"]
        lines.append(
            f"| {key} | {language} | {width} | {result['status']} | {vnu} "
            f"| {len(result['axe'])} | {result['overflow']} |"
        )
    (ARTIFACTS / f"page-checks-{width}.md").write_text("\n".join(lines) + "\n")
