"""HTML to PDF with WeasyPrint, for documents the portal makes (report cards, child sheets)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
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


class RenderedCache:
    """The last PDFs rendered in this process, by the SHA-256 of their HTML: a document whose
    data changed has another HTML, so a cached PDF is never stale; a parent who taps a report
    card twenty times costs one render. Bounded in bytes, least recently used first out."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pdfs: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            found = self._pdfs.get(key)
            if found is None:
                self.misses += 1
                return None
            self._pdfs.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: bytes, pdf: bytes) -> None:
        if len(pdf) > self.max_bytes // 4:
            return  # one huge document would push out every other
        with self._lock:
            if key in self._pdfs:
                return
            self._pdfs[key] = pdf
            self._size += len(pdf)
            while self._size > self.max_bytes:
                _key, dropped = self._pdfs.popitem(last=False)
                self._size -= len(dropped)


RENDERED = RenderedCache(max_bytes=32 * 1024 * 1024)


def render_pdf(html: str) -> bytes:
    """The PDF of `html`. WeasyPrint is imported here: its import alone costs about a second."""
    key = hashlib.sha256(html.encode()).digest()
    if (cached := RENDERED.get(key)) is not None:
        return cached
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    RENDERED.put(key, pdf)
    return pdf
