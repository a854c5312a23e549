"""The town hall previews a month's invoicing (families, amounts, totals) before issuing it.

Issues Jade Martin's November mornings (Claire's family): no other e2e test reads the commune
families' invoices."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from portail_famille.services.demo import COMMUNE_AGENT_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.test_accessibility import _check as accessible_at_360px


def _show_preview(page: Page, month: str) -> None:
    page.fill("input[name=month]", month)
    page.click("#bill-month")


def test_the_month_is_previewed_before_anything_is_issued(page: Page) -> None:
    sign_in(page, COMMUNE_AGENT_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/planning")
    expect(page.locator("#daily-list")).to_be_visible()

    # Jade's three November mornings at the Martin family's quotient rate.
    _show_preview(page, "2026-11")
    preview = page.locator("#bill-preview")
    expect(preview).to_contain_text("Aperçu : novembre 2026")
    expect(preview).to_contain_text("Famille Martin — Facture")
    expect(preview).to_contain_text("Payeur : Claire Martin")
    expect(preview).to_contain_text("Accueil du matin — Jade : 3 jour(s), 6,30\xa0€")
    expect(page.locator("#bill-totals")).to_contain_text("Total net : 6,30\xa0€")
    expect(page.locator("#bill-issue")).to_have_text("Émettre")
    today = datetime.now(UTC).astimezone(ZoneInfo("Europe/Paris")).date()
    not_over = (today.year, today.month) <= (2026, 11)
    expect(page.locator("#bill-confirm")).to_have_count(1 if not_over else 0)
    accessible_at_360px(page)

    # Issued as shown; the month then has nothing new.
    if not_over:
        page.check("#bill-confirm")
    page.click("#bill-issue")
    expect(page.locator("#bill-notice")).to_have_text(
        "1 facture(s) et 0 avoir(s) émis ; total net 6,30\xa0€."
    )
    expect(preview).to_have_count(0)
    _show_preview(page, "2026-11")
    expect(preview).to_contain_text("Rien à émettre")
    expect(preview).to_contain_text("1 famille(s) déjà facturée(s) sans changement.")

    # A month with nothing booked: nothing to issue, no button.
    _show_preview(page, "2027-08")
    expect(preview).to_contain_text("Rien à émettre")
    expect(page.locator("#bill-issue")).to_have_count(0)
