"""Text folded for searching: "Léa" and "LEA" and "lea" are the same name to a secretary."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-cased, accents removed, spaces squeezed: what search compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.replace("-", " ").replace("'", " ").split())
