"""Foundation pages benchmark: home (en, es), a standard page and the login page, served by
gunicorn with production settings, as ratios to the floor (/healthz through the same
middleware).

    .venv/bin/python bench/bench_pages.py [--seconds 5] [--connections 4]
    DATABASE_URL=postgres://articula:articula@127.0.0.1:5432/articula_bench \\
        .venv/bin/python bench/bench_pages.py

Builds its database once (migrate + load_demo_data; idempotent), in a throwaway SQLite file
unless DATABASE_URL is set.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Server, manage, measure, print_ratios  # noqa: E402

PAGES = {
    "home (en)": "/",
    "home (es)": "/es/",
    "standard page (pt)": "/pt/about/",
    "login page": "/accounts/login/",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "sqlite:////tmp/articula-bench-pages.db")
    print(f"Database: {database_url}")
    manage("migrate", "--no-input", "-v", "0", database_url=database_url)
    manage("load_demo_data", "--only", "portal", database_url=database_url)
    with Server(database_url=database_url) as server:
        floor = measure(server.url("/healthz"), seconds=args.seconds, connections=args.connections)
        results = {
            name: measure(server.url(path), seconds=args.seconds, connections=args.connections)
            for name, path in PAGES.items()
        }
    print_ratios(floor, results)


if __name__ == "__main__":
    main()
