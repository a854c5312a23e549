"""What the school's system sends about a child's learning: subjects, marks, report cards, exams.

Rows arrive by import. A mark stays on the server until its teacher publishes it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class Subject(SQLModel, table=True):
    """A subject a child follows in a school year, with the teacher who teaches it to them."""

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    name: str = Field(max_length=100)
    teacher_name: str = Field(max_length=200)
    teacher_email: str | None = Field(default=None, max_length=254)


class Mark(SQLModel, table=True):
    """One assignment's mark; `published_at` None means the teacher has not released it."""

    id: int | None = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key="subject.id", index=True)
    title: str = Field(max_length=200)
    assessed_on: date
    score: float
    out_of: float = 100.0
    published_at: datetime | None = timestamp_field(default=None, default_factory=None)


class ReportCard(SQLModel, table=True):
    """A term's report card (bulletin); `lines` is [{subject, result, average, comment}]."""

    id: int | None = Field(default=None, primary_key=True)
    # Opaque, unguessable: what the page's download link carries instead of an id.
    reference: str = Field(max_length=32, unique=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    term: int
    issued_on: date
    lines: list[dict[str, object]] = Field(default_factory=list, sa_column=Column(JSON))


class ExamResult(SQLModel, table=True):
    """A ministry exam's result (épreuve ministérielle), as the ministry returns it."""

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    exam: str = Field(max_length=200)
    sat_on: date
    result: int  # percent
    passed: bool
