"""Whether a family may book now under its organisation's rule (free, prepaid credit, or no new
booking while the unpaid balance is above a threshold), and why not."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from portail_famille.models import BookingPolicy, Payment, PaymentAllocation
from portail_famille.services.invoices import family_balance_cents
from portail_famille.services.planning_catalog import settings_for


def family_balance(session: Session, family_id: int) -> int:
    """What the family owes in cents, less its credit (payments not yet allocated to invoices):
    negative when the family has paid ahead."""
    paid = session.exec(
        select(func.coalesce(func.sum(Payment.amount_cents), 0)).where(
            Payment.family_id == family_id
        )
    ).one()
    allocated = session.exec(
        select(func.coalesce(func.sum(PaymentAllocation.amount_cents), 0))
        .join(Payment, col(Payment.id) == PaymentAllocation.payment_id)
        .where(Payment.family_id == family_id)
    ).one()
    return family_balance_cents(session, family_id=family_id) - (int(paid) - int(allocated))


@dataclass(frozen=True)
class PolicyRefusal:
    key: str  # catalogue key of the reason
    balance_cents: int
    threshold_cents: int
    needed_cents: int


def check_policy(
    session: Session, *, organisation_id: int, family_id: int, added_cost_cents: int
) -> PolicyRefusal | None:
    """None when the booking may go ahead; otherwise the reason to show the family."""
    settings = settings_for(session, organisation_id)
    if settings.booking_policy == BookingPolicy.FREE or added_cost_cents <= 0:
        return None
    balance = family_balance(session, family_id)
    if settings.booking_policy == BookingPolicy.BALANCE_LIMIT:
        if balance > settings.balance_threshold_cents:
            return PolicyRefusal(
                "planning.policy.balance", balance, settings.balance_threshold_cents, 0
            )
        return None
    credit = -balance
    if credit < added_cost_cents:
        return PolicyRefusal("planning.policy.prepaid", balance, 0, added_cost_cents - credit)
    return None
