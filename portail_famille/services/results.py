"""A child's results as their guardian may see them: published marks, report cards, exams."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.models import (
    ExamResult,
    Mark,
    Organisation,
    ReportCard,
    SchoolYear,
    Subject,
)
from portail_famille.services.access import child_for_guardian


@dataclass(frozen=True)
class PublishedMark:
    title: str
    assessed_on: date
    score: float
    out_of: float

    @property
    def percent(self) -> float:
        return round(self.score / self.out_of * 100, 1) if self.out_of else 0.0


@dataclass
class SubjectMarks:
    name: str
    teacher: str
    marks: list[PublishedMark] = field(default_factory=list)


@dataclass(frozen=True)
class ReportCardEntry:
    reference: str
    school_year: str
    term: int
    issued_on: date


@dataclass(frozen=True)
class ExamEntry:
    exam: str
    school_year: str
    sat_on: date
    result: int
    passed: bool


@dataclass
class ChildResults:
    child_name: str
    country: str
    subjects: list[SubjectMarks]
    report_cards: list[ReportCardEntry]
    exams: list[ExamEntry]


def published_marks(session: Session, subject_ids: list[int]) -> dict[int, list[PublishedMark]]:
    """Marks a teacher released, by subject, oldest first: the only marks that leave the server."""
    found: dict[int, list[PublishedMark]] = {sid: [] for sid in subject_ids}
    rows = session.exec(
        select(Mark)
        .where(col(Mark.subject_id).in_(subject_ids), col(Mark.published_at).is_not(None))
        .order_by(col(Mark.assessed_on), col(Mark.id))
    ).all()
    for mark in rows:
        found[mark.subject_id].append(
            PublishedMark(mark.title, mark.assessed_on, mark.score, mark.out_of)
        )
    return found


def child_results(session: Session, user_id: int, child_id: int) -> ChildResults:
    """The child's results in the current year, and every year's report cards; Forbidden if not."""
    child, _link = child_for_guardian(session, user_id, child_id, "view")
    organisation = session.get(Organisation, child.organisation_id)
    assert organisation is not None
    subjects = session.exec(
        select(Subject)
        .join(SchoolYear, col(SchoolYear.id) == Subject.school_year_id)
        .where(Subject.child_id == child_id, col(SchoolYear.is_current).is_(True))
        .order_by(col(Subject.name))
    ).all()
    marks = published_marks(session, [s.id for s in subjects if s.id is not None])
    cards = session.exec(
        select(ReportCard, SchoolYear)
        .join(SchoolYear, col(SchoolYear.id) == ReportCard.school_year_id)
        .where(ReportCard.child_id == child_id)
        .order_by(col(SchoolYear.starts_on).desc(), col(ReportCard.term).desc())
    ).all()
    exams = session.exec(
        select(ExamResult, SchoolYear)
        .join(SchoolYear, col(SchoolYear.id) == ExamResult.school_year_id)
        .where(ExamResult.child_id == child_id)
        .order_by(col(ExamResult.sat_on).desc())
    ).all()
    return ChildResults(
        child_name=f"{child.first_name} {child.last_name}",
        country=organisation.country,
        subjects=[SubjectMarks(s.name, s.teacher_name, marks.get(s.id or 0, [])) for s in subjects],
        report_cards=[
            ReportCardEntry(card.reference, year.label, card.term, card.issued_on)
            for card, year in cards
        ],
        exams=[
            ExamEntry(exam.exam, year.label, exam.sat_on, exam.result, exam.passed)
            for exam, year in exams
        ],
    )
