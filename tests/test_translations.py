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
        if not e["obsolete"] and len(e["msgid"]) >= LONG_MESSAGE and e["msgstr"]
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
