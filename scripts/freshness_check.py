"""Freshness check: two app servers on one PostgreSQL and one Redis share what they must.

    .venv/bin/python scripts/freshness_check.py          # as root; about 2 minutes

Everything on loopback, everything thrown away at the end (also on failure): a PostgreSQL
cluster of its own (``pg_createcluster <version> freshness``), ``redis-server`` on port 6392
(or the next free one), and two gunicorn instances, A and B (``portal.settings.production``,
``REDIS_URL`` set, the page cache on), after migrate, the demo data, two verified members and
a moderator (bench/loadkit.py, as the fault drill builds its site).

Asserted (exit status 1 otherwise), each through HTTP only:
- publish: an initiative's edited title waits for moderation; B serves the initiative page from
  its page cache (``X-Page-Cache: hit``); the moderator signs in on A (allauth, CSRF) and
  approves in the Wagtail admin (the workflow action the dashboard's "Approve" button posts);
  every request B gets from 1 s after the approval on serves the new title (polled every
  50 ms; the figures also give when the first fresh answer was complete);
- seats left: B serves an event page from its cache; a member signs in on A and registers;
  B shows one seat fewer to every request from 1 s after it on;
- sessions: the member signed in on A is signed in on B, with A's session cookie;
- rate limits: five wrong passwords for one account on A; the sixth try, on B, is refused.
Every request carries the same public host name (``Host: localhost``), as a load balancer in
front of both would pass it. The figures go to test-artifacts/freshness.json.
"""

import argparse
import json
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, Server  # noqa: E402
from bench.loadkit import (  # noqa: E402
    PASSWORD,
    Recorder,
    ThrowawayPostgres,
    ThrowawayRedis,
    VirtualUser,
    django_shell,
    prepare_site,
    print_table,
    stop_cleanly_on_sigterm,
)

LIMIT_S = 1.0
# Both servers sit behind one load balancer that passes the public host name on, as in a
# deployment: allauth's failed-login counters are keyed by site (the request's host) and
# account, and the page cache by the full URL.
PUBLIC_HOST = "localhost"
RATE_LIMITED = "Too many failed login attempts"
SEATS = re.compile(r"(\d+) of (\d+) seats left")

# A moderator, and a pending edit of the initiative waiting for the moderators' approval.
MODERATION_CODE = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from accounts.models import User
from portal.moderation import ensure_workflow, workflow_submit
from registry.models import InitiativePage

moderator, _ = User.objects.get_or_create(
    username="freshmod", defaults={{"email": "freshmod@example.org", "is_staff": True}}
)
moderator.set_password({password!r})
moderator.save()
moderator.groups.add(Group.objects.get(name="Moderators"))
EmailAddress.objects.update_or_create(
    user=moderator, email=moderator.email, defaults={{"verified": True, "primary": True}}
)
page = InitiativePage.objects.get(pk={page_id})
workflow = page.get_workflow() or ensure_workflow(
    key="freshness", name="Freshness check", task_name="Approve", pages=[page.get_parent()]
)
author = User.objects.get(email={author!r})
page.title = {title!r}
page.save_revision(user=author)
state = workflow_submit(page=page, user=author, workflow=workflow)
print("LOADKIT " + json.dumps({{
    "moderator": moderator.email,
    "page_id": page.pk,
    "task_state_id": state.current_task_state.pk,
}}))
"""


def initiative_id(database_url, path):
    code = (
        "import json\nfrom wagtail.models import Page\n"
        f"page = next(p for p in Page.objects.live() if p.url == {path!r})\n"
        'print("LOADKIT " + json.dumps(page.pk))'
    )
    return django_shell(database_url, code)


def visitor(base_url, recorder, address):
    """A virtual user (bench/loadkit.py) reaching one server under the public host name."""
    vu = VirtualUser(base_url, recorder, address=address)
    vu.session.headers["Host"] = PUBLIC_HOST
    vu.origin = f"https://{PUBLIC_HOST}"
    return vu


def warm(vu, path):
    """Until B answers ``path`` from its page cache; the cached page's text."""
    for _ in range(5):
        response, error = vu.page(path)
        if error:
            raise RuntimeError(f"{path} answered {response.status_code if response else error}")
        if response.headers.get("X-Page-Cache") == "hit":
            return response.text
    raise RuntimeError(f"B never served {path} from its page cache")


def poll(vu, path, predicate, *, since, limit=LIMIT_S * 3):
    """(stale, seen): seconds from ``since`` to the start of the first request to ``path``
    whose answer satisfies ``predicate`` (the window in which B served stale copies), and to
    the end of that answer (the window plus B's time to build the page again, which on a
    loaded machine is most of it); (None, None) if none did within ``limit``."""
    while time.monotonic() - since < limit:
        started = time.monotonic()
        response, _ = vu.page(path, kind="poll")
        if response is not None and predicate(response.text):
            return round(started - since, 3), round(time.monotonic() - since, 3)
        time.sleep(0.05)
    return None, None


def approve(vu, *, page_id, task_state_id):
    """The moderator's "Approve" in the Wagtail admin: the workflow action, posted with the
    CSRF token of the signed-in session (Django accepts the cookie's secret as the token)."""
    path = f"/admin/pages/workflow/action/{page_id}/approve/{task_state_id}/"
    token = vu.session.cookies.get("csrftoken")
    response, error = vu.request(
        "approve",
        "POST",
        path,
        data={"csrfmiddlewaretoken": token, "comment": ""},
        headers={"Origin": vu.origin, "Referer": vu.origin + "/admin/"},
        allow_redirects=False,
    )
    if error or response.status_code != 302:
        return f"approve answered {response.status_code if response else error}"
    return ""


def seats_left(text):
    match = SEATS.search(text)
    return int(match.group(1)) if match else None


def run_checks(site, a, b, database_url):
    """The four checks; returns (figures, failures)."""
    figures, failures = {}, []
    recorder = Recorder()
    anonymous_b = visitor(b, recorder, "10.3.0.1")

    # 1. A moderator's approval on A, seen on B.
    path = site["initiative"]
    title = "Freshness check: renamed initiative"
    pending = django_shell(
        database_url,
        MODERATION_CODE.format(
            password=PASSWORD,
            page_id=initiative_id(database_url, path),
            author=site["members"][0],
            title=title,
        ),
    )
    if title in warm(anonymous_b, path):
        failures.append("the pending title was public before the approval")
    moderator = visitor(a, recorder, "10.3.0.2")
    error = moderator.login(pending["moderator"]) or approve(
        moderator, page_id=pending["page_id"], task_state_id=pending["task_state_id"]
    )
    if error:
        failures.append(f"the moderator could not approve on A: {error}")
    else:
        stale, seen = poll(anonymous_b, path, lambda text: title in text, since=time.monotonic())
        figures["publish_stale_on_b_s"], figures["publish_seen_on_b_s"] = stale, seen
        if stale is None or stale > LIMIT_S:
            failures.append(f"B served the old title {stale or 'over 3'} s after the approval")

    # 2. A registration on A, seats left on B.
    event = site["events"][0]["path"]
    before = seats_left(warm(anonymous_b, event))
    member = visitor(a, recorder, "10.3.0.3")
    error = member.login(site["members"][1]) or member.register(event)
    if error or before is None:
        failures.append(f"the registration on A failed ({error or 'no seats shown'})")
    else:
        stale, seen = poll(
            anonymous_b, event, lambda text: seats_left(text) == before - 1, since=time.monotonic()
        )
        figures["seats_stale_on_b_s"], figures["seats_seen_on_b_s"] = stale, seen
        if stale is None or stale > LIMIT_S:
            failures.append(
                f"B showed {before} seats left {stale or 'over 3'} s after a registration"
            )

    # 3. The session of A, on B: B's home page shows the signed-in header (sign-out button).
    response = member.session.get(f"{b}/", allow_redirects=False, timeout=30)
    signed_in = response.status_code == 200 and "/accounts/logout/" in response.text
    figures["session_on_b"] = signed_in
    if not signed_in:
        failures.append(f"A's session on B: the home page ({response.status_code}) is anonymous")

    # 4. A failed-login limit reached on A, enforced by B.
    email = site["members"][0]
    guesser = visitor(a, recorder, "10.3.0.4")
    for _ in range(5):
        guesser.post(
            "bad login",
            "/accounts/login/",
            {"login": email, "password": "wrong-password"},
            form_path="/accounts/login/",
        )
    on_b = visitor(b, recorder, "10.3.0.5")
    response, _ = on_b.post(
        "bad login",
        "/accounts/login/",
        {"login": email, "password": PASSWORD},
        form_path="/accounts/login/",
    )
    refused = response is not None and RATE_LIMITED in response.text
    figures["sign_in_on_b_after_limit"] = response.status_code if response is not None else None
    figures["rate_limit_enforced_on_b"] = refused
    if not refused:
        failures.append("B let the account sign in after five wrong passwords on A")
    return figures, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", default=str(ROOT / "test-artifacts" / "freshness.json"))
    args = parser.parse_args()
    stop_cleanly_on_sigterm()

    work = tempfile.TemporaryDirectory(prefix="articula-freshness-")
    log_path = Path(work.name) / "gunicorn.log"
    began = time.monotonic()
    figures, failures = {}, []
    try:
        with (
            ThrowawayPostgres(name="freshness", database="articula_freshness") as pg,
            ThrowawayRedis(port=6392) as redis,
            open(log_path, "w") as log,
        ):
            print(f"PostgreSQL cluster 'freshness' on port {pg.port}, Redis on port {redis.port}")
            site = prepare_site(pg.database_url, members=2)
            env = {
                # One secret key for both, as in any deployment: sessions are signed with it.
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "REDIS_URL": redis.url,
                "DJANGO_PAGE_CACHE": "true",
                "DJANGO_STATIC_ROOT": str(Path(work.name) / "static"),
                "MEDIA_ROOT": str(Path(work.name) / "media"),
                "DJANGO_TRUSTED_PROXY_COUNT": "1",
                "DJANGO_LOG_LEVEL": "ERROR",
            }
            with (
                Server(database_url=pg.database_url, workers=1, log=log, **env) as a,
                Server(
                    database_url=pg.database_url, workers=1, collectstatic=False, log=log, **env
                ) as b,
            ):
                print(f"A on {a.url()}, B on {b.url()} ({time.monotonic() - began:.0f} s)")
                figures, failures = run_checks(site, a.url(""), b.url(""), pg.database_url)
    except Exception as error:  # noqa: BLE001 - reported as a failed check
        failures.append(f"the check could not run: {error!r}")
    finally:
        tail = log_path.read_text()[-3000:] if log_path.exists() else ""
        work.cleanup()

    figures["failures"] = failures
    figures["limit_s"] = LIMIT_S
    print("\nFreshness figures")
    print_table([(name, value) for name, value in figures.items() if name != "failures"])
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(figures, indent=2))
    print(f"\nWritten to {args.json} ({time.monotonic() - began:.0f} s in all)")
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        print("\nLast lines of gunicorn's log:\n" + tail)
        return 1
    print("Freshness check passed: two servers share the page cache, sessions and rate limits.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
