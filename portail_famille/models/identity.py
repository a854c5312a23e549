"""What proves who someone is: e-mailed codes, provider identities, throttling of guesses."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String
from sqlmodel import JSON, Column, Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class CodePurpose(StrEnum):
    SIGN_UP = "sign_up"
    PASSWORD_RESET = "password_reset"  # noqa: S105  (a purpose, not a password)
    EMAIL_CHANGE = "email_change"
    STAFF_INVITATION = "staff_invitation"
    # A one-use hop from a page's handler to the route that sets the HttpOnly session cookie.
    SIGN_IN_TICKET = "sign_in_ticket"


class VerificationCode(SQLModel, table=True):
    """A code sent by e-mail. Only its hash is kept; a newer code for the same purpose voids it."""

    __table_args__ = (Index("ix_verificationcode_lookup", "purpose", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    purpose: CodePurpose = Field(sa_type=String(32))
    email: str = Field(max_length=254)  # where the code was sent, lower-cased
    user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    code_hash: str = Field(max_length=64)
    attempts_left: int
    created_at: datetime = timestamp_field()
    expires_at: datetime = timestamp_field()
    used_at: datetime | None = timestamp_field(default=None, default_factory=None)
    voided_at: datetime | None = timestamp_field(default=None, default_factory=None)
    # What the code confirms beyond the address: a staff role offered, a new e-mail...
    payload: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON))


class ExternalIdentity(SQLModel, table=True):
    """An OpenID Connect account (provider + subject) joined to a portal account."""

    __table_args__ = (UniqueConstraint("provider", "subject"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    provider: str = Field(max_length=64)
    subject: str = Field(max_length=255)
    email: str = Field(max_length=254)
    created_at: datetime = timestamp_field()


class OidcLogin(SQLModel, table=True):
    """An OpenID Connect sign-in under way: its state, nonce and PKCE verifier, for 10 minutes."""

    id: int | None = Field(default=None, primary_key=True)
    state_hash: str = Field(unique=True, max_length=64)
    browser_hash: str = Field(max_length=64)  # binds the callback to the browser that started it
    provider: str = Field(max_length=64)
    nonce: str = Field(max_length=128)
    code_verifier: str = Field(max_length=128)
    remember: bool = False
    created_at: datetime = timestamp_field()


class NotificationEmail(SQLModel, table=True):
    """Up to three more addresses that receive the portal's notifications (seed 004)."""

    __table_args__ = (UniqueConstraint("user_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    email: str = Field(max_length=254)


class ThrottleEvent(SQLModel, table=True):
    """A failed guess (password, code, child identity), keyed by a hash of who or where from."""

    __table_args__ = (Index("ix_throttleevent_lookup", "kind", "key_hash", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    key_hash: str = Field(max_length=64)
    at: datetime = timestamp_field()
