"""Fault drill: PostgreSQL restarts and Redis dies under load; nothing is lost, the site says
503 while the database is away and recovers by itself.

    .venv/bin/python scripts/fault_drill.py            # as root; about 3 minutes
    .venv/bin/python scripts/fault_drill.py --seconds 30 --members 10

Everything on loopback, everything thrown away at the end (also on failure):
a PostgreSQL cluster of its own (``pg_createcluster <version> faults``, database
``articula_faults``), ``redis-server`` on port 6390 (or the next free one), and gunicorn
(2 workers, ``portal.settings.production``, ``REDIS_URL`` set) on a free port, after migrate,
the demo data and ``--members`` verified load members.

The load: ``--connections`` (8) threads for ``--seconds`` (60). Anonymous visitors browse the
home page, the registry, an initiative, the events, an event, a tag page and a search; every
load member, in turn (spread over the run), signs in (allauth, with CSRF), registers for one
event and browses on. A 503 or a lost connection is tried again a second later, as a person
would. Faults: at 15 s PostgreSQL restarts (fast mode: open connections are cut); at 35 s Redis
is shut down for 10 s. bench/loadkit.py explains how the plain-HTTP virtual users pass as
HTTPS visitors (production settings, Secure cookies) without weakening any setting.

Asserted (exit status 1 otherwise):
- no registration lost or doubled: every member got the site's confirmation, has exactly one
  row, for the event they chose; no event holds more seats than its capacity;
- no error but the project's 503 page (with ``Retry-After``): no other 5xx, no 4xx, no lost
  connection, no traceback; 503s only around the PostgreSQL restart, none while Redis is down;
- recovery: after each service is back, the first successful page, sign-in and registration
  come within 15 s.
The figures are printed and written to test-artifacts/fault-drill.json.
"""

import argparse
import json
import sys
import tempfile
import threading
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
    with_retries,
)

RECOVERY_LIMIT = 15.0
KINDS = ("page", "login", "register")


def member_script(site):
    def script(vu, user, until):
        outcome = {"email": user["email"], "event": user["event"]["id"], "register": "not tried"}
        outcome["login"], outcome["login_tries"] = with_retries(
            lambda: vu.login(user["email"]), until=until
        )
        if outcome["login"]:
            return outcome
        vu.page("/")
        outcome["register"], outcome["register_tries"] = with_retries(
            lambda: vu.register(user["event"]["path"]), until=until
        )
        vu.page(site["tag"])
        return outcome

    return script


class Faults(threading.Thread):
    """Restart PostgreSQL at ``pg_at`` s, stop Redis at ``redis_at`` s for ``redis_down`` s;
    records when each went away and came back (monotonic)."""

    def __init__(self, *, pg, redis, pg_at, redis_at, redis_down):
        super().__init__(daemon=True)
        self.pg, self.redis = pg, redis
        self.plan = (pg_at, redis_at, redis_down)
        self.events = {}
        self.error = None

    def run(self):
        pg_at, redis_at, redis_down = self.plan
        started = time.monotonic()
        try:
            time.sleep(max(0, started + pg_at - time.monotonic()))
            self.events["postgresql"] = {"down": time.monotonic()}
            self.pg.restart()
            self.events["postgresql"]["back"] = time.monotonic()
            time.sleep(max(0, started + redis_at - time.monotonic()))
            self.events["redis"] = {"down": time.monotonic()}
            self.redis.stop()
            time.sleep(redis_down)
            self.redis.start()
            self.events["redis"]["back"] = time.monotonic()
        except Exception as error:  # noqa: BLE001 - reported as a failed drill
            self.error = repr(error)


def recovery(samples, back):
    """Seconds from ``back`` to the first success of each kind of request started after it."""
    times = {}
    for kind in KINDS:
        ends = [s.ended for s in samples if s.kind == kind and s.ok and s.started >= back]
        times[kind] = round(min(ends) - back, 2) if ends else None
    return times


def check(figures, outcomes, stored, samples, faults):
    """The drill's assertions; returns the list of failures."""
    failures = []
    if faults.error:
        failures.append(f"the fault injection failed: {faults.error}")
    # Registrations: nothing lost, nothing doubled, no event overbooked.
    rows = {}
    for email, event_id, status in stored["rows"]:
        rows.setdefault(email, []).append((event_id, status))
    for outcome in outcomes:
        if outcome is None:
            failures.append("a load member was never started (too little time for the members)")
            continue
        email = outcome["email"]
        if outcome["login"]:
            failures.append(f"{email}: could not sign in ({outcome['login']})")
        elif outcome["register"]:
            failures.append(f"{email}: registration not confirmed ({outcome['register']})")
        mine = rows.get(email, [])
        if len(mine) > 1:
            failures.append(f"{email}: {len(mine)} registration rows (doubled)")
        confirmed = not outcome["login"] and not outcome["register"]
        if confirmed and [event_id for event_id, _ in mine] != [outcome["event"]]:
            failures.append(f"{email}: confirmed but stored as {mine} (lost)")
    for event_id, (taken, capacity) in stored["seats"].items():
        if capacity is not None and taken > capacity:
            failures.append(f"event {event_id}: {taken} seats taken of {capacity}")
    # Errors: the 503 page only, and only around the database restart.
    unexpected = {kind: n for kind, n in figures["errors"].items() if kind != "503"}
    if unexpected:
        failures.append(f"errors other than the 503 page: {unexpected}")
    pg, redis = faults.events.get("postgresql", {}), faults.events.get("redis", {})
    if pg.get("back"):
        late = [
            s
            for s in samples
            if s.error == "503" and not (pg["down"] <= s.ended and s.started <= pg["back"] + 5)
        ]
        if late:
            failures.append(f"{len(late)} 503 answers outside the PostgreSQL restart")
    if redis.get("back"):
        during = [s for s in samples if s.error and redis["down"] <= s.started <= redis["back"]]
        if during:
            failures.append(f"{len(during)} errors while Redis was down (it must not matter)")
    # Recovery within RECOVERY_LIMIT seconds of each service's return.
    for service, times in figures["recovery_s"].items():
        for kind, seconds in times.items():
            if seconds is None:
                failures.append(f"no {kind} request after {service} came back: not measured")
            elif seconds > RECOVERY_LIMIT:
                failures.append(
                    f"{kind} recovered {seconds} s after {service} (> {RECOVERY_LIMIT})"
                )
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--json", default=str(ROOT / "test-artifacts" / "fault-drill.json"))
    args = parser.parse_args(argv)
    stop_cleanly_on_sigterm()
    connections = min(args.connections, 8)
    pg_at, redis_at, redis_down = args.seconds * 0.25, args.seconds * 7 / 12, args.seconds / 6

    work = tempfile.TemporaryDirectory(prefix="articula-faults-")
    log_path = Path(work.name) / "gunicorn.log"
    began = time.monotonic()
    try:
        with (
            ThrowawayPostgres(name="faults", database="articula_faults") as pg,
            ThrowawayRedis(port=6390) as redis,
            open(log_path, "w") as log,
        ):
            print(f"PostgreSQL cluster 'faults' on port {pg.port}, Redis on port {redis.port}")
            site = prepare_site(pg.database_url, members=args.members)
            print(f"Site ready ({time.monotonic() - began:.0f} s): events {site['events']}")
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
                print(f"gunicorn on {server.url()}; load for {args.seconds:.0f} s")
                recorder = Recorder()
                faults = Faults(
                    pg=pg, redis=redis, pg_at=pg_at, redis_at=redis_at, redis_down=redis_down
                )
                load_started = time.monotonic()
                faults.start()
                outcomes = run_load(
                    base_url=server.url(""),
                    recorder=recorder,
                    seconds=args.seconds,
                    connections=connections,
                    users=users,
                    user_script=member_script(site),
                    anonymous_paths=anonymous_paths(site),
                )
                faults.join(timeout=60)
            stored = stored_writes(pg.database_url, site["events"])
    finally:
        tail = log_path.read_text()[-3000:] if log_path.exists() else ""
        work.cleanup()

    samples = recorder.samples
    figures = summary(samples)
    figures["recovery_s"] = {
        service: recovery(samples, times["back"])
        for service, times in faults.events.items()
        if "back" in times
    }
    figures["faults"] = {
        service: {name: round(moment - load_started, 2) for name, moment in times.items()}
        for service, times in faults.events.items()
    }
    confirmed = [o for o in outcomes if o and not o["login"] and not o["register"]]
    figures["registrations"] = {
        "members": len(users),
        "attempted": sum(1 for o in outcomes if o and o["register"] != "not tried"),
        "confirmed": len(confirmed),
        "stored": len(stored["rows"]),
        "tries": sum(o.get("register_tries", 0) for o in outcomes if o),
        "sign-in tries": sum(o.get("login_tries", 0) for o in outcomes if o),
    }
    figures["seats"] = stored["seats"]
    failures = check(figures, outcomes, stored, samples, faults)
    figures["failures"] = failures
    figures["seconds"] = args.seconds
    figures["connections"] = connections

    rows = [
        ("requests", figures["requests"]),
        ("by status", figures["by_status"]),
        ("errors by kind", figures["errors"] or "none"),
        ("errors by request", figures["errors_by_request"] or "none"),
        (
            "latency p50 / p95 (ms)",
            f"{figures['latency_ms']['p50']} / {figures['latency_ms']['p95']}",
        ),
        ("registrations", figures["registrations"]),
        ("faults at (s into the load)", figures["faults"]),
    ]
    rows += [(f"recovery after {s} (s)", t) for s, t in figures["recovery_s"].items()]
    print("\nFault drill figures")
    print_table(rows)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(figures, indent=2))
    print(f"\nWritten to {args.json} ({time.monotonic() - began:.0f} s in all)")
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        print("\nLast lines of gunicorn's log:\n" + tail)
        return 1
    print("Fault drill passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
