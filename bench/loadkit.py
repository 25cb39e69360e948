"""Shared by the fault drill (scripts/fault_drill.py) and the load test (bench/load.py): a
throwaway PostgreSQL cluster, a throwaway Redis, the demo site with load members, and virtual
users that browse, sign in and register for events over HTTP, recording every request.

Everything runs on loopback and is stopped by the context managers' exits, also on failure.
Needs root (pg_createcluster, pg_ctlcluster) and Debian's postgresql and redis-server packages.

How the virtual users pass as HTTPS visitors. Production settings mark the session, CSRF and
messages cookies ``Secure`` and trust ``X-Forwarded-Proto: https`` from the proxy that
terminates TLS. gunicorn here listens on plain HTTP, like behind that proxy; the virtual users
play the browser *and* the proxy: every request carries ``X-Forwarded-Proto: https`` (so Django
sees a secure request, as in production), ``X-Forwarded-For`` with the user's own address (with
``DJANGO_TRUSTED_PROXY_COUNT=1``, so that the per-address rate limits count each simulated
visitor separately, as they would count real ones, rather than everyone as 127.0.0.1), and
``Origin: https://...`` on POST (Django's CSRF check compares it with the secure origin).
Python's cookie jar refuses to send a ``Secure`` cookie over http; ``BehindTlsProxyPolicy``
lets it, since the hop it skips is the proxy's. No setting is weakened for the test.
"""

import http.cookiejar
import json
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.common import PYTHON, ROOT, production_env

PASSWORD = "load-test-password-42"  # noqa: S105 - throwaway accounts in a throwaway database
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The 503 page of ops/outage.py (English: the virtual users browse the default language).
OUTAGE_MARKER = "The site is temporarily unavailable"
REGISTERED_MESSAGES = (
    "You are registered.",
    "you are on the waitlist",
    "You are already registered for this event.",
    "You are already on the waitlist for this event.",
)


def stop_cleanly_on_sigterm():
    """``timeout`` (CI) ends a script with SIGTERM: exit through the ``with`` blocks, so that
    gunicorn, Redis and the throwaway cluster are stopped and removed, as on any failure."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def sh(*args, check=True, quiet=True):
    return subprocess.run(
        args,
        check=check,
        stdout=subprocess.DEVNULL if quiet else None,
        stderr=subprocess.DEVNULL if quiet else None,
    )


def port_is_free(port):
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(predicate, *, timeout, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own (``pg_createcluster <version> <name>``), on a free port,
    with the ``articula`` role and one database; dropped, data and all, on exit. Restarting it
    disturbs nothing else on the machine (the ``main`` cluster of the test suite keeps running).
    """

    def __init__(self, *, name, database, port=5440):
        self.version = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))[
            -1
        ].name
        self.name = name
        self.database = database
        self.port = next(p for p in range(port, port + 50) if port_is_free(p))

    @property
    def database_url(self):
        return f"postgres://articula:articula@127.0.0.1:{self.port}/{self.database}"

    def psql(self, sql):
        sh("runuser", "-u", "postgres", "--", "psql", "-q", "-p", str(self.port), "-c", sql)

    def ready(self):
        return (
            sh("pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode
            == 0
        )

    def __enter__(self):
        self.drop()  # what a run killed before its cleanup left behind
        sh("pg_createcluster", self.version, self.name, "--port", str(self.port))
        try:
            sh("pg_ctlcluster", self.version, self.name, "start")
            if not wait_for(self.ready, timeout=30):
                raise RuntimeError(f"PostgreSQL cluster {self.name} did not start")
            self.psql("CREATE USER articula WITH PASSWORD 'articula' CREATEDB")
            self.psql(f"CREATE DATABASE {self.database} OWNER articula")
        except BaseException:
            self.drop()
            raise
        return self

    def restart(self):
        """Restart (fast mode: open connections are cut, as in a failover); returns once the
        server accepts connections again."""
        sh("pg_ctlcluster", self.version, self.name, "restart", "-m", "fast")
        if not wait_for(self.ready, timeout=30, interval=0.05):
            raise RuntimeError("PostgreSQL did not come back after the restart")

    def drop(self):
        sh("pg_dropcluster", self.version, self.name, "--stop", check=False)

    def __exit__(self, *exc):
        self.drop()


class ThrowawayRedis:
    """``redis-server`` on 127.0.0.1:<port>, in memory only (no RDB, no AOF)."""

    def __init__(self, *, port=6390):
        if not shutil.which("redis-server"):
            raise RuntimeError("redis-server is missing: apt-get install -y redis-server")
        self.port = next(p for p in range(port, port + 50) if port_is_free(p))

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self):
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() == "PONG"

    def start(self):
        sh(
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--daemonize",
            "yes",
            "--save",
            "",
            "--appendonly",
            "no",
            "--pidfile",
            f"/tmp/articula-redis-{self.port}.pid",  # noqa: S108 - loopback test server
            "--logfile",
            "",
        )
        if not wait_for(self.ping, timeout=10, interval=0.05):
            raise RuntimeError("redis-server did not start")

    def stop(self):
        sh("redis-cli", "-p", str(self.port), "shutdown", "nosave", check=False)
        wait_for(lambda: not self.ping(), timeout=10, interval=0.05)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


SETUP_CODE = """
import json
from datetime import timedelta
from django.utils import timezone
from allauth.account.models import EmailAddress
from accounts.models import User
from events.models import EventPage
from portal.models import Tag
from registry.models import InitiativePage

members = []
for number in range({members}):
    name = f"load{{number:03d}}"
    email = f"{{name}}@example.org"
    user, created = User.objects.get_or_create(username=name, defaults={{"email": email}})
    if created:
        user.set_password({password!r})
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={{"verified": True, "primary": True}}
    )
    members.append(email)
soon = timezone.now() + timedelta(days=1)
events = [
    event
    for event in EventPage.objects.live().public().filter(
        start__gt=soon, registration_open=True, locale__language_code="en"
    ).order_by("start")
    if event.registration_deadline is None or event.registration_deadline > soon
]
initiative = InitiativePage.objects.live().public().filter(locale__language_code="en").first()
tag = Tag.objects.order_by("pk").first()
print("LOADKIT " + json.dumps({{
    "members": members,
    "events": [{{"id": e.pk, "path": e.url, "capacity": e.capacity}} for e in events[:3]],
    "initiative": initiative.url,
    "tag": f"/tags/{{tag.slug}}/",
    "tag_id": tag.pk,
}}))
"""


def prepare_site(database_url, *, members):
    """Migrate, load the demo data (with the demo accounts) and ``members`` verified load
    members; returns the paths the virtual users visit."""
    env = production_env(database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    env["DJANGO_DEBUG"] = "true"
    env.pop("REDIS_URL", None)
    for args in (["migrate", "--no-input", "-v", "0"], ["load_demo_data", "-v", "0"]):
        subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    code = SETUP_CODE.format(members=members, password=PASSWORD)
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    site = json.loads(output.split("LOADKIT ", 1)[1])
    if not site["events"]:
        raise RuntimeError("The demo data has no upcoming event open for registration")
    return site


REGISTRATIONS_CODE = """
import json
from community.models import Follow
from events.models import EventRegistration
rows = EventRegistration.objects.filter(user__username__startswith="load").values_list(
    "user__email", "event_id", "status"
)
follows = Follow.objects.filter(user__username__startswith="load").values_list(
    "user__email", "tag_id"
)
seats = {{}}
for event_id, capacity in {events!r}:
    seats[event_id] = [
        EventRegistration.objects.filter(event_id=event_id).active().count(), capacity
    ]
print("LOADKIT " + json.dumps({{"rows": list(rows), "seats": seats, "follows": list(follows)}}))
"""


def django_shell(database_url, code):
    """Run ``code`` in ``manage.py shell`` on ``database_url`` (development settings, no
    Redis) and return the JSON it prints after ``LOADKIT ``."""
    env = production_env(database_url, DJANGO_SETTINGS_MODULE="portal.settings.dev")
    env.pop("REDIS_URL", None)
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.split("LOADKIT ", 1)[1])


def stored_writes(database_url, events):
    """The load members' registration rows, (taken, capacity) per event, and their follows."""
    code = REGISTRATIONS_CODE.format(events=[(e["id"], e["capacity"]) for e in events])
    return django_shell(database_url, code)


class BehindTlsProxyPolicy(http.cookiejar.DefaultCookiePolicy):
    """Send ``Secure`` cookies over the loopback HTTP hop (see the module docstring)."""

    def return_ok_secure(self, cookie, request):
        return True


class BehindTlsProxySession(requests.Session):
    """A requests session whose cookie jar follows ``BehindTlsProxyPolicy``. requests copies
    the session's cookies into a new jar, with the default policy, for every request: the
    Cookie header is built again here from the session's own jar."""

    def __init__(self):
        super().__init__()
        self.cookies.set_policy(BehindTlsProxyPolicy())

    def prepare_request(self, request):
        prepared = super().prepare_request(request)
        prepared.headers.pop("Cookie", None)
        prepared.prepare_cookies(self.cookies)
        return prepared


@dataclass
class Sample:
    kind: str  # page, login, register, ...
    started: float  # time.monotonic()
    ended: float
    status: int | None  # None: no HTTP answer
    error: str = ""  # "", "connection", "503", "5xx", "4xx", "bad 503 page", "not confirmed"

    @property
    def ok(self):
        return not self.error

    @property
    def latency(self):
        return self.ended - self.started


@dataclass
class Recorder:
    samples: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample):
        with self.lock:
            self.samples.append(sample)


def classify(response):
    """The error kind of an HTTP answer, "" for a good one."""
    if response.status_code == 503:
        page = response.text
        if OUTAGE_MARKER in page and response.headers.get("Retry-After") == "10":
            return "503"
        return "bad 503 page"
    if response.status_code >= 500:
        return "5xx"
    if response.status_code >= 400:
        return "4xx"
    return ""


class VirtualUser:
    """One visitor: its own cookies (a browser), its own address, every request recorded."""

    def __init__(self, base_url, recorder, *, address, timeout=30):
        self.base_url = base_url
        self.recorder = recorder
        self.timeout = timeout
        self.session = BehindTlsProxySession()
        self.session.headers.update(
            {"X-Forwarded-Proto": "https", "X-Forwarded-For": address, "User-Agent": "loadkit"}
        )
        self.origin = "https://" + base_url.split("://", 1)[1].rstrip("/")

    def request(self, kind, method, path, **kwargs):
        """(response or None, error kind); the request is recorded."""
        started = time.monotonic()
        try:
            response = self.session.request(
                method, self.base_url + path, timeout=self.timeout, **kwargs
            )
        except requests.RequestException:
            self.recorder.add(Sample(kind, started, time.monotonic(), None, "connection"))
            return None, "connection"
        error = classify(response)
        self.recorder.add(Sample(kind, started, time.monotonic(), response.status_code, error))
        return response, error

    def page(self, path, kind="page"):
        return self.request(kind, "GET", path)

    def post(self, kind, path, data, *, form_path):
        """GET the form (for its CSRF token), then POST ``data`` to ``path``."""
        response, error = self.page(form_path, kind=f"{kind} form")
        if error:
            return None, error
        token = CSRF_TOKEN.search(response.text)
        if not token:
            return None, "no form"
        return self.request(
            kind,
            "POST",
            path,
            data={"csrfmiddlewaretoken": token.group(1), **data},
            headers={"Origin": self.origin, "Referer": self.origin + form_path},
            allow_redirects=False,
        )

    def login(self, email):
        response, error = self.post(
            "login",
            "/accounts/login/",
            {"login": email, "password": PASSWORD},
            form_path="/accounts/login/",
        )
        if error:
            return error
        if response.status_code != 302 or "/accounts/login/" in response.headers["Location"]:
            return "not signed in"
        return ""

    def register(self, event_path):
        """Register for the event; "" once the site confirmed it (the message on the page it
        redirects to), else the error kind."""
        response, error = self.post("register", f"{event_path}register/", {}, form_path=event_path)
        if error:
            return error
        if response.status_code != 302:
            return "not redirected"
        # The confirmation (a message in the messages cookie) shows on the event page.
        page, error = self.page(response.headers["Location"], kind="register result")
        if error:
            return error
        if any(message in page.text for message in REGISTERED_MESSAGES):
            return ""
        return "not confirmed"

    def follow_tag(self, tag_path, tag_id):
        """Follow a tag from its page; "" once the site confirmed it."""
        response, error = self.post(
            "follow", "/members/me/follow/", {"tag": tag_id}, form_path=tag_path
        )
        if error:
            return error
        if response.status_code != 302:
            return "not redirected"
        page, error = self.page(response.headers["Location"], kind="follow result")
        if error:
            return error
        return "" if "You now follow" in page.text else "not confirmed"


def percentile(values, fraction):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(samples):
    """The figures of a run: totals, statuses, errors by kind, latency."""
    latencies = [s.latency for s in samples if s.status is not None]
    return {
        "requests": len(samples),
        "by_status": dict(sorted(Counter(str(s.status) for s in samples).items())),
        "errors": dict(sorted(Counter(s.error for s in samples if s.error).items())),
        "by_kind": dict(sorted(Counter(s.kind for s in samples).items())),
        "errors_by_request": dict(
            sorted(Counter(f"{s.kind}: {s.error}" for s in samples if s.error).items())
        ),
        "latency_ms": {
            "p50": round(1000 * percentile(latencies, 0.50), 1),
            "p95": round(1000 * percentile(latencies, 0.95), 1),
            "max": round(1000 * max(latencies, default=0), 1),
            "mean": round(1000 * statistics.fmean(latencies), 1) if latencies else 0.0,
        },
    }


def print_table(rows):
    width = max(len(name) for name, _value in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


RETRYABLE = {"503", "connection"}


def with_retries(action, *, until, pause=1.0):
    """Call ``action()`` (it returns an error kind, "" for success) again after a 503 or a
    lost connection, as a person would, until it succeeds or ``until`` (monotonic) passes.
    Returns (error kind of the last try, number of tries)."""
    tries = 0
    while True:
        tries += 1
        error = action()
        if error not in RETRYABLE or time.monotonic() + pause >= until:
            return error, tries
        time.sleep(pause)


def run_load(*, base_url, recorder, seconds, connections, users, user_script, anonymous_paths):
    """``connections`` threads (one connection each) for ``seconds``. Virtual user number i
    becomes due at i x (80 % of ``seconds``) / len(users), so that sign-ins and writes are
    spread over the run; a free thread runs the next due user's ``user_script(vu, user,
    until)`` and, when no user is due, browses ``anonymous_paths`` as an anonymous visitor.
    Returns the user scripts' results, in user order (None for a user never started)."""
    started = time.monotonic()
    until = started + seconds
    step = 0.8 * seconds / max(1, len(users))
    queue = list(enumerate(users))
    results = [None] * len(users)
    lock = threading.Lock()

    def next_user():
        with lock:
            if queue and time.monotonic() >= started + queue[0][0] * step:
                return queue.pop(0)
            return None

    def worker(index):
        anonymous = VirtualUser(base_url, recorder, address=f"10.1.0.{index + 1}")
        turn = index
        while time.monotonic() < until:
            due = next_user()
            if due is not None:
                number, user = due
                vu = VirtualUser(
                    base_url, recorder, address=f"10.2.{number // 250}.{number % 250 + 1}"
                )
                results[number] = user_script(vu, user, until)
                continue
            anonymous.page(anonymous_paths[turn % len(anonymous_paths)])
            turn += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return results


def anonymous_paths(site):
    return [
        "/",
        "/initiatives/",
        site["initiative"],
        "/events/",
        site["events"][0]["path"],
        site["tag"],
        "/search/?q=cluster",
    ]
