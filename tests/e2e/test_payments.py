"""The demo parent pays two invoices by card at 360 px, against the loopback Stripe server.

Marie's two school-fee invoices are read by no other e2e test: this one pays them (the finances
test reads her daycare invoices, which stay open).
"""

import re
from io import BytesIO

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL
from tests.e2e.conftest import PHONE, sign_in, visit, wait_ready
from tests.smtp import Mailbox
from tests.stripe_server import StripeServer

FEES = (
    "Frais scolaires 2026-2027"  # Thomas's at the Boisé (118,75 $), Léa's at the Érables (77,30 $)
)
DAYCARE = "Service de garde — novembre 2026"


def test_marie_pays_two_invoices_by_card_and_gets_her_receipt(
    page: Page,
    browser: Browser,
    portal_url: str,
    loopback_stripe: StripeServer,
    smtp_mailbox: Mailbox,
) -> None:
    loopback_stripe.webhook_url = f"{portal_url}/api/payments/stripe/webhook"
    sign_in(page, PARENT_EMAIL)
    home = page.locator("#home-payments")
    expect(home).to_contain_text(DAYCARE)
    expect(page.locator("#home-balance")).to_contain_text("431,05")
    # Luc's share of Léa's daycare (the other household) is not Marie's to see.
    expect(home.locator(".invoice-row")).to_have_count(4)
    expect(page.locator("#pay-invoice-0")).to_be_visible()  # each one payable from the home

    # She starts paying one school-fee invoice from the home, then comes back without paying.
    rows = home.locator(".invoice-row").all()
    fee = next(n for n, row in enumerate(rows) if FEES in row.inner_text())
    page.click(f"#pay-invoice-{fee}")
    page.wait_for_url(f"{loopback_stripe.url}/c/pay/**")
    abandoned = page.url.rsplit("/", 1)[1]
    page.go_back()
    wait_ready(page)

    page.click("#payments-link")
    wait_ready(page)
    unpaid = page.locator("#unpaid-invoices .invoice-row")
    expect(unpaid).to_have_count(4)
    for position, row in enumerate(unpaid.all()):
        if "Service de garde" in row.inner_text():
            page.click(f"#choose-{position}")  # keep only the two school-fee invoices
    expect(page.locator("#pay-selected")).to_contain_text("196,05")
    page.click("#pay-selected")
    page.wait_for_url(f"{loopback_stripe.url}/c/pay/**")
    expect(page.locator("#total")).to_have_text("Total 196.05 CAD")
    loopback_stripe.delay_payments = True  # a bank debit: Stripe confirms it a little later
    try:
        page.click("#stripe-pay")
        page.wait_for_url(re.compile(r".*/famille/paiements/?\?paiement=ok&session=cs_\w+$"))
    finally:
        loopback_stripe.delay_payments = False
    wait_ready(page)
    expect(page.locator("#payment-notice")).to_be_visible()
    # Back before Stripe confirms: "payment in progress", and nothing left to pay them twice.
    waiting = page.locator("#unpaid-invoices .invoice-row", has_text="Paiement en cours")
    expect(waiting).to_have_count(2)
    expect(waiting.locator("input")).to_have_count(0)
    expect(page.locator("#paid-invoices .invoice-row")).to_have_count(0)
    session_id = page.url.rsplit("session=", 1)[1]
    assert loopback_stripe.settle(session_id).json()["outcome"] == "paid"
    # The page updates by itself once the payment lands: no reload.
    paid = page.locator("#paid-invoices .invoice-row")
    expect(paid).to_have_count(2)
    expect(page.locator("#payment-notice")).to_contain_text("Paiement reçu")
    expect(page.locator("#paid-invoices")).to_contain_text(FEES)
    expect(page.locator("#paid-invoices")).to_contain_text("Carte bancaire")
    expect(page.locator("#unpaid-invoices .invoice-row")).to_have_count(2)
    expect(page.locator("#balance")).to_contain_text("235,00")
    assert ("checkout.session.async_payment_succeeded", 200) in loopback_stripe.deliveries

    mail = smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    assert "196,05" in mail and "/famille/paiements" in mail

    link = page.locator("#receipts a").first
    expect(link).to_contain_text("Reçu R")
    receipt = page.request.get(str(link.get_attribute("href")))
    assert receipt.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(receipt.body())).pages)
    text = " ".join(text.split())
    assert "Marie Tremblay" in text and "196,05" in text and "Carte bancaire" in text
    assert text.count(FEES) == 2

    # The organisation's staff see the card payment beside their desk form.
    staff = browser.new_context(viewport=PHONE, base_url=portal_url, locale="fr-CA")
    console = staff.new_page()
    sign_in(console, ADMIN_EMAIL)
    expect(console.locator("#families")).to_be_visible()
    visit(console, "/console/paiements")
    expect(console.locator("#staff-payments")).to_contain_text("Carte bancaire")
    expect(console.locator("#staff-payments")).to_contain_text("196,05")

    # The abandoned session was in fact paid at the same instant (a second tab): that charge pays
    # nothing and waits in the console; one click refunds it through Stripe.
    charged = loopback_stripe.complete(abandoned)
    late = loopback_stripe.deliver(loopback_stripe.event(charged, "checkout.session.completed"))
    assert late.json()["outcome"] == "invoices_changed"
    visit(console, "/console/paiements")
    cases = console.locator("#overpayment-cases")
    expect(cases).to_contain_text("Famille Tremblay")
    expect(cases).to_contain_text("Facture déjà réglée")
    console.click("#refund-case-0")
    expect(console.locator("#console-payment-notice")).to_contain_text("Remboursement de")
    expect(console.locator("#overpayment-cases")).to_have_count(0)
    refunds = [
        r
        for r in loopback_stripe.refunds.values()
        if r["payment_intent"] == charged["payment_intent"]
    ]
    assert [r["amount"] for r in refunds] == [charged["amount_total"]]
    assert "remboursé" in smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    staff.close()
