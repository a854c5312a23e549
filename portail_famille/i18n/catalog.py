"""The message catalogues (gettext .po files under portail_famille/locales/), read with Babel.

Message ids are stable keys ("signin.title"); every language translates every key. Interface text
is looked up by key for the page (see state/lang.py) and for server-made text (mail, PDF, CSV).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from portail_famille.i18n import DEFAULT_LANGUAGE, LANGUAGES, supported_language

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"


@cache
def catalog(language: str) -> dict[str, str]:
    """Every key of `language`'s catalogue with its text."""
    path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    return {str(message.id): str(message.string) for message in po if message.id and message.string}


def all_keys() -> set[str]:
    keys: set[str] = set()
    for language in LANGUAGES:
        keys |= set(catalog(language))
    return keys


def translate(language: str, key: str, **params: object) -> str:
    """Server-side text in `language` (falls back to French, then fails loudly on a missing key)."""
    texts = catalog(supported_language(language))
    text = texts.get(key) or catalog(DEFAULT_LANGUAGE)[key]
    return text.format(**params) if params else text
