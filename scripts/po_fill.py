"""Fill Swedish translations into locale/sv/LC_MESSAGES/django.po from a JSON file.

Usage: python scripts/po_fill.py translations.json [--force]

The JSON maps an English msgid to its Swedish text; for plural entries give a list
[singular, plural]. Only empty (or fuzzy) entries are filled unless --force is given.
Prints the msgids that are still untranslated, so nothing user-visible is left in English.
"""

import json
import sys
from pathlib import Path

import polib

PO_PATH = Path(__file__).resolve().parent.parent / "locale/sv/LC_MESSAGES/django.po"


def main(argv: list[str]) -> int:
    force = "--force" in argv
    sources = [a for a in argv if not a.startswith("--")]
    translations: dict = {}
    for source in sources:
        translations.update(json.loads(Path(source).read_text(encoding="utf-8")))
    po = polib.pofile(str(PO_PATH), wrapwidth=100)
    for entry in po:
        text = translations.get(entry.msgid)
        if text is None:
            continue
        empty = not (entry.msgstr or any(entry.msgstr_plural.values()))
        if not (empty or force or entry.fuzzy):
            continue
        if entry.msgid_plural:
            singular, plural = text
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = text
        if entry.fuzzy:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "sv"
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
