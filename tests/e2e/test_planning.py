"""A parent of the commune books three days on a phone, sees the summary and the history, and
cannot book past the cut-off except by a late request."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in, visit, wait_ready

CLAIRE = "claire.martin@example.org"
OPEN_FREE = "#calendar button[data-kind=open][aria-pressed=false]"


def _open_planning(page: Page) -> None:
    sign_in(page, CLAIRE)
    expect(page.locator("#tile-planning")).to_be_visible()
    page.click("#tile-planning")
    wait_ready(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning des activités")
    page.get_by_role("button", name="Restauration scolaire").click()
    expect(page.get_by_role("button", name="Restauration scolaire")).to_have_attribute(
        "aria-pressed", "true"
    )


def test_a_parent_books_three_days_sees_the_summary_and_the_history(page: Page) -> None:
    _open_planning(page)
    for _ in range(3):  # the first month with three open days
        if page.locator(OPEN_FREE).count() >= 3:
            break
        page.click("#month-next")
        page.wait_for_timeout(300)
    days = page.locator(OPEN_FREE)
    labels = [days.nth(n).get_attribute("aria-label") or "" for n in range(3)]
    assert all("modifiable jusqu'au" in label for label in labels), labels
    for label in labels:
        page.get_by_role("button", name=label, exact=True).click()
    expect(page.locator("#planning-validate")).to_have_text("Valider mes modifications (3)")
    page.click("#planning-validate")
    recap = page.locator("#recap li")
    expect(recap).to_have_count(3)
    expect(recap.first).to_contain_text("Inscription :")
    page.click("#planning-confirm")
    expect(page.locator("#planning-notice")).to_contain_text("Modifications enregistrées")
    expect(page.locator("#planning-notice")).to_contain_text("inscrit")
    booked = page.locator("#calendar button[data-kind=open][aria-pressed=true]")
    expect(booked).to_have_count(3)
    history = page.locator("#history")
    expect(history).to_contain_text("Restauration scolaire")
    expect(history).to_contain_text(re.compile(r"par le web le \w+\.? \d\d-\d\d-\d{4} à \d\d:\d\d"))
    # The town hall's earlier change shows as such; last school year's line is hidden.
    expect(history).to_contain_text("par la mairie le")
    expect(history).not_to_contain_text("15-06-2026")


def test_a_closed_day_cannot_be_booked_but_can_be_asked_for_late(page: Page) -> None:
    _open_planning(page)
    closed = page.locator("#calendar button[data-kind=closed][aria-pressed=false]")
    if closed.count() == 0:
        page.click("#month-previous")
        page.wait_for_timeout(300)
    label = closed.last.get_attribute("aria-label") or ""
    assert "clôturé depuis le" in label
    closed.last.click()
    expect(page.locator("#closed-day")).to_be_visible()
    expect(page.locator("#focus-label")).to_have_text(label)
    expect(page.get_by_role("button", name=label, exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator("#planning-validate")).to_be_disabled()
    page.click("#late-send")
    expect(page.locator("#planning-notice")).to_contain_text("demande tardive est envoyée")


def test_the_town_hall_prints_the_day_list_and_records_presence(page: Page) -> None:
    sign_in(page, "enfance@saint-aubin.example.org")
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/planning")
    page.select_option("#activity", label="Accueil du matin")
    page.fill("#day", "2026-11-16")
    page.click("#show-list")
    rows = page.locator("#daily-list")
    expect(rows).to_contain_text("MARTIN Jade")
    page.get_by_role("button", name="Marquer MARTIN Jade présent").click()
    expect(rows).to_contain_text("Présent")
    with page.expect_download() as download:
        page.click("#daily-pdf")
    assert download.value.suggested_filename == "liste-2026-11-16.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
