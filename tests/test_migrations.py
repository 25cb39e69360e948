"""Models and migrations agree: `makemigrations --check` finds nothing to write."""

from io import StringIO

from django.core.management import call_command

import pytest


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # --check exits with status 1 when a migration is missing
        pytest.fail(f"Missing migrations (status {exit_.code}):\n{out.getvalue()}")
