"""Monthly invoicing of bookings: per family, régie and payer, at each child's quotient rate,
under the organisation's absence rule (a justified absence is never billed).

A run issues exactly its preview (services/planning_preview): the month's first invoice, then on
later runs a supplementary invoice for the days booked since and a credit note for the billed
days since cancelled. Each day billed is recorded (BilledDay) with its invoice line, so a day is
never lost and never billed twice; runs of one organisation take turns (a lock), so two at once
issue each line once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from portail_famille.domain.invoices import NewLine, month_not_over
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models import (
    BilledDay,
    Guardian,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Organisation,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.bookings import _write_lock
from portail_famille.services.invoices import create_invoice, invoice_by_origin, invoice_lines
from portail_famille.services.mail import send_message
from portail_famille.services.planning_catalog import organisation
from portail_famille.services.planning_preview import (
    BillableDay,
    DocumentKind,
    InvoicingPreview,
    PlannedDocument,
    billable,
    month_bounds,
    origin_key,
    preview_month,
)

__all__ = [
    "ConfirmationNeeded",
    "InvoicingReport",
    "PreviewOutdated",
    "bill_month",
    "bill_month_as_staff",
    "billable",
    "month_bounds",
    "origin_key",
    "preview_month_as_staff",
]

_LABELS = {
    DocumentKind.INVOICE: "planning.invoice.label",
    DocumentKind.SUPPLEMENT: "planning_billing.supplement_label",
    DocumentKind.CREDIT: "planning_billing.credit_label",
}
# Mail template and portal message of each kind of document.
_NOTICES = {
    DocumentKind.INVOICE: ("planning_invoice", "planning.invoice_message"),
    DocumentKind.SUPPLEMENT: ("planning_supplement", "planning_billing.supplement_message"),
    DocumentKind.CREDIT: ("planning_credit", "planning_billing.credit_message"),
}


@dataclass(frozen=True)
class InvoicingReport:
    created: int  # invoices, the month's first and supplementary
    already_billed: int
    total_cents: int  # net: what the invoices created ask, less what the credit notes give back
    credit_notes: int = 0


class PreviewOutdated(Exception):
    """Bookings changed since the preview was shown: it must be looked at again."""


class ConfirmationNeeded(Exception):
    """The current or a future month, billed without the explicit confirmation."""


def bill_month(
    session: Session,
    *,
    organisation_id: int,
    month: date,
    issued_on: date,
    due_days: int = 30,
    notify: bool = True,
    expected: str | None = None,
) -> InvoicingReport:
    """Issues what the month's preview shows now; with `expected` (a preview's fingerprint),
    only if that is still what would be issued. The caller commits."""
    _one_run_at_a_time(session, organisation_id)
    plan = preview_month(session, organisation_id=organisation_id, month=month)
    if expected is not None and plan.fingerprint != expected:
        raise PreviewOutdated
    _adopt(session, plan)
    _release(session, plan.released)
    country = organisation(session, organisation_id).country
    created = credits = 0
    for document in plan.documents:  # credit notes first: they free the days they undo
        invoice = _issue(session, plan, document, issued_on, due_days)
        if document.kind == DocumentKind.CREDIT:
            credits += 1
        else:
            created += 1
        if notify:
            _tell_payer(session, invoice, country, plan.month, document.kind)
    session.flush()
    return InvoicingReport(created, plan.already_billed, plan.total_cents, credits)


def _one_run_at_a_time(session: Session, organisation_id: int) -> None:
    """The second of two runs waits for the first to commit, then sees its BilledDay rows and
    issues only what is still new (the unique `open_key` is the last guard)."""
    if session.connection().dialect.name == "sqlite":
        _write_lock(session)
        return
    session.exec(
        select(Organisation.id).where(Organisation.id == organisation_id).with_for_update()
    ).one()


def _adopt(session: Session, plan: InvoicingPreview) -> None:
    """Days of an invoice issued before days were tracked are recorded as billed by it."""
    for invoice_id, days in plan.adopted.items():
        lines = invoice_lines(session, invoice_id)
        for day in days:
            line = next((ln for ln in lines if ln.child_id == day.key[1]), None)
            unit = line.unit_cents if line is not None else day.unit_cents
            session.add(_billed(plan, day, invoice_id, line.id if line else None, unit))
    session.flush()


def _release(session: Session, billed_ids: tuple[int, ...]) -> None:
    for billed_id in billed_ids:
        billed = session.get(BilledDay, billed_id)
        assert billed is not None and billed.open_key is not None
        billed.open_key = None
        session.add(billed)
    session.flush()


def _billed(
    plan: InvoicingPreview, day: BillableDay, invoice_id: int, line_id: int | None, unit: int
) -> BilledDay:
    activity_id, child_id, when = day.key
    family_id, service_id, payer_id = day.group
    return BilledDay(
        organisation_id=plan.organisation_id,
        activity_id=activity_id,
        child_id=child_id,
        day=when,
        family_id=family_id,
        payer_guardian_id=payer_id,
        billing_service_id=service_id,
        unit_cents=unit,
        invoice_id=invoice_id,
        line_id=line_id,
        open_key=f"{activity_id}:{child_id}:{when.isoformat()}",
    )


def _origin(session: Session, plan: InvoicingPreview, document: PlannedDocument) -> str:
    """The first invoice keeps the month's key; each later document of the group takes the
    next number after it (runs take turns, so the count is exact)."""
    base = origin_key(plan.month, *document.group)
    if document.kind == DocumentKind.INVOICE:
        return base
    later = session.exec(
        select(func.count()).where(
            Invoice.organisation_id == plan.organisation_id,
            col(Invoice.origin_key).startswith(f"{base}:"),
        )
    ).one()
    return f"{base}:{int(later) + 1}"


def _issue(
    session: Session,
    plan: InvoicingPreview,
    document: PlannedDocument,
    issued_on: date,
    due_days: int,
) -> Invoice:
    origin = _origin(session, plan, document)
    if invoice_by_origin(session, plan.organisation_id, origin) is not None:
        raise RuntimeError(f"invoice {origin} issued outside the invoicing lock")
    country = organisation(session, plan.organisation_id).country
    period = format_day(plan.month, locale_for("fr", country), "MMMM y")
    credit = document.kind == DocumentKind.CREDIT
    invoice = create_invoice(
        session,
        organisation_id=plan.organisation_id,
        billing_service_id=document.billing_service_id,
        family_id=document.family_id,
        payer_guardian_id=document.payer_guardian_id,
        label=translate("fr", _LABELS[document.kind], month=period)[:200],
        lines=[
            NewLine(
                label=(
                    translate("fr", "planning_billing.credit_line", line=line.label)
                    if credit
                    else line.label
                )[:200],
                unit_cents=line.unit_cents,
                quantity=line.quantity,
                child_id=line.child_id,
                service_date=line.days[0] if line.quantity == 1 else None,
            )
            for line in document.lines
        ],
        issued_on=issued_on,
        due_on=issued_on + timedelta(days=due_days),
        origin_key=origin,
        period_start=plan.month,
        period_end=month_bounds(plan.month)[1],
    )
    assert invoice.id is not None
    rows = invoice_lines(session, invoice.id)
    if credit:
        invoice.status = InvoiceStatus.CREDIT
        session.add(invoice)
        _record_credits(session, document, invoice.id, rows)
    else:
        _record_billed(session, plan, document, invoice.id, rows)
    session.flush()
    return invoice


def _record_credits(
    session: Session, document: PlannedDocument, invoice_id: int, rows: list[InvoiceLine]
) -> None:
    printed = list(zip(document.lines, [r.id for r in rows], strict=True))
    for planned, line_id in [*printed, *((free, None) for free in document.free_days)]:
        for billed_id in planned.billed_ids:
            billed = session.get(BilledDay, billed_id)
            assert billed is not None and billed.open_key is not None
            billed.credit_invoice_id, billed.credit_line_id = invoice_id, line_id
            billed.open_key = None
            session.add(billed)


def _record_billed(
    session: Session,
    plan: InvoicingPreview,
    document: PlannedDocument,
    invoice_id: int,
    rows: list[InvoiceLine],
) -> None:
    printed = list(zip(document.lines, [r.id for r in rows], strict=True))
    for planned, line_id in [*printed, *((free, None) for free in document.free_days)]:
        for when in planned.days:
            day = BillableDay(
                (planned.activity_id, planned.child_id, when), document.group, planned.unit_cents
            )
            session.add(_billed(plan, day, invoice_id, line_id, planned.unit_cents))


def _tell_payer(
    session: Session, invoice: Invoice, country: str, month: date, kind: DocumentKind
) -> None:
    """A message in the portal and an e-mail to the paying guardian (and the up to 3 extra
    addresses of their account), in their language; the invoice is then marked as told so
    the finances' catch-up run (notify_unnotified_invoices) never tells it twice."""
    from portail_famille.domain.money import Money
    from portail_famille.i18n.formatting import format_money
    from portail_famille.models import MessageThread
    from portail_famille.services.finance_mail import reader
    from portail_famille.services.messaging import add_message
    from portail_famille.services.planning_notify import service_author

    payer = session.get(Guardian, invoice.payer_guardian_id)
    account = session.get(UserAccount, payer.user_id) if payer and payer.user_id else None
    who = reader(session, payer) if payer is not None else None
    if payer is None or account is None or account.id is None or who is None:
        return
    template, message = _NOTICES[kind]
    locale = locale_for(account.locale, country)
    params = {
        "month": format_day(month, locale, "LLLL y"),
        "amount": format_money(Money(abs(invoice.total_cents), invoice.currency), locale),
    }
    thread = MessageThread(
        organisation_id=payer.organisation_id,
        guardian_user_id=account.id,
        subject=translate(account.locale, f"{message}.subject", **params)[:200],
    )
    session.add(thread)
    session.flush()
    body = translate(account.locale, f"{message}.body", **params)
    add_message(
        session, thread, service_author(session, payer.organisation_id, account.id), True, body, ()
    )
    for address in (who.address, *who.extra):
        send_message(
            session,
            recipient=address,
            template=template,
            language=account.locale,
            organisation_id=payer.organisation_id,
            **params,
        )
    invoice.notified_at = utcnow()
    session.add(invoice)


def _organisation_wide(session: Session, user_id: int, organisation_id: int) -> Organisation:
    """Only someone serving the whole organisation (not one school) may bill it or preview it."""
    scope = staff_scope(session, user_id)
    if scope.schools_by_organisation.get(organisation_id, frozenset()) is not None:
        raise Forbidden
    return organisation(session, organisation_id)


def local_today(org: Organisation, now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(ZoneInfo(org.timezone)).date()


def preview_month_as_staff(
    session: Session, *, user_id: int, organisation_id: int, month: date
) -> InvoicingPreview:
    _organisation_wide(session, user_id, organisation_id)
    return preview_month(session, organisation_id=organisation_id, month=month)


def bill_month_as_staff(
    session: Session,
    *,
    user_id: int,
    organisation_id: int,
    month: date,
    confirmed: bool = False,
    expected: str | None = None,
    now: datetime | None = None,
) -> InvoicingReport:
    """Staff run, issued on the organisation's local date. The current or a future month is
    billed only with `confirmed`: its bookings may still change (they are then billed or
    credited by a later run, but the family is told twice)."""
    org = _organisation_wide(session, user_id, organisation_id)
    today = local_today(org, now)
    if month_not_over(month.replace(day=1), today) and not confirmed:
        raise ConfirmationNeeded
    return bill_month(
        session, organisation_id=organisation_id, month=month, issued_on=today, expected=expected
    )
