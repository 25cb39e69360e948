"""Registry benchmark: map payload size and response times at scale.

    DATABASE_URL=sqlite:////tmp/articula-bench-registry.db \
        .venv/bin/python bench/bench_registry_map.py [--count 10000] [--repeat 20]

Builds (once; idempotent) the demo registry plus ``--count`` synthetic initiatives in its own
database, then measures through Django's test client (full middleware stack, no network):
- the compact map layer (/initiatives/map.geojson): bytes raw and gzipped (target < 250 KB
  gzipped at 10,000 initiatives), and the full open-data GeoJSON for comparison;
- median response time of the registry page, an initiative page, the map layer and the open
  data, as a ratio to a trivial view (robots.txt) served through the same middleware;
- SQL queries per request.
Report ratios, not absolute numbers: the machine is shared.
"""

import argparse
import gzip
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/articula-bench-registry.db")
os.environ.setdefault("DJANGO_DEBUG", "false")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0, interactive=False)
    from portal import demo_content
    from registry import demo
    from registry.models import InitiativePage

    out = io.StringIO()
    with transaction.atomic():
        demo_content.load(rng=random.Random(1), stdout=out, scale=0, debug=False)
    with transaction.atomic():
        demo.load(rng=random.Random(2), stdout=out, scale=args.count, debug=False)
    live = InitiativePage.objects.live().count()
    print(f"Initiatives live: {live}")

    client = Client()
    sample = InitiativePage.objects.live().filter(external_id="demo-001").first()
    urls = {
        "trivial view (robots.txt)": "/robots.txt",
        "registry page": "/initiatives/",
        "registry page, filtered": "/initiatives/?country=CO&stage=consolidated",
        "initiative page": sample.url,
        "map layer (map.geojson)": "/initiatives/map.geojson",
        "open data GeoJSON": "/initiatives/data.geojson",
        "open data CSV": "/initiatives/data.csv",
    }

    map_body = client.get(urls["map layer (map.geojson)"]).content
    full_body = client.get(urls["open data GeoJSON"]).content
    print()
    print(
        f"Map layer: {len(map_body) / 1024:.0f} KB raw, "
        f"{len(gzip.compress(map_body, 6)) / 1024:.0f} KB gzipped "
        f"({live} initiatives; target < 250 KB gzipped)"
    )
    print(
        f"Open data GeoJSON: {len(full_body) / 1024:.0f} KB raw, "
        f"{len(gzip.compress(full_body, 6)) / 1024:.0f} KB gzipped"
    )
    print()

    results = {}
    for name, url in urls.items():
        client.get(url)  # warm up
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[name] = (statistics.median(timings), len(queries))
    base = results["trivial view (robots.txt)"][0]
    print(f"{'request':32} {'median ms':>10} {'x trivial':>10} {'queries':>8}")
    for name, (median, queries) in results.items():
        print(f"{name:32} {median * 1000:10.1f} {median / base:10.1f} {queries:8d}")


if __name__ == "__main__":
    main()
