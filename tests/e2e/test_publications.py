"""Staff publish news for their organisation: families read it, even before signing in."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.test_accessibility import _check


def test_the_commune_agent_publishes_then_withdraws_a_public_news(page: Page) -> None:
    sign_in(page, COMMUNE_AGENT_EMAIL)
    visit(page, "/console/publications")
    page.click("#publish-news")
    expect(page.locator("#news_title-error")).to_contain_text("Indiquez un titre")
    expect(page.locator("#news_body-error")).to_contain_text("Écrivez le texte")
    _check(page)

    page.fill("#news_title", "Fermeture du centre de loisirs le 24 décembre")
    page.fill("#news_body", "Le centre de loisirs ferme à midi la veille de Noël.")
    page.check("#news_public")
    page.click("#publish-news")
    expect(page.locator("#publications-notice")).to_contain_text("Publication enregistrée")
    expect(page.locator("#news-list")).to_contain_text("Fermeture du centre de loisirs")

    anonymous = page.context.browser.new_page(viewport={"width": 360, "height": 740})  # type: ignore[union-attr]
    base = re.sub(r"/console.*$", "", page.url)
    anonymous.goto(f"{base}/")
    expect(anonymous.locator("main")).to_contain_text("Fermeture du centre de loisirs")

    page.get_by_role(
        "button", name="Retirer « Fermeture du centre de loisirs le 24 décembre »"
    ).click()
    expect(page.locator("#news-list")).to_contain_text("Retirée")
    anonymous.reload()
    expect(anonymous.locator("main")).to_contain_text("Actualités")
    expect(anonymous.locator("main")).not_to_contain_text("Fermeture du centre de loisirs")
    anonymous.close()


def test_a_parent_cannot_open_the_publications_console(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    visit(page, "/console/publications")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
