"""Seed 000's statement rules, with no database.

- One current statement per child and statement slot, or one per paying guardian in shared custody.
- The daycare service and the lunch supervision share one slot: a daycare statement is for one or
  the other, never both; depositing either replaces the other.
- Only children ACTIVE in the school's year get one, whatever the billing data says.
- The statement deposited last replaces the previous one, across schools and years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from portail_famille.models.finances import BillingSource

DAYCARE_SLOT = (BillingSource.DAYCARE, BillingSource.LUNCH_SUPERVISION)


def slot_sources(source: BillingSource) -> tuple[BillingSource, ...]:
    """The sources whose current statement a statement of `source` replaces."""
    return DAYCARE_SLOT if source in DAYCARE_SLOT else (source,)


@dataclass(frozen=True, slots=True)
class Recipient:
    """Who a child's link says a statement is for."""

    guardian_id: int
    shared_custody: bool
    receives_statements: bool
    is_payer: bool


def statement_recipients(links: Sequence[Recipient]) -> list[int | None]:
    """[None] for one statement every guardian reads; in shared custody one per paying guardian
    who receives statements (their own share). Empty when nobody receives statements."""
    receiving = [link for link in links if link.receives_statements]
    if not receiving:
        return []
    if any(link.shared_custody for link in receiving):
        payers = sorted({link.guardian_id for link in receiving if link.is_payer})
        return list(payers)
    return [None]


def settle_lines(paid_cents: int, line_amounts: Sequence[int]) -> list[int]:
    """How much of an invoice's payments each line got, in line order: exact whole cents.

    A statement per child shows the lines of that child only; a payment for the whole invoice
    settles its lines first to last, so the shares always add up to what was paid.
    """
    remaining = max(paid_cents, 0)
    shares = []
    for amount in line_amounts:
        share = min(remaining, max(amount, 0))
        shares.append(share)
        remaining -= share
    return shares


def may_deposit(enrolment_active: bool | None) -> bool:
    """An enrolment in the school's current year that is active; no enrolment is no statement."""
    return bool(enrolment_active)
