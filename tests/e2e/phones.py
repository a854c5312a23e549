"""Another person's phone in the same test: a browser context of its own, closed after."""

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page

from tests.e2e.conftest import PHONE


@contextmanager
def another_phone(browser: Browser, portal_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, base_url=portal_url, locale="fr-CA")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()
