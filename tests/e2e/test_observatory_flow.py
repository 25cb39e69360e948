"""A visitor explores the observatory on the demo data: filters a country, reads a chart's
data table, follows the CSV link; another site embeds a chart in an iframe; a moderator sees
the stewardship panels on the admin home. Screenshots (desktop, phone, Spanish, embed) go to
docs/screenshots/observatory-*.png."""

import http.server
import re
import threading
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 360, "height": 800}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo(home_page):
    from django.core.management import call_command

    call_command("load_demo_data", stdout=StringIO())


@pytest.fixture
def partner_site():
    """``partner_site(html)``: the URL of a page with ``html`` served from another origin."""
    servers = []

    def serve(html):
        body = f"<!DOCTYPE html><title>Partner</title>{html}".encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def shot(page, name):
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"observatory-{name}.png"))


def test_explore_filter_embed_and_staff_panels(
    browser, live_server, demo, moderator, login_as, partner_site
):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Observatory").click()
    expect(page.get_by_role("heading", level=1, name="Observatory")).to_be_visible()
    by_country = page.locator("figure#initiatives-by-country")
    expect(by_country.get_by_role("img", name="Initiatives by country")).to_be_visible()
    shot(page, "desktop")

    # Filter one country: the URL keeps it, the charts and the CSV links follow.
    page.select_option("#id_country", "CO")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"/observatory/\?country=CO(&|$)"))
    by_stage = page.locator("figure#initiatives-by-stage")
    by_stage.get_by_text("Data table").click()
    table = by_stage.get_by_role("table")
    expect(table).to_be_visible()
    csv_link = by_stage.get_by_role("link", name="Download the data (CSV)")
    expect(csv_link).to_have_attribute("href", "/observatory/initiatives-by-stage.csv?country=CO")
    figures = page.locator(".obs-figures")
    expect(figures).to_contain_text("Initiatives")

    # The map, framed by another site.
    # A partner's page on another origin (127.0.0.1, a local server: Chromium lets a local page
    # frame another local one) frames the map, and tries to frame the observatory page itself.
    partner = partner_site(
        f'<iframe title="map" width="800" height="700" '
        f'src="{live_server.url}/observatory/embed/initiatives-map/"></iframe>'
        f'<iframe title="page" src="{live_server.url}/observatory/"></iframe>'
    )
    frame_page = context.new_page()
    frame_page.goto(partner)
    framed = frame_page.frame_locator('iframe[title="map"]')
    expect(framed.get_by_text("Source: Articula observatory")).to_be_visible()
    expect(framed.get_by_role("img", name="Map of initiatives per country")).to_be_visible()
    frame_page.locator('iframe[title="map"]').screenshot(path=str(DOCS / "observatory-embed.png"))
    # The page itself refuses to be framed (frame-ancestors 'none', X-Frame-Options: DENY).
    refused = frame_page.frame_locator('iframe[title="page"]')
    expect(refused.get_by_role("heading", name="Observatory")).to_have_count(0)
    context.close()

    # On a phone, in Spanish.
    phone = browser.new_context(viewport=PHONE)
    page = phone.new_page()
    page.goto(f"{live_server.url}/observatory/")
    shot(page, "phone")
    chart = page.locator("figure#initiatives-by-country")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(DOCS / "observatory-phone-chart.png"))
    page.goto(f"{live_server.url}/es/observatory/")
    expect(page.get_by_role("heading", level=1, name="Observatorio")).to_be_visible()
    no_overflow = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_overflow
    phone.close()
    spanish = browser.new_context(viewport=DESKTOP)
    page = spanish.new_page()
    page.goto(f"{live_server.url}/es/observatory/")
    spanish_chart = page.locator("figure#initiatives-by-country").get_by_role("img")
    expect(spanish_chart).to_have_accessible_name(re.compile("^Iniciativas por país"))
    shot(page, "es-desktop")
    spanish.close()

    # A moderator's admin home.
    staff = browser.new_context(viewport=DESKTOP)
    login_as(staff, moderator)
    page = staff.new_page()
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Stale records")).to_be_visible()
    expect(page.get_by_role("heading", name="Growth this month")).to_be_visible()
    expect(page.get_by_role("heading", name="Pending moderation")).to_be_visible()
    page.locator("#observatory-stale-records-section").screenshot(
        path=str(DOCS / "observatory-admin-panels.png")
    )
    staff.close()
