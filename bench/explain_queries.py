"""Query plans at scale: every SQL query of the registry filters, tag pages, search and
collaborator matching, run through ``EXPLAIN (ANALYZE)`` on PostgreSQL.

    createdb -h 127.0.0.1 -U articula articula_scale
    export DATABASE_URL=postgres://articula:articula@127.0.0.1:5432/articula_scale
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo_data --scale
    .venv/bin/python bench/explain_queries.py [--plans] [--only NAME]

Each request is made through Django's test client (the whole middleware stack), its queries
captured, and each query explained. The page cache and the shared fragments are off
(``DJANGO_PAGE_CACHE=false``, ``DJANGO_FRAGMENT_CACHE=false``): what is explained is what the
first request after a write runs, not the warm request that reads only the cache. A query whose plan reads a whole table of more than
``--big`` rows (a ``Seq Scan``) is listed with its time and the table: those are the ones an
index should serve. ``--plans`` prints every such plan in full (for docs/performance.md).
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_PAGE_CACHE", "false")
os.environ.setdefault("DJANGO_FRAGMENT_CACHE", "false")

SEQ_SCAN = re.compile(r"Seq Scan on (\w+).*?rows=(\d+) loops=(\d+)")


def requests(tags, profile_pk):
    """(name, callable) for each thing measured; a callable makes its queries."""
    from django.test import Client

    client = Client()
    popular, rare = tags
    pages = [
        ("registry", "/initiatives/"),
        ("registry: sector", "/initiatives/?sector=C"),
        ("registry: country", "/initiatives/?country=CO"),
        ("registry: stage", "/initiatives/?stage=consolidated"),
        ("registry: tag (popular)", f"/initiatives/?tag={popular}"),
        ("registry: tag (rare)", f"/initiatives/?tag={rare}"),
        ("registry: text", "/initiatives/?q=medellin"),
        ("registry: all filters", f"/initiatives/?country=CO&stage=emerging&tag={popular}"),
        ("tag page (popular)", f"/tags/{popular}/"),
        ("tag page (rare)", f"/tags/{rare}/"),
        ("tag page, members tab", f"/tags/{popular}/?type=members"),
        ("tag index", "/tags/"),
        ("search", "/search/?q=coffee"),
        ("search (es)", "/es/search/?q=caf%C3%A9"),
        ("practices: tag", f"/practices/?tag={popular}"),
        ("members directory", "/members/"),
        ("members directory: tag", f"/members/?tag={popular}"),
        ("map layer", "/initiatives/map.geojson"),
        ("map layer: tag", f"/initiatives/map.geojson?tag={popular}"),
        ("projects index", "/projects/"),
        ("discussions index", "/discussions/"),
        ("observatory", "/observatory/"),
    ]
    measured = [(name, lambda url=url: client.get(url)) for name, url in pages]

    def matching():
        from community import matching
        from community.models import MemberProfile

        return matching.suggestions_for(MemberProfile.objects.get(pk=profile_pk))

    measured.append(("matching: suggestions", matching))
    return measured


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=int, default=5000, help="rows that make a table big")
    parser.add_argument("--plans", action="store_true", help="print the flagged plans")
    parser.add_argument("--only", help="only the requests whose name contains this")
    parser.add_argument("--no-analyze", action="store_true", help="skip ANALYZE first")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from community.models import MemberExpertiseTag, MemberProfile

    settings.ALLOWED_HOSTS = ["*"]
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database built with load_demo_data --scale.")
    if not args.no_analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counted = MemberExpertiseTag.objects.values("tag__slug").annotate(n=Count("id")).order_by("-n")
    popular = counted.first()["tag__slug"]
    rare = counted.last()["tag__slug"]
    profile_pk = (
        MemberExpertiseTag.objects.filter(tag__slug=popular)
        .filter(content_object__user__username__startswith="synthetic-")
        .values_list("content_object_id", flat=True)
        .first()
        or MemberProfile.objects.values_list("pk", flat=True).first()
    )
    print(f"Database {connection.settings_dict['NAME']}: popular tag {popular}, rare tag {rare}")
    for name, call in requests((popular, rare), profile_pk):
        if args.only and args.only not in name:
            continue
        call()  # warm up (caches of site, locales, settings)
        with CaptureQueriesContext(connection) as queries:
            call()
        flagged, total = [], 0.0
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            took = float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
            total += took
            scans = [
                (table, int(rows) * int(loops))
                for table, rows, loops in SEQ_SCAN.findall(plan)
                if _rows(connection, table) > args.big
            ]
            if scans:
                flagged.append((took, scans, sql, plan))
        print(f"\n{name}: {len(queries)} queries, {total:.1f} ms in the database")
        for took, scans, sql, plan in flagged:
            tables = ", ".join(f"{table} ({_rows(connection, table)} rows)" for table, _ in scans)
            print(f"  {took:8.1f} ms  seq scan on {tables}")
            print(f"            {sql if args.plans else sql[:300]}")
            if args.plans:
                print("            " + plan.replace("\n", "\n            "))


_sizes = {}


def _rows(connection, table):
    if table not in _sizes:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = %s", [table])
            row = cursor.fetchone()
        _sizes[table] = row[0] if row else 0
    return _sizes[table]


if __name__ == "__main__":
    main()
