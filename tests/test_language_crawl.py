"""The language crawl (issue 10, item 7): from the home page in each language, follow every
internal link of the demo site, logged out and as a member. Every page answers 200 (or sends a
logged-out visitor to the login page), is in that language (``<html lang>`` and the main
navigation's labels) and links only within the visitor's prefix.

Run with ``-s`` to see the figures: pages visited per language and user, and the failures."""

from io import StringIO
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

LANGUAGES = {"en": "/", "es": "/es/", "pt": "/pt/"}
LIMIT = 300  # pages per language and user
# Links that may leave the visitor's prefix, or that are not pages to crawl.
OUTSIDE = ("/static/", "/media/", "/documents/", "/admin/", "/api/", "/i18n/", "/sitemap.xml")
NOT_PAGES = (
    ".ics",
    ".csv",
    ".json",
    ".geojson",
    ".pdf",
    ".zip",
    "/feed/",
    "/feed/atom/",
    "/logout/",
)
# Pages made for other sites' iframes: crawled and checked, but they have no main menu.
FRAMED = ("/observatory/embed/",)


def _prefix_of(path):
    for code, prefix in LANGUAGES.items():
        if code != "en" and path.startswith(prefix):
            return code
    return "en"


def _menu_labels(soup):
    nav = soup.select_one("nav.site-nav")
    return [a.get_text(strip=True) for a in nav.find_all("a")] if nav else []


def _crawl(client, language, *, logged_in):
    start = LANGUAGES[language]
    login = reverse("account_login").removeprefix(LANGUAGES[language])
    seen, queue, failures = {start}, [start], []
    expected_menu = None
    visited = 0
    while queue and visited < LIMIT:
        path = queue.pop(0)
        response = client.get(path)
        visited += 1
        if response.status_code in (301, 302):
            location = urlsplit(response["Location"]).path
            # Member-only pages send a visitor to the login page; a member may be sent on
            # (re-authentication before two-factor setup): either way within the prefix.
            if _prefix_of(location) == language and (logged_in or location.endswith(login)):
                continue
        if response.status_code != 200:
            failures.append(f"{path}: {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        html_lang = soup.html.get("lang") if soup.html else None
        if html_lang != language:
            failures.append(f"{path}: <html lang={html_lang!r}>")
        menu = _menu_labels(soup)
        if expected_menu is None:
            expected_menu = menu
        elif menu != expected_menu and not any(part in path for part in FRAMED):
            failures.append(f"{path}: menu {menu} instead of {expected_menu}")
        for link in soup.find_all("a", href=True):
            if link.has_attr("hreflang"):  # the language switcher
                continue
            href = link["href"]
            split = urlsplit(href)
            if split.scheme not in ("", "http") or (split.netloc not in ("", "testserver")):
                continue
            target = split.path
            if not target.startswith("/") or target.startswith(OUTSIDE):
                continue
            if _prefix_of(target) != language:
                failures.append(f"{path}: link {href!r} leaves /{language}/")
                continue
            if target.endswith(NOT_PAGES) or link.has_attr("download") or target in seen:
                continue
            seen.add(target)
            queue.append(target)
    return visited, failures


@pytest.mark.django_db
def test_every_page_of_the_demo_site_stays_in_its_language(client, make_user):
    call_command("load_demo_data", stdout=StringIO())
    member = make_user(username="crawler", groups=["Members", "Cluster managers"], verified=True)
    figures, failures = [], []
    for logged_in in (False, True):
        if logged_in:
            client.force_login(member)
        for language in LANGUAGES:
            visited, found = _crawl(client, language, logged_in=logged_in)
            translation.deactivate()
            who = "member" if logged_in else "visitor"
            figures.append(f"{language} ({who}): {visited} pages, {len(found)} failures")
            failures += [f"[{language} {who}] {failure}" for failure in found]
    print("\nLanguage crawl: " + "; ".join(figures))  # noqa: T201 (figures for the report)
    for failure in failures:
        print("  " + failure)  # noqa: T201
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:80])
    assert all(int(figure.split(": ")[1].split()[0]) >= 30 for figure in figures), figures
