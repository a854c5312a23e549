"""Text folded for searching: "Léa" and "LEA" and "lea" are the same name to a secretary."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SEPARATORS = str.maketrans({"-": " ", "'": " ", "’": " "})


@lru_cache(maxsize=65_536)  # names repeat: a search folds each distinct one once
def fold(text: str) -> str:
    """Lower-cased, accents removed, hyphens and apostrophes as spaces, spaces squeezed."""
    lowered = text.casefold().translate(_SEPARATORS)
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(lowered.split())
