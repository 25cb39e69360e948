"""Fixtures of the security suite (tests/security/): the perimeter tests of every login path,
the URL x role matrix, hostile payloads, fuzzing and response headers."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Fuzzing (test_fuzz.py): no example database (no .hypothesis/ folder in the checkout or in
# CI), no per-example deadline on a busy machine, and function-scoped fixtures (the test
# client, the database) are shared by the examples of one test on purpose.
settings.register_profile(
    "ci",
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")
# Hypothesis still caches constants and Unicode tables in its home folder: keep that out of
# the checkout too.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "articula-hypothesis")
