"""Collaborator-matching benchmark: time to compute one member's suggestions at scale.

    .venv/bin/python bench/bench_matching.py                      # throwaway SQLite file
    DATABASE_URL=postgres://articula:articula@127.0.0.1:5432/articula_bench \
        .venv/bin/python bench/bench_matching.py                  # PostgreSQL

Builds (once; the data set is kept and reused on the next run) ``--members`` members with
``--links`` tag links in all (bulk inserts; tag popularity on a Zipf-like curve, so a few
tags are very common and most are rare), then measures ``community.matching`` for a few
members with different tag profiles: median and worst of ``--repeat`` runs each, SQL queries
per call, and the database's query plan for the ranking query (it must read the
``(tag, content_object)`` indexes, never scan every member).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/articula-bench-matching.sqlite3")
os.environ.setdefault("DJANGO_DEBUG", "false")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--links", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0, interactive=False)

    from community import matching
    from community.bulk import build_synthetic_members
    from community.models import (
        MemberExpertiseTag,
        MemberOfferingTag,
        MemberProfile,
        MemberSeekingTag,
    )

    existing = MemberProfile.objects.filter(user__username__startswith="bench-").count()
    if existing < args.members:
        started = time.perf_counter()
        with transaction.atomic():
            build_synthetic_members(
                count=args.members - existing,
                links=int(args.links * (args.members - existing) / args.members),
                rng=random.Random(42),  # noqa: S311 - benchmark data
                prefix="bench",
            )
        print(f"Built {args.members - existing} members in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    links = (
        MemberExpertiseTag.objects.count()
        + MemberSeekingTag.objects.count()
        + MemberOfferingTag.objects.count()
    )
    print(f"Members: {MemberProfile.objects.count()}, tag links: {links}")

    # Members to measure: the one with the most common tags (worst case: the most candidates),
    # one with many tags, and a few random ones.
    rng = random.Random(7)  # noqa: S311
    ids = list(
        MemberProfile.objects.filter(user__username__startswith="bench-").values_list(
            "pk", flat=True
        )[:5000]
    )
    sample = rng.sample(ids, 5)
    from django.db.models import Count

    busiest = (
        MemberProfile.objects.filter(pk__in=ids)
        .annotate(n=Count("expertise_items"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    common_tag = (
        MemberExpertiseTag.objects.values("tag_id").annotate(n=Count("id")).order_by("-n").first()
    )
    with_common = (
        MemberExpertiseTag.objects.filter(tag_id=common_tag["tag_id"])
        .values_list("content_object_id", flat=True)
        .first()
    )
    print(
        f"Most common tag: {common_tag['n']} of {MemberProfile.objects.count()} members "
        f"({100 * common_tag['n'] / MemberProfile.objects.count():.0f}%)"
    )
    targets = [("most tags", busiest), ("has the commonest tag", with_common)] + [
        (f"random {i + 1}", pk) for i, pk in enumerate(sample)
    ]

    timings = []
    for label, pk in targets:
        profile = MemberProfile.objects.get(pk=pk)
        mine = matching._my_tags(profile)
        runs = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                suggestions = matching.member_suggestions(profile, limit=10)
            runs.append(time.perf_counter() - started)
        median = statistics.median(runs)
        timings.append(median)
        n_tags = sum(len(mine[k]) for k in ("e", "s", "o"))
        print(
            f"  {label:<22} tags={n_tags:<3} median={median * 1000:7.1f} ms "
            f"max={max(runs) * 1000:7.1f} ms queries={len(queries)} "
            f"suggestions={len(suggestions)}"
        )
    print(f"Median over the members measured: {statistics.median(timings) * 1000:.1f} ms")

    # The plan of the ranking query for the worst case.
    profile = MemberProfile.objects.get(pk=with_common)
    with CaptureQueriesContext(connection) as queries:
        matching.member_suggestions(profile, limit=10)
    ranking = next(q["sql"] for q in queries if "SUM(s.w)" in q["sql"])
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + ranking)
        plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    print("Ranking query plan:")
    for line in plan:
        print("   ", line)


if __name__ == "__main__":
    main()
