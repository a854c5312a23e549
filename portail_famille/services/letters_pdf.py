"""The access-code letters as one PDF, a page per family: French first, English below."""

from __future__ import annotations

from html import escape

from portail_famille.config import get_settings
from portail_famille.i18n.catalog import translate
from portail_famille.paths import SIGN_UP_PAGE
from portail_famille.services.letters import Letter

_STYLE = """
@page { size: A4; margin: 2cm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; color: #111; }
section { page-break-after: always; }
h1 { font-size: 16pt; margin: 0 0 0.5em; }
h2 { font-size: 12pt; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; margin: 0.6em 0; }
td, th { border: 1px solid #555; padding: 0.35em 0.8em; text-align: left; }
.code { font-family: "DejaVu Sans Mono", monospace; font-size: 13pt; letter-spacing: 0.08em; }
.address { font-size: 13pt; font-weight: bold; }
.en { color: #333; border-top: 1px solid #999; margin-top: 1.5em; padding-top: 0.8em; }
"""


def _part(letter: Letter, language: str, address: str) -> str:
    def t(key: str, **params: object) -> str:
        return escape(translate(language, key, **params))

    rows = "".join(
        f"<tr><td>{escape(child.name)}</td><td class='code'>{escape(child.code)}</td></tr>"
        for child in letter.children
    )
    steps = "".join(f"<li>{t(f'letters.step{n}')}</li>" for n in (1, 2, 3))
    return (
        f"<h2>{t('letters.title')}</h2>"
        f"<p>{t('letters.intro', family=letter.family, payer=letter.payer)}</p>"
        f"<p>{t('letters.address')}</p><p class='address'>{escape(address)}</p>"
        f"<table><tr><th>{t('letters.child')}</th><th>{t('letters.child_code')}</th></tr>"
        f"{rows}</table>"
        f"<p>{t('letters.payer_code')} <span class='code'>{escape(letter.payer_code)}</span></p>"
        f"<ol>{steps}</ol><p>{t('letters.keep')}</p>"
    )


def letters_html(letters: list[Letter]) -> str:
    address = get_settings().base_url + SIGN_UP_PAGE
    pages = "".join(
        f"<section><h1>{escape(letter.organisation)}</h1>"
        f"<div lang='fr'>{_part(letter, 'fr', address)}</div>"
        f"<div lang='en' class='en'>{_part(letter, 'en', address)}</div></section>"
        for letter in letters
    )
    return (
        f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><style>{_STYLE}</style>"
        f"</head><body>{pages}</body></html>"
    )


def render_letters(letters: list[Letter]) -> bytes:
    """The PDF; WeasyPrint is imported here because importing it costs about a second."""
    from weasyprint import HTML

    return bytes(HTML(string=letters_html(letters)).write_pdf())
