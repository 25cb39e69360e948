"""Helpers for the benchmarks: serve the site as in production and measure it.

    from bench.common import Server, measure, print_ratios

    with Server(database_url="sqlite:////tmp/articula-bench.db") as server:
        floor = measure(server.url("/healthz"))
        home = measure(server.url("/"))
        print_ratios(floor, {"home": home})

``Server`` starts gunicorn (2 workers) with the production settings (WhiteNoise, the
production middleware; plain HTTP) on a free port, against the given DATABASE_URL, after
``collectstatic``. ``measure`` uses ``wrk`` when it is installed, else a small keep-alive
Python load generator, with at most 8 connections: the load generator and the server share
the machine, so report ratios to the floor (``/healthz``, a trivial view through the same
middleware), not absolute figures.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MAX_CONNECTIONS = 8


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, **extra):
    """The environment of a production process on this machine (plain HTTP, no Redis)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("DJANGO_DEBUG", None)
    env.update(extra)
    return env


def manage(*args, database_url, stdout=None, **env):
    """Run ``manage.py *args`` with production settings; raises on failure. ``stdout``: where
    its output goes (``subprocess.DEVNULL`` to hide it), ours by default."""
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=production_env(database_url, **env),
        stdout=stdout,
        check=True,
    )


class Server:
    """gunicorn serving the site with production settings on 127.0.0.1:<free port>."""

    def __init__(self, *, database_url, workers=2, collectstatic=True, log=None, **env):
        self.database_url = database_url
        self.workers = workers
        self.collectstatic = collectstatic
        # An open file for gunicorn's output (its error log, Django's tracebacks), else ours.
        self.log = log
        self.env = env
        self.port = free_port()
        self.process = None

    def url(self, path="/"):
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        if self.collectstatic:
            manage(
                "collectstatic", "--noinput", "-v", "0", database_url=self.database_url, **self.env
            )
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "portal.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=production_env(self.database_url, **self.env),
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited; see its output above")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Result:
    url: str
    requests_per_second: float
    requests: int
    errors: int
    tool: str

    def __str__(self):
        errors = f", {self.errors} errors" if self.errors else ""
        return (
            f"{self.requests_per_second:8.1f} req/s ({self.requests} requests{errors}, {self.tool})"
        )


# Sent with every measured request, as a browser sends it: a response the site keeps
# compressed (the registry's map layer) is measured as browsers receive it.
ACCEPT_ENCODING = "gzip, deflate, br"


def _measure_wrk(url, seconds, connections):
    output = subprocess.run(
        # A long timeout: on a busy machine a slow page must count, not vanish as a timeout.
        [
            *("wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s"),
            *("-H", f"Accept-Encoding: {ACCEPT_ENCODING}", url),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = int(non_2xx.group(1)) if non_2xx else 0
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        errors += sum(int(count) for count in socket_errors.groups())
    return Result(url, rps, total, errors, "wrk")


def _measure_python(url, seconds, connections):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    counts = [0] * connections
    errors = [0] * connections
    stop = time.monotonic() + seconds

    def worker(index):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < stop:
            try:
                conn.request(
                    "GET",
                    path,
                    headers={"Host": parts.hostname, "Accept-Encoding": ACCEPT_ENCODING},
                )
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
                counts[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    total = sum(counts)
    return Result(url, total / elapsed, total, sum(errors), "python")


def measure(url, *, seconds=5, connections=4, warmup=1):
    """Requests per second for ``url`` (GET) over ``seconds``, with ``connections`` concurrent
    keep-alive connections (at most 8)."""
    connections = min(connections, MAX_CONNECTIONS)
    for _ in range(warmup):
        urllib.request.urlopen(url, timeout=30).read()  # noqa: S310
    if shutil.which("wrk"):
        return _measure_wrk(url, seconds, connections)
    return _measure_python(url, seconds, connections)


def print_ratios(floor, results):
    """Print each result and how many times slower than the floor it is."""
    print(f"  {'floor (/healthz)':<28} {floor}")
    for name, result in results.items():
        ratio = floor.requests_per_second / result.requests_per_second
        print(f"  {name:<28} {result}  = {ratio:5.1f}x the floor's cost")
