"""Every page type, anonymous, in one table: ratio to the floor, SQL queries, bytes gzipped,
p50/p95 latency; at demo size and at scale, on SQLite and PostgreSQL, uncached and cached.

    .venv/bin/python bench/bench_site.py                          # make bench: everything
    .venv/bin/python bench/bench_site.py --sizes demo --modes uncached --seconds 3
    .venv/bin/python bench/bench_site.py --pages initiative,tag,search --scale 2000
    DATABASE_URL=postgres://articula:articula@127.0.0.1:5432/articula_bench \\
        .venv/bin/python bench/bench_site.py --databases postgresql

Databases (one per size; built with ``migrate`` and ``load_demo_data [--scale N]``, both
idempotent, so a second run reuses them; ``--fresh`` rebuilds them):
- SQLite: throwaway files ``/tmp/articula-bench-site-demo.sqlite3`` and
  ``/tmp/articula-bench-site-scale-<N>.sqlite3``;
- PostgreSQL when DATABASE_URL is set: its database for the demo size, ``<name>_scale`` for
  the scale (created if missing; the role needs CREATEDB).

For each database, size and mode (``DJANGO_PAGE_CACHE=false`` / ``true``, each with its own
file cache directory), gunicorn (2 workers, production settings) serves the site and:
- ratio: ``wrk -t2 -c8`` (a Python load generator when wrk is missing) in interleaved
  rounds, floor (/healthz) then page, for every page, ``--rounds`` times; the median of the
  rounds' ratios floor req/s / page req/s;
- SQL: queries of the second anonymous request, counted in-process (``bench/site_probe.py``,
  CaptureQueriesContext, production settings, same database and mode);
- KB gz: the body of one response, gzipped (level 6);
- every measured request carries ``Accept-Encoding: gzip, deflate, br``, as a browser's do
  (only the map layer answers gzipped; pages are left to the proxy in front);
- p50/p95: a sequential sample of ``--samples`` requests on one keep-alive connection;
- the resident memory (VmRSS) of each gunicorn worker after the run.
In the cached mode every page is requested once before it is measured. The results are
printed as one table, with the targets of issue 13 that a row misses, and written as JSON
(``--json``, default test-artifacts/bench.json) with the machine and the date.
"""

import argparse
import datetime
import gzip
import http.client
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    ACCEPT_ENCODING,
    MAX_CONNECTIONS,
    PYTHON,
    Server,
    manage,
    measure,
    production_env,
)
from bench.site_table import PAGE_TYPES, PAGES, format_table, median_ratio, percentile  # noqa: E402

SIZES = ("demo", "scale")
MODES = ("uncached", "cached")
DATABASES = ("sqlite", "postgresql")


def split_option(value, allowed, option):
    items = [item.strip() for item in value.split(",") if item.strip()]
    unknown = [item for item in items if item not in allowed]
    if unknown:
        sys.exit(f"{option}: unknown {', '.join(unknown)} (choose from {', '.join(allowed)})")
    return items


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="demo,scale", help="demo,scale")
    parser.add_argument("--scale", type=int, default=10_000, help="N of load_demo_data --scale")
    parser.add_argument("--modes", default="uncached,cached", help="uncached,cached")
    parser.add_argument(
        "--databases",
        default=None,
        help="sqlite,postgresql (default: sqlite, and postgresql when DATABASE_URL is set)",
    )
    parser.add_argument("--pages", default=None, help=f"page keys: {', '.join(PAGE_TYPES)}")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--samples", type=int, default=30, help="sequential latency sample")
    parser.add_argument("--json", default=str(ROOT / "test-artifacts" / "bench.json"))
    parser.add_argument("--fresh", action="store_true", help="rebuild the databases first")
    parser.add_argument(
        "--show",
        nargs="+",
        metavar="JSON",
        help="measure nothing: print one table of the results in these JSON files",
    )
    args = parser.parse_args(argv)
    args.sizes = split_option(args.sizes, SIZES, "--sizes")
    args.modes = split_option(args.modes, MODES, "--modes")
    pg_url = os.environ.get("DATABASE_URL", "")
    is_pg = pg_url.startswith(("postgres://", "postgresql://"))
    if args.databases is None:
        args.databases = ["sqlite", "postgresql"] if is_pg else ["sqlite"]
    else:
        args.databases = split_option(args.databases, DATABASES, "--databases")
    if "postgresql" in args.databases and not is_pg:
        sys.exit("--databases postgresql needs DATABASE_URL=postgres://...")
    keys = [page.key for page in PAGES]
    if args.pages:
        wanted = set(split_option(args.pages, keys, "--pages")) | {"floor"}
        keys = [key for key in keys if key in wanted]
    args.page_keys = keys
    args.connections = min(args.connections, MAX_CONNECTIONS)
    return args


# Databases -----------------------------------------------------------------------------------


def database_url(database, size, scale):
    if database == "sqlite":
        name = "demo" if size == "demo" else f"scale-{scale}"
        # BENCH_SQLITE_PREFIX: measure copies elsewhere (default /tmp/articula-bench-site-).
        prefix = os.environ.get(
            "BENCH_SQLITE_PREFIX",
            "/tmp/articula-bench-site-",  # noqa: S108 (throwaway benchmark files)
        )
        return f"sqlite:///{prefix}{name}.sqlite3"
    url = os.environ["DATABASE_URL"]
    if size == "demo":
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_scale"))


def _pg_admin(url):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    return psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True), name


def prepare_database(url, *, fresh):
    """Drop (with ``fresh``) and create the database at ``url`` if needed."""
    if url.startswith("sqlite:"):
        path = Path(urlsplit(url).path)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from psycopg import sql

    connection, name = _pg_admin(url)
    with connection:
        if fresh:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def build_database(url, *, size, scale, fresh):
    started = time.monotonic()
    prepare_database(url, fresh=fresh)
    manage("migrate", "--no-input", "-v", "0", database_url=url)
    if size == "demo":
        manage("load_demo_data", database_url=url, stdout=subprocess.DEVNULL)
    else:
        manage("load_demo_data", "--scale", str(scale), database_url=url, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


# Measuring -----------------------------------------------------------------------------------


def probe(url, env):
    """Sample URLs, data counts and query counts from ``bench/site_probe.py``."""
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "site_probe.py"), "--count-queries"],
        cwd=ROOT,
        env=production_env(url, **env),
        capture_output=True,
        text=True,
    )
    if output.returncode:
        sys.stderr.write(output.stderr)
        raise RuntimeError("bench/site_probe.py failed")
    return json.loads(output.stdout.strip().splitlines()[-1])


def fetch(server, path):
    """``(status, body)`` of one plain (not compressed) GET."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "identity"})
        response = conn.getresponse()
        return response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        # A page that outlives gunicorn's 30 s worker timeout: reported as status 0, and
        # the run goes on (the other pages' figures are not lost).
        print(f"    {path}: no answer ({error!r})", flush=True)
        return 0, b""
    finally:
        conn.close()


def settle(server):
    """Wait until the requests a load run left queued in gunicorn are served: a run stops
    with up to ``connections`` requests accepted but not answered, and the next run (the
    floor) must not pay for them. Two concurrent /healthz requests join the end of the queue;
    twice, so that both workers have come back to it."""
    for _ in range(2):
        threads = [threading.Thread(target=fetch, args=(server, "/healthz")) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def latency_sample(server, path, count):
    """Milliseconds of ``count`` sequential GETs on one keep-alive connection."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    timings = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            headers = {"Host": "127.0.0.1", "Accept-Encoding": ACCEPT_ENCODING}
            conn.request("GET", path, headers=headers)
            conn.getresponse().read()
            timings.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return timings


def worker_rss(master_pid):
    """VmRSS in MB of each child process (gunicorn worker) of ``master_pid``."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != master_pid:
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        except (OSError, ValueError, IndexError):
            continue
    return sorted(sizes)


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_mode(args, *, database, size, mode, url):
    cache_dir = tempfile.mkdtemp(prefix=f"articula-bench-cache-{database}-{size}-{mode}-")
    env = {
        "DJANGO_PAGE_CACHE": "true" if mode == "cached" else "false",
        "DJANGO_CACHE_DIR": cache_dir,
    }
    try:
        found = probe(url, env)
        urls = {key: found["urls"].get(key) for key in args.page_keys}
        missing = [key for key, path in urls.items() if not path]
        if missing:
            log(f"  no page in the database for: {', '.join(missing)}")
        pages = {key: path for key, path in urls.items() if path}
        log_path = ROOT / "test-artifacts" / f"bench-gunicorn-{database}-{size}-{mode}.log"
        log_path.parent.mkdir(exist_ok=True)
        with (
            log_path.open("w") as server_log,
            Server(database_url=url, collectstatic=False, log=server_log, **env) as server,
        ):
            bodies = {}
            for key, path in pages.items():
                bodies[key] = fetch(server, path)  # also fills the page cache, if on
                # Warm both workers (imports, template and in-process caches) first.
                measure(server.url(path), seconds=1, connections=args.connections, warmup=0)
            rounds = {key: [] for key in pages}
            errors = dict.fromkeys(pages, 0)
            floor_rps = []
            for number in range(1, args.rounds + 1):
                log(f"  {database} {size} {mode}: round {number}/{args.rounds}")
                for key, path in pages.items():
                    settle(server)
                    floor = measure(
                        server.url("/healthz"),
                        seconds=args.seconds,
                        connections=args.connections,
                        warmup=0,
                    )
                    floor_rps.append(floor.requests_per_second)
                    if key == "floor":
                        rounds[key].append((floor.requests_per_second,) * 2)
                        continue
                    settle(server)
                    page = measure(
                        server.url(path),
                        seconds=args.seconds,
                        connections=args.connections,
                        warmup=0,
                    )
                    rounds[key].append((floor.requests_per_second, page.requests_per_second))
                    log(
                        f"    {key}: floor {floor.requests_per_second:.1f}/s, "
                        f"page {page.requests_per_second:.1f}/s"
                        + (f", {page.errors} errors" if page.errors else "")
                    )
                    errors[key] += page.errors
            latencies = {}
            for key, path in pages.items():
                settle(server)
                latencies[key] = latency_sample(server, path, args.samples)
            rss = worker_rss(server.process.pid)
            tool = floor.tool
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    rows = []
    for key in args.page_keys:
        row = {"database": database, "size": size, "mode": mode, "page": key}
        row["path"] = urls.get(key)
        if key in pages:
            status, body = bodies[key]
            queries = found.get("queries", {}).get(key, {})
            ratio = median_ratio(rounds[key])
            row.update(
                ratio=None if ratio is None else round(ratio, 2),
                page_rps=[round(page, 1) for _floor, page in rounds[key]],
                floor_rps=[round(floor, 1) for floor, _page in rounds[key]],
                queries=queries.get("queries"),
                status=status,
                errors=errors[key],
                bytes=len(body),
                gzip_bytes=len(gzip.compress(body, 6)),
                p50_ms=round(percentile(latencies[key], 0.5), 2),
                p95_ms=round(percentile(latencies[key], 0.95), 2),
            )
        rows.append(row)
    return rows, {
        "database": database,
        "size": size,
        "mode": mode,
        "worker_rss_mb": rss,
        "counts": found["counts"],
        "database_version": found["database"],
        "tool": tool,
        # The machine's load (1, 5, 15 minutes) at the end: other jobs make every figure noisier.
        "load_average": [round(value, 1) for value in os.getloadavg()],
    }


# Machine -------------------------------------------------------------------------------------


def machine():
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        )
    except (OSError, StopIteration):
        mem_kb = None
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    wrk = shutil.which("wrk")
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
        "load_generator": "wrk -t2 -c8" if wrk else "python (wrk not installed)",
        "commit": commit,
    }


def summary_lines(info, runs):
    lines = [
        f"Machine: {info['cores']} cores, {info['cpu']}, {info['ram_gb']} GB RAM, "
        f"Python {info['python']}, {', '.join(info['databases'])}; {info['date']}; "
        f"commit {info['commit']}; load: {info['load_generator']}, {info['seconds']} s x "
        f"{info['rounds']} rounds; p50/p95: sequential sample of {info['samples']} requests",
    ]
    seen = set()
    for run in runs:
        key = (run["database"], run["size"])
        if key not in seen:
            seen.add(key)
            counts = ", ".join(f"{value:,} {name}" for name, value in run["counts"].items())
            lines.append(f"Data {run['database']} {run['size']}: {counts}")
    for run in runs:
        rss = ", ".join(f"{value:.0f}" for value in run["worker_rss_mb"])
        load = ", ".join(f"{value:g}" for value in run.get("load_average", ()))
        lines.append(
            f"gunicorn worker RSS {run['database']} {run['size']} {run['mode']}: {rss} MB; "
            f"load average after the run: {load}"
        )
    return lines


def show(paths):
    """Print one table of the results saved in ``paths`` (e.g. SQLite and PostgreSQL runs)."""
    rows = []
    for path in paths:
        data = json.loads(Path(path).read_text())
        rows += data["results"]
        print(f"{path}: " + summary_lines(data["machine"], data["runs"])[0])
    print()
    print(format_table(rows))


def main(argv=None):
    args = parse_args(argv)
    if args.show:
        show(args.show)
        return
    info = machine()
    info["date"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    info.update(seconds=args.seconds, rounds=args.rounds, samples=args.samples)
    log(f"Collecting static files… ({', '.join(args.databases)}; {', '.join(args.sizes)})")
    first_url = database_url(args.databases[0], args.sizes[0], args.scale)
    manage("collectstatic", "--noinput", "-v", "0", database_url=first_url)
    rows, runs, builds = [], [], {}
    for database in args.databases:
        for size in args.sizes:
            url = database_url(database, size, args.scale)
            label = (
                url.removeprefix("sqlite:///") if database == "sqlite" else urlsplit(url).path[1:]
            )
            log(f"Building {database} {size} ({label})…")
            builds[f"{database} {size}"] = round(
                build_database(url, size=size, scale=args.scale, fresh=args.fresh), 1
            )
            for mode in args.modes:
                log(f"Measuring {database} {size} {mode}…")
                mode_rows, run = run_mode(args, database=database, size=size, mode=mode, url=url)
                rows += mode_rows
                runs.append(run)
    info["databases"] = sorted({run["database_version"] for run in runs})
    info["build_seconds"] = builds
    table = format_table(rows)
    print()
    print(table)
    print()
    for line in summary_lines(info, runs):
        print(line)
    print(
        "Starred rows miss a target of issue 13: uncached at demo size, details <= 20x, lists, "
        "tag, topic and home <= 25x, search <= 30x; cached <= 2x; uncached at scale <= 1.5 x "
        "the demo ratio; <= 12 queries, the same at both sizes; map layer < 250 KB gzipped."
    )
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {"machine": info, "runs": runs, "results": rows, "table": table},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"JSON: {path}")


if __name__ == "__main__":
    main()
