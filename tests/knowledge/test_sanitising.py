"""Hostile markup sent through the public form is neutralised before it is stored, and nowhere
the text is shown (practice page, listing card, search results, feeds) does it come back."""

from django.urls import reverse

import pytest

from knowledge.models import PracticePage
from knowledge.sanitising import sanitise_html

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=\"alert('xss-onerror')\">",
    "<p onclick=\"alert('xss-onclick')\">click</p>",
    "<a href=\"javascript:alert('xss-js')\">js link</a>",
    "<a href=\"JaVaScRiPt:alert('xss-js2')\">js link 2</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    '<iframe src="https://evil.example/xss-iframe"></iframe>',
    "<style>body{background:url('javascript:alert(1)')}</style>",
    "<svg onload=\"alert('xss-svg')\"><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('xss-svg-link')\"><text>t</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-math')>",
    "<object data=\"javascript:alert('xss-object')\"></object>",
    "<form action=\"javascript:alert('xss-form')\"><button>go</button></form>",
    "<a href=\"  javascript:alert('xss-space')\">spaced</a>",
    "<div style=\"background:url(javascript:alert('xss-style'))\">styled</div>",
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onclick",
    "onload",
    "javascript:",
    "data:text/html",
    "<iframe",
    "<style",
    "<svg",
    "<object",
    "<form",
    "xss-",
]


def assert_clean(html):
    lowered = html.lower()
    for sign in FORBIDDEN:
        assert sign not in lowered, f"{sign!r} survived in {html[:300]!r}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_neutralises_each_payload(payload):
    assert_clean(sanitise_html(payload))


def test_safe_formatting_is_kept():
    html = sanitise_html(
        '<h2>Title</h2><p><strong>bold</strong> <em>it</em> <a href="https://ex.org">l</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )
    assert html == (
        '<h2>Title</h2><p><b>bold</b> <i>it</i> <a href="https://ex.org">l</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol>"
    )


def test_plain_text_becomes_escaped_paragraphs():
    assert sanitise_html("a < b & c\n\nsecond") == "<p>a &lt; b &amp; c</p><p>second</p>"


def test_payloads_are_neutralised_everywhere_the_practice_is_shown(
    client, cluster_manager, moderator, practice_index, practice_data
):
    hostile = "Useful text. " + " ".join(PAYLOADS)
    for field in ("problem", "intervention", "results", "lessons_learned", "replicability"):
        practice_data[field] = hostile
    practice_data["summary"] = "Huila summary <script>alert('xss-summary')</script>"
    practice_data["title"] = "Huila <img src=x onerror=alert('xss-title')>"
    client.force_login(cluster_manager)
    assert client.post(reverse("knowledge:practice_new"), practice_data).status_code == 302
    page = PracticePage.objects.get()
    for field in ("problem", "intervention", "results", "lessons_learned", "replicability"):
        stored = getattr(page.get_latest_revision_as_object(), field)
        assert "Useful text." in stored
        assert_clean(stored)
    # Publish, then look at every place that shows the text.
    page.get_latest_revision().publish()
    page.refresh_from_db()
    client.logout()
    pages = [
        page.url,
        "/practices/",
        "/search/?q=Huila",
        "/practices/feed/",
        "/practices/feed/atom/",
        "/tags/coffee/",
        "/tags/coffee/feed/",
        "/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Huila" in body, url
        # Titles and summaries are escaped text; rich text is sanitised HTML.
        assert "<script>alert" not in body, url
        assert "<img src=x onerror" not in body, url
        assert "javascript:alert" not in body, url
        assert "<iframe" not in body, url
    detail = client.get(page.url).content.decode()
    assert "Useful text." in detail
    assert "&lt;script&gt;" in detail  # the summary is shown as text


def test_stored_markup_is_rewritten_again_on_display(practice_index):
    """Even if unsafe HTML reached the database (e.g. an import), Wagtail's rich-text filter
    drops javascript: links when rendering."""
    from tests.factories.knowledge import PracticePageFactory

    page = PracticePageFactory(
        parent=practice_index, problem='<p><a href="javascript:alert(1)">x</a></p>'
    )
    from django.test import Client

    body = Client().get(page.url).content.decode()
    assert "javascript:alert" not in body
