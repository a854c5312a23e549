"""The message catalogues (gettext .po files under portail_famille/locales/), read with Babel.

Message ids are stable keys ("signin.title"); every language translates every key. Interface text
is looked up by key for the page (see state/lang.py) and for server-made text (mail, PDF, CSV).
Each feature keeps its own file (messages.po, accounts.po, ...) in every language's LC_MESSAGES;
a key defined in two files is an error.
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
    texts: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=language)
        for message in po:
            if not message.id or not message.string:
                continue
            key = str(message.id)
            if key in texts:
                raise ValueError(f"{key} is defined twice in the {language} catalogues")
            texts[key] = str(message.string)
    return texts


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
