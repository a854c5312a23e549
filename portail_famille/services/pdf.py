"""HTML to PDF with WeasyPrint, for documents the portal makes (report cards, child sheets)."""

from __future__ import annotations

from html import escape

STYLE = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #111; }
h1 { font-size: 17pt; margin: 0 0 4pt; color: #1d4e89; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; color: #1d4e89; }
p { margin: 2pt 0; }
table { width: 100%; border-collapse: collapse; margin-top: 6pt; }
th, td { border: 0.6pt solid #999; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #e8eef6; }
.muted { color: #444; }
"""


def page(title: str, language: str, body: str) -> str:
    """A whole HTML document; `body` is already escaped markup."""
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )


def table(headers: list[str], rows: list[list[str]]) -> str:
    """An HTML table of plain text cells, escaped here."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_pdf(html: str) -> bytes:
    """The PDF of `html`. WeasyPrint is imported here: its import alone costs about a second."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()
