"""The Results tile at 360 px: Thomas's published marks, his chart, a report card's PDF."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.demo_results import UNPUBLISHED_TITLE
from tests.e2e.conftest import sign_in, visit, wait_ready


def test_thomas_marks_chart_and_report_card(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_contain_text("Thomas")
    page.click("#tile-results")
    expect(page).to_have_url(re.compile(r"/famille/resultats/?$"))
    wait_ready(page)
    marks = page.locator("#marks")
    expect(marks).to_contain_text("Test : nombres rationnels")
    expect(marks).to_contain_text("M. Olivier Fortin")
    expect(page.locator("body")).not_to_contain_text(UNPUBLISHED_TITLE)
    expect(page.locator("#exams")).to_contain_text("Épreuve ministérielle de mathématiques")

    # The chart, driven by keyboard: focus a subject's chip and press Enter.
    chip = page.locator("#chart-subjects").get_by_role("button", name="Mathématiques")
    chip.focus()
    page.keyboard.press("Enter")
    expect(chip).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#marks-chart-desc")).to_contain_text("Mathématiques")
    expect(page.locator("#marks-chart circle")).to_have_count(4)

    link = page.locator("#report-cards a").first
    expect(link).to_contain_text("Bulletin, étape 1 (2026-2027)")
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200
    assert response.body().startswith(b"%PDF")


def test_switching_to_lea_shows_her_marks(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/resultats")
    expect(page.locator("#marks")).to_contain_text("Mathématiques")
    page.locator("#children").get_by_role("button", name="Léa").click()
    expect(page.locator("#results-child")).to_have_text("Léa Gagnon")
    expect(page.locator("#marks")).to_contain_text("Mme Julie Lavoie")
    expect(page.locator("#marks")).not_to_contain_text("M. Olivier Fortin")


def test_signed_out_the_results_page_sends_to_sign_in(page: Page) -> None:
    page.goto("/famille/resultats")
    expect(page).to_have_url(re.compile(r"/connexion"))
