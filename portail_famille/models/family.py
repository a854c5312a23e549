"""Families as the organisation's records hold them: households, guardians, children, enrolments.

These rows arrive by import (the portal is not the student information system); a user account joins
a guardian record through an e-mail address that staff registered on it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class Family(SQLModel, table=True):
    """A household ("foyer"): in shared custody a child belongs to two families."""

    __table_args__ = (
        UniqueConstraint("organisation_id", "external_id", name="uq_family_external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=200)
    address: str | None = Field(default=None, max_length=300)
    # The household's key in the student information system, so a re-import finds it again.
    external_id: str | None = Field(default=None, max_length=64)


class Guardian(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("organisation_id", "external_id", name="uq_guardian_external_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    phone: str | None = Field(default=None, max_length=32)
    # Set when a portal account proved it is this guardian (e-mail on file, or the payer code).
    user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    # HMAC of the payer code printed on the organisation's access letter (seed 004).
    payer_code_hash: str | None = Field(default=None, max_length=64, index=True)
    # The guardian's id in the student information system (or OneRoster sourcedId): imports
    # match on it first, then on an e-mail address.
    external_id: str | None = Field(default=None, max_length=64)


class GuardianEmail(SQLModel, table=True):
    """An e-mail address staff registered for a guardian: the only door to an account."""

    __table_args__ = (UniqueConstraint("guardian_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    guardian_id: int = Field(foreign_key="guardian.id", index=True)
    email: str = Field(max_length=254, index=True)  # stored lower-cased


class Child(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("organisation_id", "file_number"),
        UniqueConstraint("organisation_id", "permanent_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    birth_date: date
    file_number: str = Field(max_length=7)  # numéro de fiche, 7 digits
    permanent_code: str | None = Field(default=None, max_length=12)  # code permanent (Quebec)
    # HMAC of the child code printed on the organisation's access letter (seed 004).
    child_code_hash: str | None = Field(default=None, max_length=64, index=True)


class Enrolment(SQLModel, table=True):
    """A child in a school for a school year; `active` is what statements and lists go by."""

    __table_args__ = (UniqueConstraint("child_id", "school_id", "school_year_id"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    grade: str = Field(max_length=32)
    group_name: str | None = Field(default=None, max_length=32)
    active: bool = True


class Relationship(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    TUTOR = "tutor"
    OTHER = "other"


class GuardianChildLink(SQLModel, table=True):
    """What a guardian may do for a child: custody is data, not a flag on the child."""

    __table_args__ = (UniqueConstraint("guardian_id", "child_id"),)

    id: int | None = Field(default=None, primary_key=True)
    guardian_id: int = Field(foreign_key="guardian.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    relationship: Relationship = Field(sa_type=String(16))
    shared_custody: bool = False
    can_view: bool = True
    can_book: bool = True
    can_pay: bool = True
    receives_statements: bool = True
    is_payer: bool = True
    # When the guardian's account proved this child's identity: no access before that.
    claimed_at: datetime | None = timestamp_field(default=None, default_factory=None)
