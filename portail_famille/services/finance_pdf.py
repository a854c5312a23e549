"""Invoices and statements as PDF, in the reader's language.

`statement_pdf` works from the frozen snapshot alone (no database), so the batch's worker
processes can render it; an invoice is rendered from its view.
"""

from __future__ import annotations

from datetime import date
from html import escape

from portail_famille.domain.money import Money
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.services.invoice_views import InvoiceView
from portail_famille.services.pdf import page, render_pdf, table


def _fact(label: str, value: str) -> str:
    return f"<p><strong>{escape(label)}</strong> : {escape(value)}</p>"


def invoice_html(view: InvoiceView, language: str) -> str:
    locale = locale_for(language, view.organisation_country)

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    def money(cents: int) -> str:
        return format_money(Money(cents, view.currency), locale)

    def day(value: date | None) -> str:
        return format_day(value, locale) if value else ""

    title = tr("finances.pdf.invoice_title", number=view.number)
    rows = [
        [
            day(line.service_date),
            line.child_name,
            line.label,
            str(line.quantity),
            money(line.unit_cents),
            money(line.amount_cents),
        ]
        for line in view.lines
    ]
    body = (
        f"<h1>{escape(title)}</h1>"
        f'<p class="muted">{escape(view.organisation_name)} · {escape(view.service_name)}</p>'
        + _fact(tr("finances.payer"), view.payer_name)
        + _fact(tr("finances.label"), view.label)
        + _fact(tr("finances.issued_on"), day(view.issued_on))
        + _fact(tr("finances.due_on"), day(view.due_on))
        + table(
            [
                tr("finances.date"),
                tr("finances.child"),
                tr("finances.line"),
                tr("finances.quantity"),
                tr("finances.unit_price"),
                tr("finances.amount"),
            ],
            rows,
        )
        + "<h2>"
        + escape(tr("finances.summary"))
        + "</h2>"
        + table(
            [tr("finances.line"), tr("finances.amount")],
            [
                [tr("finances.previous_balance"), money(view.previous_balance_cents)],
                [tr("finances.invoice_total"), money(view.total_cents)],
                [tr("finances.paid"), money(view.paid_cents)],
                [tr("finances.left_to_pay"), money(view.owed_cents)],
                [tr("finances.total_due"), money(view.previous_balance_cents + view.owed_cents)],
            ],
        )
    )
    return page(f"{title} — {view.payer_name}", language, body)


def invoice_pdf(view: InvoiceView, language: str) -> bytes:
    return render_pdf(invoice_html(view, language))


def statement_html(snapshot: dict[str, object], language: str) -> str:
    locale = locale_for(language, str(snapshot["country"]))
    currency = str(snapshot["currency"])

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    def money(cents: object) -> str:
        return format_money(Money(int(str(cents)), currency), locale)

    def day(value: object) -> str:
        return format_day(date.fromisoformat(str(value)), locale)

    raw_rows = snapshot.get("rows")
    lines = raw_rows if isinstance(raw_rows, list) else []
    rows = [
        [
            day(row["date"]),
            str(row["number"]),
            str(row["label"]),
            money(row["charge"]),
            money(row["paid"]),
        ]
        for row in lines
    ]
    title = tr("finances.pdf.statement_title")
    payer = str(snapshot.get("payer") or "")
    body = (
        f"<h1>{escape(title)}</h1>"
        f'<p class="muted">{escape(str(snapshot["organisation"]))} · '
        f"{escape(str(snapshot['school']))} · {escape(str(snapshot['school_year']))}</p>"
        + _fact(tr("finances.service"), str(snapshot["service"]))
        + _fact(tr("finances.child"), str(snapshot["child"]))
        + _fact(tr("finances.file_number"), str(snapshot["file_number"]))
        + (_fact(tr("finances.payer_share"), payer) if payer else "")
        + _fact(tr("finances.deposited_on"), day(snapshot["deposited_on"]))
        + table(
            [
                tr("finances.date"),
                tr("finances.invoice_number"),
                tr("finances.line"),
                tr("finances.charge"),
                tr("finances.paid"),
            ],
            rows,
        )
        + "<h2>"
        + escape(tr("finances.summary"))
        + "</h2>"
        + table(
            [tr("finances.line"), tr("finances.amount")],
            [
                [tr("finances.billed_total"), money(snapshot["billed_cents"])],
                [tr("finances.paid"), money(snapshot["paid_cents"])],
                [tr("finances.balance"), money(snapshot["balance_cents"])],
            ],
        )
    )
    return page(f"{title} — {snapshot['child']}", language, body)


def statement_pdf(snapshot: dict[str, object], language: str) -> bytes:
    return render_pdf(statement_html(snapshot, language))
