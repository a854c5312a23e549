"""Portal accounts, staff roles and sign-in sessions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class AccountStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"


class UserAccount(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, max_length=254)  # lower-cased
    display_name: str = Field(max_length=200)
    password_hash: str | None = Field(default=None, max_length=255)  # Argon2id; None: not set yet
    locale: str = Field(default="fr", max_length=8)
    status: AccountStatus = Field(default=AccountStatus.ACTIVE, sa_type=String(16))
    created_at: datetime = timestamp_field()


class StaffRole(StrEnum):
    SECRETARY = "secretary"  # secrétariat d'une école
    CHILDHOOD_SERVICE = "childhood_service"  # service enfance d'une commune
    ADMIN = "admin"


class StaffMembership(SQLModel, table=True):
    """A role in one organisation, optionally narrowed to one school."""

    __table_args__ = (UniqueConstraint("user_id", "organisation_id", "school_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id")
    role: StaffRole = Field(sa_type=String(32))


class AuthSession(SQLModel, table=True):
    """A signed-in device. The browser holds the token; only its SHA-256 is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = timestamp_field()
    last_seen_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    idle_timeout_seconds: int
    user_agent: str | None = Field(default=None, max_length=300)
    # Signed in with a password or a provider, the second factor still to give: opens nothing.
    second_factor_pending: bool = False
