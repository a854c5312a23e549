"""Social sign-in in the browser, through a real OpenID Connect provider on loopback."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from tests.oidc_provider import MockProvider

# Registered by staff, no account yet, and used by no other browser test (test_accounts.py signs
# up luc.gagnon in the same portal, so sharing him would make the two depend on their order).
GUARDIAN_ON_FILE = "minh.nguyen@example.org"
BUTTON = "Se connecter avec Fournisseur test"


def _authorize_at_provider(page: Page, provider: MockProvider, subject: str) -> None:
    expect(page).to_have_url(re.compile(rf"^{re.escape(provider.issuer)}/oauth2/authorize\?"))
    page.get_by_placeholder("sub").fill(subject)
    page.get_by_role("button", name="Authorize").click()


def test_a_guardian_registered_by_staff_signs_in_through_the_provider(
    page: Page, oidc_provider: MockProvider
) -> None:
    subject = oidc_provider.add_person(GUARDIAN_ON_FILE, verified=True)
    page.goto("/connexion")
    button = page.get_by_role("link", name=BUTTON)
    expect(button).to_be_visible()
    started = time.monotonic()
    button.click()
    _authorize_at_provider(page, oidc_provider, subject)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes enfants")
    print(f"\nprovider round trip to /famille: {time.monotonic() - started:.2f} s")
    expect(page.locator("header")).to_contain_text("Mon espace")


def test_an_unverified_email_is_refused_with_a_message(
    page: Page, oidc_provider: MockProvider
) -> None:
    subject = oidc_provider.add_person("sophie.roy@example.org", verified=False)
    page.goto("/connexion")
    page.get_by_role("link", name=BUTTON).click()
    _authorize_at_provider(page, oidc_provider, subject)
    expect(page).to_have_url(re.compile(r"/connexion/?\?erreur=oidc_non_verifie$"))
    expect(page.locator("#sign-in-error")).to_contain_text("n'a pas confirmé")
    expect(page.locator("#sign-in-error")).to_contain_text("aucun compte")


def _switch_to_english_once_live(page: Page) -> None:
    """A click before the page is wired to the server is lost: retry until it answers."""
    for _ in range(50):
        page.click("#lang-en")
        try:
            expect(page.locator("html")).to_have_attribute("lang", "en", timeout=300)
            return
        except AssertionError:
            continue
    raise AssertionError("the page never answered the language switch")


def test_stay_signed_in_goes_along_with_the_provider_button(page: Page) -> None:
    page.goto("/connexion")
    expect(page.get_by_role("link", name=BUTTON)).to_have_attribute(
        "href", "/api/auth/oidc/test/login"
    )
    _switch_to_english_once_live(page)
    button = page.get_by_role("link", name="Sign in with Fournisseur test")
    page.check("#remember")
    expect(button).to_have_attribute("href", "/api/auth/oidc/test/login?remember=1")
