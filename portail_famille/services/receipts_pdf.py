"""Payment receipts and yearly tax receipts as PDF, in the reader's language (services/pdf.py).

A Quebec organisation issues a Relevé 24 (childcare expenses); a French commune an attestation
fiscale for childcare costs. Both are per payer: in shared custody each guardian gets their own.
"""

from __future__ import annotations

from html import escape

from portail_famille.domain.money import Money
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.services.pdf import page, render_pdf, table
from portail_famille.services.receipts import Receipt, TaxReceipt


def _header(name: str, email: str | None, phone: str | None) -> str:
    contact = " · ".join(escape(x) for x in (email, phone) if x)
    return f'<p class="muted">{escape(name)}{" · " + contact if contact else ""}</p>'


def receipt_html(receipt: Receipt, language: str) -> str:
    organisation, payment = receipt.organisation, receipt.payment
    locale = locale_for(language, organisation.country)

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    def money(cents: int) -> str:
        return format_money(Money(cents, payment.currency), locale)

    day = format_day(payment.received_at.date(), locale)
    method = tr(f"payments.method.{payment.method}")
    title = tr("payments.pdf.receipt_title", number=payment.receipt_number)
    rows = [
        [line.invoice_number, line.label, line.service, money(line.amount_cents)]
        for line in receipt.lines
    ]
    body = (
        f"<h1>{escape(title)}</h1>"
        + _header(organisation.name, organisation.email, organisation.phone)
        + f"<p>{escape(tr('payments.pdf.payer', name=receipt.payer))}</p>"
        + f"<p>{escape(tr('payments.pdf.received_on', date=day))}</p>"
        + f"<p>{escape(tr('payments.pdf.method', method=method))}</p>"
        + (f"<p>{escape(tr('payments.pdf.note', note=payment.note))}</p>" if payment.note else "")
        + table(
            [
                tr("payments.invoice_number"),
                tr("payments.label"),
                tr("payments.service"),
                tr("payments.amount"),
            ],
            rows,
        )
        + f"<h2>{escape(tr('payments.pdf.total', amount=money(payment.amount_cents)))}</h2>"
    )
    return page(title, language, body)


def receipt_pdf(receipt: Receipt, language: str) -> bytes:
    return render_pdf(receipt_html(receipt, language))


def tax_receipt_title(country: str, language: str, year: int) -> str:
    kind = "releve24" if country.upper() == "CA" else "attestation"
    return translate(language, f"payments.tax.{kind}", year=year)


def tax_receipt_html(receipt: TaxReceipt, language: str) -> str:
    organisation = receipt.organisation
    locale = locale_for(language, organisation.country)

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    def money(cents: int) -> str:
        return format_money(Money(cents, receipt.currency), locale)

    title = tax_receipt_title(organisation.country, language, receipt.year)
    rows = [
        [
            line.child,
            format_day(line.birth_date, locale) if line.birth_date else "",
            money(line.amount_cents),
        ]
        for line in receipt.lines
    ]
    body = (
        f"<h1>{escape(title)}</h1>"
        + _header(organisation.name, organisation.email, organisation.phone)
        + f"<p>{escape(tr('payments.pdf.payer', name=receipt.payer))}</p>"
        + f"<p>{escape(tr('payments.tax.explain', year=receipt.year))}</p>"
        + table([tr("payments.tax.child"), tr("payments.tax.born"), tr("payments.amount")], rows)
        + f"<h2>{escape(tr('payments.pdf.total', amount=money(receipt.total_cents)))}</h2>"
        + f'<p class="muted">{escape(tr("payments.tax.per_payer"))}</p>'
    )
    return page(title, language, body)


def tax_receipt_pdf(receipt: TaxReceipt, language: str) -> bytes:
    return render_pdf(tax_receipt_html(receipt, language))
