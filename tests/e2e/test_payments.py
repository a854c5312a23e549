"""The demo parent pays two invoices by card at 360 px, against the loopback Stripe server.

Marie's two open invoices are read by no other e2e test: this one pays them.
"""

import re
from io import BytesIO

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.smtp import Mailbox
from tests.stripe_server import StripeServer

# Marie's two open invoices in the demo (demo_finances.py; demo_payments.py paid the others).
DAYCARE = "Service de garde — novembre 2026"
SUPPLIES = "Frais scolaires 2026-2027"


def test_marie_pays_two_invoices_by_card_in_two_taps_and_gets_her_receipt(
    page: Page, portal_url: str, loopback_stripe: StripeServer, smtp_mailbox: Mailbox
) -> None:
    loopback_stripe.webhook_url = f"{portal_url}/api/payments/stripe/webhook"
    sign_in(page, PARENT_EMAIL)
    home = page.locator("#home-payments")
    expect(home).to_contain_text(DAYCARE)
    expect(home).to_contain_text(SUPPLIES)
    expect(page.locator("#home-balance")).to_contain_text("237,25")
    # Luc's share of Léa's daycare (the other household) is not Marie's to see.
    expect(home.locator(".invoice-row")).to_have_count(2)

    page.click("#pay-all")  # first tap
    page.wait_for_url(f"{loopback_stripe.url}/c/pay/**")
    expect(page.locator("#total")).to_have_text("Total 237.25 CAD")
    page.click("#stripe-pay")  # second tap

    page.wait_for_url(re.compile(r".*/famille/paiements/?\?paiement=ok$"))
    page.wait_for_function("document.documentElement.dataset.ready === '1'")
    expect(page.locator("#payment-notice")).to_be_visible()
    paid = page.locator("#paid-invoices")
    expect(paid).to_contain_text(DAYCARE)
    expect(paid).to_contain_text(SUPPLIES)
    expect(paid).to_contain_text("Carte bancaire")
    expect(page.locator("#unpaid")).to_contain_text("Rien à payer")
    assert ("checkout.session.completed", 200) in loopback_stripe.deliveries

    mail = smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    assert "237,25" in mail and "/famille/paiements" in mail

    link = page.locator("#receipts a").first
    expect(link).to_contain_text("Reçu R")
    receipt = page.request.get(str(link.get_attribute("href")))
    assert receipt.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(receipt.body())).pages)
    text = " ".join(text.split())
    assert "Marie Tremblay" in text and "237,25" in text
    assert DAYCARE in text and SUPPLIES in text


def test_a_secretary_sees_card_payments_and_no_parent_reaches_the_console(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/paiements")
    expect(page.locator("#staff-payments")).to_contain_text("Famille Tremblay")
    expect(page.locator("#invoice")).to_be_visible()
