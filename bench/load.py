"""Load held: 50 members for 60 s on gunicorn + PostgreSQL + Redis, at most 8 connections,
without a single error; p50/p95 latency reported.

    .venv/bin/python bench/load.py                     # as root; about 3 minutes
    .venv/bin/python bench/load.py --users 20 --seconds 30

The same throwaway set-up as the fault drill (bench/loadkit.py): a PostgreSQL cluster of its
own (``pg_createcluster <version> load``, database ``articula_load``), ``redis-server`` on a
free port from 6391, gunicorn (2 workers, production settings, ``REDIS_URL`` set), the demo
data and ``--users`` verified load members; all of it removed at the end, also on failure.

A pool of ``--connections`` (8) worker threads serves the members in turn (spread over 80 % of
the run) and browses anonymously in between. Each member: signs in, opens the home page, a
search, the events, registers for an event, follows a tag (a cheap write members make), and
opens an initiative. Nothing is retried and no fault is injected: every request must succeed,
every registration and follow the site confirmed must be stored exactly once.

Rate limits stay as configured: every simulated member comes from an address of its own
(``X-Forwarded-For`` with ``DJANGO_TRUSTED_PROXY_COUNT=1``, as behind a proxy), so the
per-address limits count each member separately, as they would count real visitors.
Writes a JSON summary to test-artifacts/load.json.
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Server  # noqa: E402
from bench.loadkit import (  # noqa: E402
    Recorder,
    ThrowawayPostgres,
    ThrowawayRedis,
    anonymous_paths,
    prepare_site,
    print_table,
    run_load,
    stop_cleanly_on_sigterm,
    stored_writes,
    summary,
)


def member_script(site):
    def script(vu, user, until):
        outcome = {"email": user["email"], "event": user["event"]["id"]}
        outcome["login"] = vu.login(user["email"])
        if outcome["login"]:
            return outcome
        vu.page("/")
        vu.page("/search/?q=software")
        vu.page("/events/")
        outcome["register"] = vu.register(user["event"]["path"])
        outcome["follow"] = vu.follow_tag(site["tag"], site["tag_id"])
        vu.page(site["initiative"])
        return outcome

    return script


def check(figures, outcomes, stored, site):
    failures = []
    if figures["errors"]:
        failures.append(f"errors: {figures['errors']}")
    registrations, follows = {}, {}
    for email, event_id, _status in stored["rows"]:
        registrations.setdefault(email, []).append(event_id)
    for email, tag_id in stored["follows"]:
        follows.setdefault(email, []).append(tag_id)
    for outcome in outcomes:
        if outcome is None:
            failures.append("a member was never started (too little time for the members)")
            continue
        email = outcome["email"]
        for step in ("login", "register", "follow"):
            if outcome.get(step, "not tried"):
                failures.append(f"{email}: {step} failed ({outcome.get(step, 'not tried')})")
        if registrations.get(email, []) != [outcome["event"]] and not outcome.get("register"):
            failures.append(f"{email}: registration stored as {registrations.get(email)}")
        if follows.get(email, []) != [site["tag_id"]] and not outcome.get("follow"):
            failures.append(f"{email}: follow stored as {follows.get(email)}")
    for event_id, (taken, capacity) in stored["seats"].items():
        if capacity is not None and taken > capacity:
            failures.append(f"event {event_id}: {taken} seats taken of {capacity}")
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--json", default=str(ROOT / "test-artifacts" / "load.json"))
    args = parser.parse_args(argv)
    stop_cleanly_on_sigterm()
    connections = min(args.connections, 8)

    work = tempfile.TemporaryDirectory(prefix="articula-load-")
    log_path = Path(work.name) / "gunicorn.log"
    began = time.monotonic()
    try:
        with (
            ThrowawayPostgres(name="load", database="articula_load", port=5450) as pg,
            ThrowawayRedis(port=6391) as redis,
            open(log_path, "w") as log,
        ):
            site = prepare_site(pg.database_url, members=args.users)
            print(f"Site ready ({time.monotonic() - began:.0f} s)")
            users = [
                {"email": email, "event": site["events"][n % len(site["events"])]}
                for n, email in enumerate(site["members"])
            ]
            with Server(
                database_url=pg.database_url,
                log=log,
                REDIS_URL=redis.url,
                DJANGO_STATIC_ROOT=str(Path(work.name) / "static"),
                MEDIA_ROOT=str(Path(work.name) / "media"),
                DJANGO_TRUSTED_PROXY_COUNT="1",
                DJANGO_LOG_LEVEL="ERROR",
            ) as server:
                print(f"gunicorn on {server.url()}: {args.users} members, {args.seconds:.0f} s")
                recorder = Recorder()
                outcomes = run_load(
                    base_url=server.url(""),
                    recorder=recorder,
                    seconds=args.seconds,
                    connections=connections,
                    users=users,
                    user_script=member_script(site),
                    anonymous_paths=anonymous_paths(site),
                )
            stored = stored_writes(pg.database_url, site["events"])
    finally:
        tail = log_path.read_text()[-3000:] if log_path.exists() else ""
        work.cleanup()

    figures = summary(recorder.samples)
    figures["throughput_rps"] = round(figures["requests"] / args.seconds, 1)
    figures["members"] = {
        "started": sum(1 for o in outcomes if o),
        "registered": sum(1 for o in outcomes if o and o.get("register") == ""),
        "followed": sum(1 for o in outcomes if o and o.get("follow") == ""),
        "registrations stored": len(stored["rows"]),
        "follows stored": len(stored["follows"]),
    }
    figures["failures"] = failures = check(figures, outcomes, stored, site)
    figures.update(seconds=args.seconds, connections=connections, users=args.users)
    p50, p95 = figures["latency_ms"]["p50"], figures["latency_ms"]["p95"]
    print("\nLoad figures")
    print_table(
        [
            ("requests", f"{figures['requests']} ({figures['throughput_rps']} req/s)"),
            ("by status", figures["by_status"]),
            ("errors", figures["errors"] or "none"),
            ("latency p50 / p95 / max (ms)", f"{p50} / {p95} / {figures['latency_ms']['max']}"),
            ("members", figures["members"]),
        ]
    )
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(figures, indent=2))
    print(f"\nWritten to {args.json} ({time.monotonic() - began:.0f} s in all)")
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures[:40]))
        print("\nLast lines of gunicorn's log:\n" + tail)
        return 1
    print("Load held.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
