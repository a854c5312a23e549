"""The child's and the family's records beyond identity: transport, health, pickups, tax and bank.

Bank details are kept encrypted (see services/sealing.py); health data never enters page state
beyond what the guardian's own record page shows.
"""

from __future__ import annotations

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel


class ChildRecord(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", unique=True)
    # Opaque, unguessable: what the child sheet's download link carries instead of an id.
    reference: str = Field(max_length=32, unique=True)
    transport: str | None = Field(default=None, max_length=200)
    allergies: str | None = Field(default=None, max_length=500)
    medication: str | None = Field(default=None, max_length=500)
    doctor_name: str | None = Field(default=None, max_length=200)
    doctor_phone: str | None = Field(default=None, max_length=32)
    notes: str | None = Field(default=None, max_length=1000)  # données complémentaires
    photo_consent: bool = False
    may_leave_alone: bool = False
    photo_jpeg: bytes | None = Field(default=None, sa_type=LargeBinary)


class PickupPerson(SQLModel, table=True):
    """Someone the family authorised to collect the child."""

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    name: str = Field(max_length=200)
    relation: str = Field(max_length=100)
    phone: str | None = Field(default=None, max_length=32)


class FamilyRecord(SQLModel, table=True):
    """A household's administrative data: spouse, tax, CAF and the bank account (sealed)."""

    id: int | None = Field(default=None, primary_key=True)
    family_id: int = Field(foreign_key="family.id", unique=True)
    spouse_name: str | None = Field(default=None, max_length=200)
    spouse_phone: str | None = Field(default=None, max_length=32)
    tax_number: str | None = Field(default=None, max_length=32)
    tax_year: int | None = None
    family_quotient: int | None = None  # quotient familial, in whole currency units
    caf_number: str | None = Field(default=None, max_length=16)
    bank_holder: str | None = Field(default=None, max_length=200)
    bank_account_sealed: str | None = Field(default=None, max_length=500)  # Fernet token
