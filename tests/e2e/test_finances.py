"""The Finances tile at 360 px: the demo parent sees statements per source and an invoice with its
lines, and opens PDFs; the secretary runs the statements batch with its progress bar."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL
from tests.e2e.conftest import sign_in, visit, wait_ready


def test_parent_sees_statements_per_source_and_an_invoice_with_its_lines(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    page.click("#tile-finances")
    expect(page).to_have_url(re.compile(r"/famille/finances/?$"))
    wait_ready(page)
    statements = page.locator("#statements")
    expect(statements.get_by_role("heading", name="Frais scolaires")).to_be_visible()
    expect(statements.get_by_role("heading", name="Service de garde")).to_be_visible()
    expect(statements).to_contain_text("État de compte de Léa Gagnon (PDF)")
    expect(statements).to_contain_text("État de compte de Thomas Gagnon (PDF)")
    expect(page.locator("#family-balance")).to_contain_text("$")

    invoice = page.locator("#invoices li.invoice").filter(
        has_text="Service de garde — novembre 2026"
    )
    expect(invoice).to_contain_text("18 décembre 2026")
    invoice.get_by_text("Voir le détail").click()
    expect(invoice.get_by_role("table")).to_contain_text("Sortie au musée")
    expect(invoice).to_contain_text("Solde précédent")
    expect(invoice).to_contain_text("116,50")  # October, still unpaid

    link = invoice.get_by_role("link", name=re.compile(r"Facture n° "))
    response = page.request.get(link.get_attribute("href") or "")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    with page.expect_popup() as popup:
        statements.get_by_role("link", name="État de compte de Léa Gagnon (PDF)").first.click()
    opened = popup.value
    opened.wait_for_load_state()
    assert "/api/finances/etat-de-compte/" in opened.url

    page.click("#lang-en")
    expect(statements.get_by_role("heading", name="School fees")).to_be_visible()
    expect(invoice).to_contain_text("December 18, 2026")
    page.click("#lang-fr")


def test_staff_generate_a_schools_statements_with_a_progress_bar(page: Page) -> None:
    # The Boisé's lunch supervision: statements no other test reads.
    sign_in(page, ADMIN_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/etats-de-compte")
    page.select_option(
        "#batch_choice", label="École secondaire du Boisé — Surveillance du midi du Boisé"
    )
    page.click("#batch-submit")
    expect(page.locator("#batch-progress")).to_be_visible()
    expect(page.locator("#batch-notice")).to_contain_text(
        "états de compte déposés", timeout=120_000
    )
    expect(page.locator("#batch-counts")).to_contain_text("2 sur 2 déposés")


def test_signed_out_the_finances_page_sends_to_sign_in(page: Page) -> None:
    page.goto("/famille/finances")
    expect(page).to_have_url(re.compile(r"/connexion"))
