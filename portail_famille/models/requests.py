"""Requests: every change a family proposes waits here until staff accept or refuse it.

A request holds who asked, for which household or child, the category, and one row per field with
the value at the time of asking ("before") and the proposed value. Values of sensitive fields (bank
account, health) are sealed at rest. `version` grows on every decision so that two staff members
acting at the same moment cannot both apply it.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import LargeBinary, String
from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class RequestCategory(StrEnum):
    GUARDIAN = "guardian"
    SPOUSE = "spouse"
    TAX = "tax"
    CAF = "caf"
    BANK = "bank"
    PICKUP = "pickup"
    COMPLEMENTARY = "complementary"
    HEALTH = "health"
    PHOTO = "photo"
    ADD_CHILD = "add_child"
    REENROLMENT = "reenrolment"
    PREREGISTRATION = "preregistration"
    ACTIVITY_ENROLMENT = "activity_enrolment"
    LATE_BOOKING = "late_booking"
    ABSENCE = "absence"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    PARTIAL = "partial"  # some fields accepted, others refused
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class FieldDecision(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class ChangeRequest(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    # None for the household's own categories (spouse, tax, bank...) and for a child not yet known.
    child_id: int | None = Field(default=None, foreign_key="child.id", index=True)
    # The child's school when asked (or the school chosen), so a school-bound secretary sees hers.
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    category: RequestCategory = Field(sa_type=String(32), index=True)
    status: RequestStatus = Field(default=RequestStatus.PENDING, sa_type=String(16), index=True)
    # The existing row the request changes or the one it chose (a pickup person, an activity).
    ref_id: int | None = None
    requested_by: int = Field(foreign_key="useraccount.id", index=True)
    created_at: datetime = timestamp_field()
    decided_at: datetime | None = timestamp_field(default=None, default_factory=None)
    decided_by: int | None = Field(default=None, foreign_key="useraccount.id")
    staff_comment: str = Field(default="", max_length=2000)
    # Bumped by the one conditional UPDATE that moves the request out of `pending`.
    version: int = 0


class RequestField(SQLModel, table=True):
    """One field of a request: its value when asked and the proposed one (sealed if sensitive)."""

    __table_args__ = (UniqueConstraint("request_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="changerequest.id", index=True)
    position: int = 0
    name: str = Field(max_length=64)
    before: str = Field(default="", max_length=4000)
    proposed: str = Field(default="", max_length=4000)
    sealed: bool = False  # before/proposed hold sealing tokens
    decision: FieldDecision = Field(default=FieldDecision.PENDING, sa_type=String(16))


class RequestDocument(SQLModel, table=True):
    """A supporting file (PDF, JPEG, PNG checked by content), or the re-encoded proposed photo."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="changerequest.id", index=True)
    # Opaque, unguessable: what the download link carries instead of an id.
    reference: str = Field(max_length=32, unique=True)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=64)
    size: int
    is_photo: bool = False
    data: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = timestamp_field()
