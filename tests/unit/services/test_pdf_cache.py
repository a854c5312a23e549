"""Rendered PDFs are kept by their HTML: the same document twice renders once; changed data is
another HTML, so a cached PDF is never stale."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

from portail_famille.services.pdf import RENDERED, RenderedCache, page, render_pdf


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def test_the_same_document_renders_once_and_new_data_renders_again() -> None:
    first_html = page("Bulletin", "fr", "<p>Maths 81 %</p>")
    misses = RENDERED.misses
    first = render_pdf(first_html)
    again = render_pdf(first_html)
    assert again is first  # served from the cache, not rendered again
    assert RENDERED.misses == misses + 1
    changed = render_pdf(page("Bulletin", "fr", "<p>Maths 93 %</p>"))
    assert "93" in _text(changed) and "81" in _text(first)


def test_the_cache_stays_within_its_bytes() -> None:
    cache = RenderedCache(max_bytes=1000)
    for i in range(50):
        cache.put(bytes([i]), b"x" * 200)
    assert cache.get(bytes([49])) is not None
    assert cache.get(bytes([0])) is None  # the oldest left first
    cache.put(b"huge", b"x" * 600)  # over a quarter of the cache: never kept
    assert cache.get(b"huge") is None
