"""Money a family owes and pays: billing services (régies), invoices, statements, payments.

Every amount is integer cents in the organisation's currency. Invoices are issued per payer: in
shared custody each paying guardian gets their own (custody is data on the guardian-child link).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, LargeBinary, String
from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class BillingSource(StrEnum):
    """What a statement or an invoice is for.

    Seed 000: a daycare statement is for the daycare service or the lunch supervision, never both.
    """

    SCHOOL_FEES = "school_fees"
    DAYCARE = "daycare"
    LUNCH_SUPERVISION = "lunch_supervision"
    SPORTS = "sports"
    PERISCOLAIRE = "periscolaire"  # French commune: morning/evening care, canteen, holiday centre


class BillingService(SQLModel, table=True):
    """Who bills: a school's fees or daycare service, or a commune's régie for one service."""

    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(max_length=200)  # "Service de garde des Érables", "Régie périscolaire"
    source: BillingSource = Field(sa_type=String(32))
    # Which yearly tax receipt its payments appear on (Relevé 24, attestation fiscale), if any.
    tax_receipt_eligible: bool = False


class InvoiceStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    CANCELLED = "cancelled"
    # A credit note (negative total): money given back, never paid, so never in what is owed or
    # payable; staff refund it or count it against a later payment.
    CREDIT = "credit"


class Invoice(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("organisation_id", "number"),
        # Monthly invoicing and imports give every invoice a key: running them twice bills once.
        UniqueConstraint("organisation_id", "origin_key"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    billing_service_id: int = Field(foreign_key="billingservice.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    number: str = Field(max_length=32)
    # Opaque, unguessable: what PDF links carry instead of an id.
    reference: str = Field(max_length=32, unique=True)
    origin_key: str = Field(max_length=128)
    label: str = Field(max_length=200)
    issued_on: date
    due_on: date
    period_start: date | None = None
    period_end: date | None = None
    currency: str = Field(max_length=3)
    previous_balance_cents: int = 0
    total_cents: int  # sum of the lines; what this invoice asks for
    paid_cents: int = 0
    status: InvoiceStatus = Field(default=InvoiceStatus.OPEN, sa_type=String(16), index=True)
    paid_at: datetime | None = timestamp_field(default=None, default_factory=None)
    created_at: datetime = timestamp_field()
    notified_at: datetime | None = timestamp_field(default=None, default_factory=None)


class InvoiceLine(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    child_id: int | None = Field(default=None, foreign_key="child.id", index=True)
    label: str = Field(max_length=200)
    service_date: date | None = None
    quantity: int = 1
    unit_cents: int
    amount_cents: int
    position: int = 0


class PaymentMethod(StrEnum):
    CARD = "card"
    CHEQUE = "cheque"
    CASH = "cash"
    TRANSFER = "transfer"
    CREDIT = "credit"  # from the family's credit (an earlier card charge kept for them)


class Payment(SQLModel, table=True):
    """Money received, allocated to invoices; card payments come only from a verified webhook."""

    __table_args__ = (UniqueConstraint("organisation_id", "receipt_number"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    method: PaymentMethod = Field(sa_type=String(16))
    amount_cents: int
    currency: str = Field(max_length=3)
    received_at: datetime = timestamp_field()
    receipt_number: str = Field(max_length=32)
    reference: str = Field(max_length=32, unique=True)  # opaque, for the receipt's link
    note: str | None = Field(default=None, max_length=200)  # cheque number, transfer reference
    recorded_by: int | None = Field(default=None, foreign_key="useraccount.id")
    checkout_id: int | None = Field(default=None, foreign_key="cardcheckout.id", unique=True)


class PaymentAllocation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("payment_id", "invoice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    payment_id: int = Field(foreign_key="payment.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    amount_cents: int


class CheckoutStatus(StrEnum):
    OPEN = "open"
    PAID = "paid"
    EXPIRED = "expired"
    # Paid at Stripe but an invoice was meanwhile settled another way: staff refund or credit it.
    NEEDS_REVIEW = "needs_review"


class CardCheckout(SQLModel, table=True):
    """A Stripe Checkout Session the server created, for invoices and an amount it computed."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    idempotency_key: str = Field(max_length=64, unique=True)
    stripe_session_id: str | None = Field(default=None, max_length=255, unique=True)
    stripe_payment_intent: str | None = Field(default=None, max_length=255)
    amount_cents: int
    currency: str = Field(max_length=3)
    invoice_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    status: CheckoutStatus = Field(default=CheckoutStatus.OPEN, sa_type=String(16))
    created_at: datetime = timestamp_field()
    completed_at: datetime | None = timestamp_field(default=None, default_factory=None)
    # The family came back on the success address: "payment in progress" until Stripe settles it.
    returned_at: datetime | None = timestamp_field(default=None, default_factory=None)


class StripeEvent(SQLModel, table=True):
    """Webhook events already handled: each event id is processed once."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=255, unique=True)
    event_type: str = Field(max_length=100)
    received_at: datetime = timestamp_field()


class StatementBatch(SQLModel, table=True):
    """One secretary's "generate the statements of this school" run, with its progress."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    billing_service_id: int = Field(foreign_key="billingservice.id")
    started_by: int | None = Field(default=None, foreign_key="useraccount.id")
    started_at: datetime = timestamp_field()
    finished_at: datetime | None = timestamp_field(default=None, default_factory=None)
    total: int = 0
    deposited: int = 0
    rendered: int = 0


class Statement(SQLModel, table=True):
    """An immutable snapshot of an account at deposit time (seed 000: the latest replaces the last).

    The current statement of a child and source (or of each guardian in shared custody) is the one
    with `superseded_at` empty; depositing a new one supersedes the old in the same transaction, so
    a child always has exactly one, old or new, whatever happens to the batch.
    """

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    billing_service_id: int = Field(foreign_key="billingservice.id", index=True)
    source: BillingSource = Field(sa_type=String(32), index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    # Set in shared custody: this guardian's share; empty when one statement serves everyone.
    guardian_id: int | None = Field(default=None, foreign_key="guardian.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    batch_id: int | None = Field(default=None, foreign_key="statementbatch.id", index=True)
    reference: str = Field(max_length=32, unique=True)
    deposited_at: datetime = timestamp_field()
    superseded_at: datetime | None = timestamp_field(default=None, default_factory=None, index=True)
    currency: str = Field(max_length=3)
    balance_cents: int
    # Everything the PDF shows, frozen: lines, payments, names, totals.
    snapshot: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON))
    pdf: bytes | None = Field(default=None, sa_type=LargeBinary)
    rendered_at: datetime | None = timestamp_field(default=None, default_factory=None)
    notified_at: datetime | None = timestamp_field(default=None, default_factory=None)


class AttachmentConsent(SQLModel, table=True):
    """Seed 000: a confidential document is attached to an e-mail only with written consent."""

    id: int | None = Field(default=None, primary_key=True)
    guardian_id: int = Field(foreign_key="guardian.id", unique=True)
    consented_on: date
    evidence: str = Field(max_length=300)  # "formulaire signé reçu le …", scanned form reference
    recorded_by: int = Field(foreign_key="useraccount.id")
    recorded_at: datetime = timestamp_field()
    withdrawn_at: datetime | None = timestamp_field(default=None, default_factory=None)
