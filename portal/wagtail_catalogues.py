"""Which of Wagtail's own admin strings have no Spanish or Brazilian Portuguese translation,
neither in Wagtail's catalogues nor in ours (``locale/wagtail_admin``). Used by
``tests/portal/test_wagtail_catalogues.py`` and by ``scripts/wagtail_catalogue_gaps.py`` after a
Wagtail upgrade."""

from pathlib import Path

from django.conf import settings

import wagtail

import polib

ADMIN_LANGUAGES = ("es", "pt_BR")
WAGTAIL_ROOT = Path(wagtail.__file__).parent
OUR_CATALOGUES = Path(settings.BASE_DIR) / "locale" / "wagtail_admin"


def installed_wagtail_locale_dirs():
    """The ``locale`` folders of the Wagtail apps in ``INSTALLED_APPS``."""
    dirs = []
    for app in settings.INSTALLED_APPS:
        if app == "wagtail" or app.startswith("wagtail."):
            folder = WAGTAIL_ROOT.joinpath(*app.split(".")[1:], "locale")
            if folder.is_dir():
                dirs.append(folder)
    return dirs


def _translated(path):
    if not path.exists():
        return set()
    return {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(path))
        if entry.translated() and not entry.obsolete
    }


def missing_translations(language):
    """``[(domain, msgctxt, msgid)]`` of Wagtail's admin strings that nothing translates."""
    ours = {
        domain: _translated(OUR_CATALOGUES / language / "LC_MESSAGES" / f"{domain}.po")
        for domain in ("django", "djangojs")
    }
    missing = []
    for folder in installed_wagtail_locale_dirs():
        for domain in ("django", "djangojs"):
            english = folder / "en" / "LC_MESSAGES" / f"{domain}.po"
            if not english.exists():
                continue
            done = _translated(folder / language / "LC_MESSAGES" / f"{domain}.po") | ours[domain]
            for entry in polib.pofile(str(english)):
                key = (entry.msgctxt, entry.msgid)
                if not entry.obsolete and key not in done:
                    missing.append((domain, *key))
    return sorted(set(missing), key=lambda item: (item[0], item[1] or "", item[2]))
