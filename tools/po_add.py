"""Adds messages to a catalogue in both languages: tools/po_add.py FILE < key<TAB>fr<TAB>en lines.

FILE is the catalogue's name without folder (accounts.po); it is created when missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parent.parent / "portail_famille" / "locales"


def main() -> int:
    name = sys.argv[1]
    rows = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    for index, language in enumerate(("fr", "en")):
        path = LOCALES / language / "LC_MESSAGES" / name
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, project="Portail Famille", fuzzy=False)
        for row in rows:
            if len(row) != 3:
                raise SystemExit(f"expected key<TAB>fr<TAB>en, got {row!r}")
            catalog.add(row[0], row[1 + index])
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=False, omit_header=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
