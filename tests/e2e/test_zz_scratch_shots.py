from playwright.sync_api import Page, expect

from portail_famille.services.demo import PARENT_EMAIL
from tests.e2e.conftest import sign_in, visit


def test_shots(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    page.screenshot(path="/tmp/rf-home.png", full_page=True)
    visit(page, "/famille/dossier")
    page.locator("#children").get_by_role("button", name="Léa").click()
    page.click("#propose-health")
    expect(page.locator("#request-form")).to_be_visible()
    page.wait_for_timeout(300)
    page.screenshot(path="/tmp/rf-form.png", full_page=False)
    page.click("#request-cancel")
    page.click("#propose-pickup")
    page.wait_for_timeout(300)
    page.screenshot(path="/tmp/rf-pickup.png", full_page=False)
    page.click("#request-cancel")
    page.click("#propose-photo")
    page.wait_for_timeout(300)
    page.screenshot(path="/tmp/rf-photo.png", full_page=False)
    visit(page, "/famille/demandes")
    page.screenshot(path="/tmp/rf-requests.png", full_page=True)
