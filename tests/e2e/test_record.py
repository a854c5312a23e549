"""The Record tile at 360 px: the child's record, the household's, bank details masked."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import PARENT_EMAIL
from tests.e2e.conftest import sign_in, visit


def test_claire_reads_jades_record_with_the_bank_account_masked(page: Page) -> None:
    sign_in(page, "claire.martin@example.org")
    expect(page.locator("#child-card")).to_be_visible()
    page.click("#tile-record")
    expect(page).to_have_url(re.compile(r"/famille/dossier/?$"))
    expect(page.locator("#record-child")).to_contain_text("Jade Martin")
    expect(page.locator("#record-health")).to_contain_text("Lactose")
    expect(page.locator("#record-pickups")).to_contain_text("Monique Martin")
    expect(page.locator("#bank-details")).to_contain_text("•••• 0189")
    expect(page.locator("body")).not_to_contain_text("0112")
    expect(page.locator(".photo.initial")).to_have_text("J")


def test_thomas_teachers_are_one_tap_away_and_the_sheet_opens(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/dossier")
    teacher = page.locator("#record-subjects").get_by_role(
        "link", name=re.compile("Olivier Fortin")
    )
    expect(teacher).to_have_attribute("href", "mailto:o.fortin@mille-lacs.example.org")
    sheet = page.locator("#child-sheet")
    sheet.focus()
    expect(sheet).to_be_focused()
    response = page.request.get(sheet.get_attribute("href") or "")
    assert response.status == 200 and response.body().startswith(b"%PDF")
