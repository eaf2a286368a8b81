"""The Vietnamese catalogue: every message translated, and the shipped .mo matches the .po."""
from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import kehoach.web

LOCALE = Path(kehoach.web.__file__).parent / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "django.mo"


def _entries(text: str):
    """(msgid, msgid_plural, [msgstr…]) of a .po file; enough of the format for our catalogue."""
    entries, current, key = [], None, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = None, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if match:
            current = current or {}
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and current is not None and key:
            current[key] += ast.literal_eval(line)
    return [e for e in entries if e.get("msgid")]


def test_every_message_has_a_vietnamese_translation():
    entries = _entries(PO.read_text(encoding="utf-8"))
    assert len(entries) > 200
    untranslated = [e["msgid"] for e in entries
                    if not (e.get("msgstr") or e.get("msgstr[0]"))]
    assert untranslated == []
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_the_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for entry in _entries(PO.read_text(encoding="utf-8")):
        if "msgid_plural" in entry:
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[0]"], entry["msgid"]
        else:
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
