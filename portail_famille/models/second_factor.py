"""Staff second factors: an authenticator app's secret (TOTP) and one-time recovery codes."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class TotpFactor(SQLModel, table=True):
    """One authenticator per account. Unconfirmed until a first code proves the app has it."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", unique=True)
    secret_sealed: str = Field(max_length=255)  # services/sealing.py: never kept in clear
    created_at: datetime = timestamp_field()
    confirmed_at: datetime | None = timestamp_field(default=None, default_factory=None)
    # The last 30-second step a code was accepted for: a code (or an older one) never works twice.
    last_used_step: int | None = None


class RecoveryCode(SQLModel, table=True):
    """A code for the day the phone is lost; only its hash is kept, and it works once."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    code_hash: str = Field(max_length=64)
    created_at: datetime = timestamp_field()
    used_at: datetime | None = timestamp_field(default=None, default_factory=None)
