"""In-process probe for ``bench_site.py``: picks the sample URL of every page type from the
database and, with ``--count-queries``, counts the SQL queries of the second anonymous request
to each (``CaptureQueriesContext``). Prints one JSON object on the last line of its output.

Run it with the production settings and the DATABASE_URL the server uses (``bench_site.py``
does, through ``bench.common.production_env``)::

    .venv/bin/python bench/site_probe.py [--count-queries]

The samples are the first live page of each type by primary key in the default language: the
demo content is loaded before any ``--scale`` content, so the same pages are sampled at both
sizes and their figures compare.
"""

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")


def first_live(model, locale):
    return model.objects.live().public().filter(locale=locale).order_by("pk").first()


def page_url(page):
    return page.get_url() if page is not None else None


def search_word(title):
    """A word of ``title`` that a visitor might search for (letters only, five or more)."""
    for word in title.split():
        word = word.strip(".,;:()\"'")
        if len(word) >= 5 and word.isalpha():
            return word.lower()
    return title.split()[0].lower() if title.split() else "network"


def sample_urls():
    """``{page key: path or None}`` for every page type of ``bench.site_table.PAGES``."""
    from django.urls import reverse

    from wagtail.models import Locale

    from community.models import MemberProfile
    from events.models import EventIndexPage, EventPage
    from knowledge.models import (
        NewsIndexPage,
        NewsPage,
        PracticeIndexPage,
        PracticePage,
        ResearchTopicPage,
        TopicIndexPage,
    )
    from portal.models import HomePage, StandardPage, Tag
    from registry.models import InitiativeIndexPage, InitiativePage

    locale = Locale.get_default()
    initiative = first_live(InitiativePage, locale)
    urls = {
        "floor": "/healthz",
        "home-en": page_url(first_live(HomePage, locale)),
        "home-es": None,
        "standard": page_url(first_live(StandardPage, locale)),
        "registry": page_url(first_live(InitiativeIndexPage, locale)),
        "registry-filtered": None,
        "initiative": page_url(initiative),
        "map": reverse("registry:map_geojson"),
        "practices": page_url(first_live(PracticeIndexPage, locale)),
        "practice": page_url(first_live(PracticePage, locale)),
        "topics": page_url(first_live(TopicIndexPage, locale)),
        "topic": page_url(first_live(ResearchTopicPage, locale)),
        "news": page_url(first_live(NewsIndexPage, locale)),
        "news-item": page_url(first_live(NewsPage, locale)),
        "events": page_url(first_live(EventIndexPage, locale)),
        "event": page_url(
            EventPage.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(kind=EventPage.Kind.SESSION)
            .order_by("pk")
            .first()
        ),
        "session": page_url(
            EventPage.objects.live()
            .public()
            .filter(locale=locale, kind=EventPage.Kind.SESSION)
            .order_by("pk")
            .first()
        ),
        "members": reverse("community:directory"),
        "member": None,
        "tags": reverse("portal:tag_index"),
        "tag": None,
        "search": None,
    }
    es = Locale.objects.filter(language_code="es").first()
    if es is not None:
        urls["home-es"] = page_url(first_live(HomePage, es))
    # The registry filtered by its most common (top-level sector, country) pair.
    pairs = Counter()
    if initiative is not None:
        rows = InitiativePage.objects.live().filter(locale=locale).order_by("pk")
        for country, code, parent in rows.values_list(
            "country", "sectors__code", "sectors__parent__code"
        )[:2000]:
            if code and country:
                pairs[(parent or code, str(country))] += 1
    if pairs and urls["registry"]:
        (sector, country), _count = pairs.most_common(1)[0]
        urls["registry-filtered"] = f"{urls['registry']}?sector={sector}&country={country}"
    profile = (
        MemberProfile.objects.filter(visibility=MemberProfile.Visibility.PUBLIC)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if profile is not None:
        urls["member"] = reverse("community:profile", args=[profile.user.username])
    tag = initiative.tags.order_by("pk").first() if initiative is not None else None
    tag = tag or Tag.objects.order_by("pk").first()
    if tag is not None:
        urls["tag"] = reverse("portal:tag", args=[tag.slug])
    if initiative is not None:
        urls["search"] = (
            f"{reverse('portal:search')}?{urlencode({'q': search_word(initiative.title)})}"
        )
    urls.update(community_engine_urls(locale))
    return urls


def community_engine_urls(locale):
    """The discussions, support answers, joint projects and observatory samples: the first
    published thread and answer by primary key, the first live project, the first chart."""
    from django.urls import reverse

    from discussions.models import Thread
    from observatory.selectors import chart_list
    from projects.models import ProjectIndexPage, ProjectPage
    from support.models import SupportRequest

    thread = Thread.objects.visible_to().order_by("pk").first()
    answer = SupportRequest.objects.published().order_by("pk").first()
    charts = chart_list()
    return {
        "discussions": reverse("discussions:index"),
        "thread": thread.get_absolute_url() if thread is not None else None,
        "answers": reverse("support:answers"),
        "answer": reverse("support:answer_detail", args=[answer.pk]) if answer else None,
        "projects": page_url(first_live(ProjectIndexPage, locale)),
        "project": page_url(first_live(ProjectPage, locale)),
        "observatory": reverse("observatory:index"),
        "observatory-embed": (
            reverse("observatory:embed", args=[charts[0].key]) if charts else None
        ),
    }


def data_counts():
    from community.models import MemberProfile
    from events.models import EventPage
    from knowledge.models import PracticePage
    from portal.models import Tag
    from portal.tagging import tag_through_models
    from registry.models import InitiativePage

    return {
        "initiatives": InitiativePage.objects.live().count(),
        "members": MemberProfile.objects.count(),
        "practices": PracticePage.objects.live().count(),
        "events": EventPage.objects.live().count(),
        "tags": Tag.objects.count(),
        "tag_links": sum(model.objects.count() for model in tag_through_models()),
    }


def database_version():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.vendor


def count_queries(urls):
    """``{key: {"queries": n, "status": code}}`` for the second anonymous GET of each URL."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for key, url in urls.items():
        if not url:
            continue
        client.cookies.clear()
        client.get(url)
        client.cookies.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        result[key] = {"queries": len(captured), "status": response.status_code}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count-queries", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    urls = sample_urls()
    output = {"urls": urls, "counts": data_counts(), "database": database_version()}
    if args.count_queries:
        output["queries"] = count_queries(urls)
    print(json.dumps(output))


if __name__ == "__main__":
    main()
