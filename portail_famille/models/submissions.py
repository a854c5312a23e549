"""Form submissions already handled: a double tap or a second send of the same form is answered
with what the first one made, never a second record."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class FormSubmission(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("token", name="uq_formsubmission_token"),)

    id: int | None = Field(default=None, primary_key=True)
    # None for a public form (the contact form); a token is only ever answered to its user.
    user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    # Drawn once per rendering of the form (state/submission_token.py), sent with each submit.
    token: str = Field(max_length=64)
    action: str = Field(max_length=64)  # what the form makes: "absence.declare", ...
    object_id: int | None = None  # the record the first submit made
    created_at: datetime = timestamp_field(index=True)
