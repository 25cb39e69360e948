"""Every catalogue is complete in Spanish and Portuguese, and the compiled catalogues are the
ones Django uses."""

import re
import subprocess
from pathlib import Path

from django.utils import translation

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", "node_modules", ".git", "staticfiles", "test-artifacts"}
# A translation identical to an English message of this many characters or more is a copy.
LONG_MESSAGE = 25
# ...and more than this share of such copies in a catalogue is a sign of copied English.
MAX_COPY_SHARE = 0.05


def po_files():
    found = []
    for path in ROOT.rglob("*.po"):
        if SKIP_DIRS.intersection(path.relative_to(ROOT).parts):
            continue
        found.append(path)
    return sorted(found)


def unquote(lines):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', "\n".join(lines)))
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")


def entries(path):
    """Parse a .po file into dicts: msgid, msgid_plural, msgstr (list), fuzzy, obsolete."""
    result = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        lines = block.strip().splitlines()
        if not lines:
            continue
        entry = {"msgid": None, "msgid_plural": None, "msgstr": [], "fuzzy": False}
        entry["obsolete"] = all(line.startswith("#~") for line in lines)
        current = None
        buffers = {}
        for line in lines:
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            if line.startswith("#"):
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)$", line)
            if match:
                current = match.group(1)
                buffers[current] = [match.group(2)]
            elif current and line.startswith('"'):
                buffers[current].append(line)
        if "msgid" not in buffers:
            continue
        entry["msgid"] = unquote(buffers["msgid"])
        if "msgid_plural" in buffers:
            entry["msgid_plural"] = unquote(buffers["msgid_plural"])
        entry["msgstr"] = [unquote(v) for k, v in sorted(buffers.items()) if k.startswith("msgstr")]
        result.append(entry)
    return result


def test_there_are_catalogues_for_both_languages():
    languages = {path.parts[-3] for path in po_files()}
    assert {"es", "pt"} <= languages


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    problems = []
    for entry in entries(path):
        if entry["obsolete"] or entry["msgid"] == "":
            continue
        label = entry["msgid"][:70]
        if entry["fuzzy"]:
            problems.append(f"fuzzy: {label!r}")
        elif not entry["msgstr"] or any(not s.strip() for s in entry["msgstr"]):
            problems.append(f"untranslated: {label!r}")
    assert not problems, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_not_copied_english(path):
    long_entries = [
        e
        for e in entries(path)
        if not e["obsolete"]
        and len(e["msgid"]) >= LONG_MESSAGE
        and e["msgstr"]
        # A message of placeholders only ("%(a)s: %(b)s") has no words to translate.
        and re.search(r"[A-Za-z]{2}", re.sub(r"%\(\w+\)[sd]|\{\w+\}", "", e["msgid"]))
    ]
    copies = [e["msgid"][:70] for e in long_entries if e["msgstr"][0].strip() == e["msgid"]]
    if long_entries:
        share = len(copies) / len(long_entries)
        assert share <= MAX_COPY_SHARE, (
            f"{path.relative_to(ROOT)}: {len(copies)} of {len(long_entries)} long messages are "
            f"the English text: {copies[:10]}"
        )


@pytest.mark.parametrize("path", po_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_compiles_cleanly(path):
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        ("es", "Please confirm your email address before you continue.", "Confirma tu"),
        ("pt", "Please confirm your email address before you continue.", "Confirme seu"),
        ("pt", "Too many failed login attempts. Try again later.", "Muitas tentativas"),
        ("pt", "Brazil", "Brasil"),
    ],
)
def test_compiled_catalogues_are_used(language, message, expected):
    """The .mo files built by compilemessages (make test / make run do it) are loaded: the
    project's own strings and the libraries' Portuguese (vendor_translations)."""
    with translation.override(language):
        assert translation.gettext(message).startswith(expected)


def test_compiled_catalogues_render_in_pages(client, db):
    response = client.get("/pt/accounts/login/")
    assert response.status_code == 200
    with translation.override("pt"):
        assert translation.gettext("Sign In") != "Sign In"
        assert translation.gettext("Sign In") in response.content.decode()


# --- Content translation with wagtail-localize (Wagtail 8) -----------------------------------

SPANISH = {
    "About the network": "Acerca de la red",
    "Who we are and what we do.": "Quiénes somos y qué hacemos.",
    "network": "network",  # the slug stays the same in every language
}


def test_staff_translate_a_page_with_wagtail_localize(
    client, admin_user, home_page, django_capture_on_commit_callbacks
):
    """Submit an English page for translation in the admin, translate its strings in
    wagtail-localize's editor (here through its models), publish: the Spanish page is live at
    /es/<same slug>/."""
    from wagtail.models import Locale

    from wagtail_localize.models import StringSegment, StringTranslation, Translation

    from portal.models import StandardPage

    page = StandardPage(
        title="About the network", slug="network", intro="Who we are and what we do."
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    spanish = Locale.objects.get(language_code="es")
    client.force_login(admin_user)

    # The Spanish home page exists (the demo data makes it the same way).
    home_page.copy_for_translation(spanish).save_revision().publish()
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [spanish.pk]})
    assert response.status_code == 302
    draft = StandardPage.objects.get(translation_key=page.translation_key, locale=spanish)
    assert not draft.live

    # The translation editor opens in the admin.
    editor = client.get(f"/admin/pages/{draft.pk}/edit/")
    assert editor.status_code == 200
    assert "translation" in editor.content.decode().lower()

    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=spanish
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related(
        "string", "context"
    ):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=spanish,
            context=segment.context,
            data=SPANISH[segment.string.data],
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    assert translation.get_progress() == (3, 3)
    with django_capture_on_commit_callbacks(execute=True):  # it publishes on commit
        translation.save_target(user=admin_user, publish=True)

    draft.refresh_from_db()
    assert draft.live and draft.slug == "network"
    response = client.get("/es/network/")
    assert response.status_code == 200
    assert "Acerca de la red" in response.content.decode()
    assert "Quiénes somos y qué hacemos." in response.content.decode()
