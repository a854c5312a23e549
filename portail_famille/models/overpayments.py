"""Money Stripe took that paid nothing here (a second charge, an amount that differed), and the
credit a family keeps when staff choose not to refund it.

A case is never dropped: it stays open until one staff action closes it, by a refund through
Stripe or by a credit on the family's account.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class CaseStatus(StrEnum):
    OPEN = "open"
    # Claimed for a refund: Stripe is being asked; a credit can no longer be chosen.
    REFUNDING = "refunding"
    REFUNDED = "refunded"
    CREDITED = "credited"


class OverpaymentCase(SQLModel, table=True):
    """One card payment Stripe took that the portal could not apply to any invoice."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    checkout_id: int = Field(foreign_key="cardcheckout.id", unique=True)
    invoice_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    reason: str = Field(max_length=32)  # invoices_changed, amount_mismatch
    amount_cents: int  # what Stripe charged
    currency: str = Field(max_length=3)
    stripe_payment_intent: str | None = Field(default=None, max_length=255)
    status: CaseStatus = Field(default=CaseStatus.OPEN, sa_type=String(16), index=True)
    created_at: datetime = timestamp_field()
    resolved_at: datetime | None = timestamp_field(default=None, default_factory=None)
    resolved_by: int | None = Field(default=None, foreign_key="useraccount.id")
    stripe_refund_id: str | None = Field(default=None, max_length=255)


class FamilyCredit(SQLModel, table=True):
    """A movement on a family's credit: positive when money is kept for them, negative when used."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    amount_cents: int
    currency: str = Field(max_length=3)
    case_id: int | None = Field(default=None, foreign_key="overpaymentcase.id", unique=True)
    recorded_by: int | None = Field(default=None, foreign_key="useraccount.id")
    created_at: datetime = timestamp_field()
