"""Marks: one line per mark of a student, in a subject of theirs this year.

A mark is matched by (student, subject, assignment title, date): importing the same file again
changes nothing. A subject new to the student is created in the school they attend this year.
A mark the file does not mark as published stays unpublished: families never see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import col, select

from portail_famille.domain.codes import normalise_file_number
from portail_famille.models import Mark, Subject
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds import enrolments
from portail_famille.services.imports.kinds.base import ImportKind, text
from portail_famille.services.imports.kinds.placement import placed, placements
from portail_famille.services.imports.reader import Column, Row
from portail_famille.services.imports.values import parse_bool, parse_date, parse_score

COLUMNS = (
    enrolments.FILE_NUMBER,
    Column(
        "subject",
        ("matiere", "code_matiere", "cours", "subject", "subject_code", "subject_name", "course"),
    ),
    Column("title", ("evaluation", "titre", "devoir", "travail", "title", "assignment")),
    Column("date", ("date", "date_evaluation", "date_of_assessment", "assessed_on")),
    Column("result", ("resultat", "note", "result", "score", "mark")),
    Column("published", ("publie", "publiee", "publication", "published"), required=False),
    Column("teacher", ("enseignant", "enseignante", "teacher", "teacher_name"), required=False),
)


@dataclass(frozen=True)
class MarkRecord:
    file: str
    line: int
    file_number: str
    subject: str
    title: str
    assessed_on: date
    score: float
    out_of: float
    published: bool
    teacher: str


def _parse(row: Row, context: ImportContext) -> MarkRecord | None:
    report, errors_before = context.report, context.report.issue_count
    file_number = normalise_file_number(row.get("file_number"))
    if file_number is None:
        report.error(row.file, row.line, "imports.error.file_number", value=row.get("file_number"))
    subject = text(row, context, "subject", 100, required=True)
    title = text(row, context, "title", 200, required=True)
    teacher = text(row, context, "teacher", 200, required=False)
    assessed_on = parse_date(row.get("date"))
    if assessed_on is None or assessed_on.year < 2000:
        report.error(row.file, row.line, "imports.error.date", value=row.get("date"))
    score = parse_score(row.get("result"))
    if score is None:
        report.error(row.file, row.line, "imports.error.score", value=row.get("result"))
    published = parse_bool(row.get("published"), default=False)
    if published is None:
        report.error(row.file, row.line, "imports.error.boolean", column=row.header("published"))
    if report.issue_count > errors_before:
        return None
    assert file_number and subject and title and assessed_on and score and published is not None
    key = f"{file_number}/{subject.casefold()}/{title.casefold()}/{assessed_on}"
    if (earlier := context.first_line("mark", key, row.line)) is not None:
        report.error(row.file, row.line, "imports.error.duplicate_row", value=title, first=earlier)
        return None
    return MarkRecord(
        row.file,
        row.line,
        file_number,
        subject,
        title,
        assessed_on,
        score[0],
        score[1],
        published,
        teacher or "",
    )


def _apply(records: list[MarkRecord], context: ImportContext) -> None:
    session, report = context.session, context.report
    found = placements(context, {r.file_number for r in records})
    child_ids = {p.child_id for p in found.values() if p is not None}
    subjects = {
        (s.child_id, s.school_year_id, s.name.casefold()): s
        for s in session.exec(select(Subject).where(col(Subject.child_id).in_(child_ids))).all()
    }
    marks = {
        (m.subject_id, m.title.casefold(), m.assessed_on): m
        for m in session.exec(
            select(Mark).where(
                col(Mark.subject_id).in_([s.id for s in subjects.values()]),
                col(Mark.assessed_on).in_({r.assessed_on for r in records}),
            )
        ).all()
    }
    now = datetime.now(UTC)
    for record in records:
        placement = placed(context, found, record.file, record.line, record.file_number)
        if placement is None:
            continue
        label = f"{record.file_number} {record.subject}: {record.title}"
        subject_key = (placement.child_id, placement.year_id, record.subject.casefold())
        subject = subjects.get(subject_key)
        if subject is None:
            subject = Subject(
                child_id=placement.child_id,
                school_id=placement.school_id,
                school_year_id=placement.year_id,
                name=record.subject,
                teacher_name=record.teacher,
            )
            session.add(subject)
            session.flush()
            subjects[subject_key] = subject
            report.note("subject", "create", f"{record.file_number} {record.subject}")
        assert subject.id is not None
        mark = marks.get((subject.id, record.title.casefold(), record.assessed_on))
        if mark is None:
            mark = Mark(
                subject_id=subject.id,
                title=record.title,
                assessed_on=record.assessed_on,
                score=record.score,
                out_of=record.out_of,
                published_at=now if record.published else None,
            )
            marks[(subject.id, record.title.casefold(), record.assessed_on)] = mark
            session.add(mark)
            report.note("mark", "create", label)
            continue
        published_at = (mark.published_at or now) if record.published else None
        wanted = (record.score, record.out_of, published_at)
        if wanted == (mark.score, mark.out_of, mark.published_at):
            continue
        mark.score, mark.out_of, mark.published_at = wanted
        session.add(mark)
        report.note("mark", "change", label)


KIND = ImportKind(name="marks", columns=COLUMNS, parse=_parse, apply=_apply)
