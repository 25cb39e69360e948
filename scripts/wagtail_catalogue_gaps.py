"""Print the Wagtail admin strings that have no Spanish or Brazilian Portuguese translation
(run after upgrading Wagtail, then add them to locale/wagtail_admin/<lang>/LC_MESSAGES/):

    .venv/bin/python scripts/wagtail_catalogue_gaps.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from portal.wagtail_catalogues import ADMIN_LANGUAGES, missing_translations  # noqa: E402

for language in ADMIN_LANGUAGES:
    missing = missing_translations(language)
    print(f"{language}: {len(missing)} missing")  # noqa: T201
    for domain, context, msgid in missing:
        print(f"  [{domain}] {f'({context}) ' if context else ''}{msgid!r}")  # noqa: T201
