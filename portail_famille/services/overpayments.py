"""Card money that paid nothing here (a second charge for invoices already paid, an amount that
differed): staff close each case with one action, a refund through Stripe or a credit kept on
the family's account, and the family is told.

Only staff whose scope covers every invoice of the case see it and act on it. Both actions are
safe against a double click: the case row is locked and claimed before anything else, and the
refund carries an idempotency key of its own, so Stripe refunds once whatever the browser does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import stripe
from sqlmodel import Session, col, select, update

from portail_famille.models import (
    BillingService,
    CaseStatus,
    FamilyCredit,
    Invoice,
    Organisation,
    OverpaymentCase,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.invoice_views import staff_may_read
from portail_famille.services.overpayment_notify import mail_case_outcome, tell_case_outcome
from portail_famille.services.payments_staff import _names

UNRESOLVED = (CaseStatus.OPEN, CaseStatus.REFUNDING)
_log = logging.getLogger(__name__)


class CaseError(Exception):
    """A case that cannot be closed as asked; `reason` is a catalogue key suffix."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CaseView:
    case_id: int
    family: str
    payer: str
    amount_cents: int
    currency: str
    country: str
    reason: str
    invoices: str
    payment_intent: str
    status: str


def _in_scope(session: Session, user_id: int, cases: list[OverpaymentCase]) -> list[bool]:
    scope = staff_scope(session, user_id)
    invoice_ids = {i for case in cases for i in case.invoice_ids}
    services = {
        invoice.id: session.get(BillingService, invoice.billing_service_id)
        for invoice in session.exec(select(Invoice).where(col(Invoice.id).in_(invoice_ids))).all()
    }
    allowed = []
    for case in cases:
        covered = [services.get(i) for i in case.invoice_ids]
        allowed.append(
            case.organisation_id in scope.organisation_ids
            and bool(covered)
            and all(s is not None and staff_may_read(scope, s) for s in covered)
        )
    return allowed


def case_for_staff(session: Session, user_id: int, case_id: int) -> OverpaymentCase:
    """The case, if this staff member's scope covers all of its invoices; else Forbidden."""
    case = session.get(OverpaymentCase, case_id) if isinstance(case_id, int) else None
    if case is None or not _in_scope(session, user_id, [case])[0]:
        raise Forbidden
    return case


def open_cases_for_staff(session: Session, user_id: int) -> list[CaseView]:
    """Cases not yet closed, oldest first: the money has been waiting longest."""
    cases = list(
        session.exec(
            select(OverpaymentCase)
            .where(
                col(OverpaymentCase.organisation_id).in_(
                    list(staff_scope(session, user_id).organisation_ids)
                ),
                col(OverpaymentCase.status).in_(list(UNRESOLVED)),
            )
            .order_by(col(OverpaymentCase.created_at), col(OverpaymentCase.id))
        ).all()
    )
    cases = [c for c, ok in zip(cases, _in_scope(session, user_id, cases), strict=True) if ok]
    numbers = {
        i.id: i.number
        for i in session.exec(
            select(Invoice).where(col(Invoice.id).in_([x for c in cases for x in c.invoice_ids]))
        ).all()
    }
    countries = {o.id: o.country for o in session.exec(select(Organisation)).all()}
    names = _names(session, {c.payer_guardian_id for c in cases})
    return [
        CaseView(
            case_id=c.id or 0,
            family=names[c.payer_guardian_id][0],
            payer=names[c.payer_guardian_id][1],
            amount_cents=c.amount_cents,
            currency=c.currency,
            country=countries[c.organisation_id],
            reason=c.reason,
            invoices=", ".join(numbers.get(i, "") for i in c.invoice_ids),
            payment_intent=c.stripe_payment_intent or "",
            status=str(c.status),
        )
        for c in cases
    ]


def _claim(
    session: Session, case_id: int, before: CaseStatus, after: CaseStatus, **values: object
) -> bool:
    """Moves the case from `before` to `after` in one conditional UPDATE: of two clicks at the
    same instant, on SQLite or PostgreSQL, exactly one wins."""
    moved = session.exec(
        update(OverpaymentCase)
        .where(col(OverpaymentCase.id) == case_id, col(OverpaymentCase.status) == before)
        .values(status=after, **values)
    )
    return bool(moved.rowcount)


def _reread(session: Session, case_id: int) -> OverpaymentCase:
    case = session.get(OverpaymentCase, case_id, populate_existing=True)
    assert case is not None
    return case


def _closed(session: Session, case: OverpaymentCase, user_id: int) -> None:
    audit.record(
        session,
        action=f"overpayment.{case.status}",
        actor_user_id=user_id,
        organisation_id=case.organisation_id,
        object_type="overpayment_case",
        object_id=case.id,
        family_id=case.family_id,
        amount_cents=case.amount_cents,
    )
    tell_case_outcome(session, case, user_id)


def refund_case(
    session: Session, client: stripe.StripeClient, user_id: int, case_id: int
) -> tuple[OverpaymentCase, bool]:
    """Refunds the case's payment intent in full through Stripe; (case, closed by this call).
    Commits. A second click finds the case refunded (or being refunded) and refunds nothing
    more: both clicks send the same idempotency key, so Stripe makes one refund."""
    case = case_for_staff(session, user_id, case_id)
    if not case.stripe_payment_intent:
        raise CaseError("no_payment_intent")
    intent = case.stripe_payment_intent
    claimed = _claim(session, case_id, CaseStatus.OPEN, CaseStatus.REFUNDING)
    session.commit()  # claimed: a credit can no longer be chosen
    case = _reread(session, case_id)
    if not claimed and case.status == CaseStatus.REFUNDED:
        return case, False
    if not claimed and case.status != CaseStatus.REFUNDING:
        raise CaseError("already_resolved")
    try:
        refund = client.v1.refunds.create(
            params={"payment_intent": intent, "metadata": {"case": str(case_id)}},
            options={"idempotency_key": f"pf-refund-case-{case_id}"},
        )
    except stripe.StripeError as refused:
        _log.warning("Stripe refused the refund of case %s: %s", case_id, refused)
        _claim(session, case_id, CaseStatus.REFUNDING, CaseStatus.OPEN)  # retry, or credit
        session.commit()
        raise CaseError("refund_failed") from refused
    if not _claim(
        session,
        case_id,
        CaseStatus.REFUNDING,
        CaseStatus.REFUNDED,
        stripe_refund_id=str(refund.id)[:255],
        resolved_at=utcnow(),
        resolved_by=user_id,
    ):
        session.commit()
        return _reread(session, case_id), False  # the other click finished first
    case = _reread(session, case_id)
    _closed(session, case, user_id)
    session.commit()
    mail_case_outcome(session, case)
    return case, True


def credit_case(session: Session, user_id: int, case_id: int) -> tuple[OverpaymentCase, bool]:
    """Keeps the money as credit on the family's account; (case, closed by this call). Commits."""
    case_for_staff(session, user_id, case_id)
    claimed = _claim(
        session,
        case_id,
        CaseStatus.OPEN,
        CaseStatus.CREDITED,
        resolved_at=utcnow(),
        resolved_by=user_id,
    )
    case = _reread(session, case_id)
    if not claimed:
        session.commit()
        if case.status == CaseStatus.CREDITED:
            return case, False
        raise CaseError("already_resolved")
    session.add(
        FamilyCredit(
            organisation_id=case.organisation_id,
            family_id=case.family_id,
            payer_guardian_id=case.payer_guardian_id,
            amount_cents=case.amount_cents,
            currency=case.currency,
            case_id=case.id,
            recorded_by=user_id,
        )
    )
    _closed(session, case, user_id)
    session.commit()
    mail_case_outcome(session, case)
    return case, True
