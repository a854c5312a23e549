"""Absences the school recorded: a full day, a late arrival or an early departure of a student.

An absence is matched by (student, date, kind) among the school's own records: importing the same
file again changes nothing. Absences families declared are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlmodel import col, select

from portail_famille.domain.codes import normalise_file_number
from portail_famille.models import Absence, AbsenceKind, AbsenceSource
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds import enrolments
from portail_famille.services.imports.kinds.base import ImportKind
from portail_famille.services.imports.kinds.placement import placed, placements
from portail_famille.services.imports.reader import Column, Row, header_key
from portail_famille.services.imports.values import parse_bool, parse_date, parse_time

COLUMNS = (
    enrolments.FILE_NUMBER,
    Column("date", ("date", "date_absence", "jour", "day", "absence_date")),
    Column("kind", ("type", "nature", "type_absence", "kind", "absence_type")),
    Column("time", ("heure", "a", "time", "at"), required=False),
    Column("justified", ("justifiee", "motivee", "justifie", "justified", "excused"), False),
)

_KINDS = {
    **dict.fromkeys(("journee", "jour", "absent", "fullday", "day"), AbsenceKind.FULL_DAY),
    **dict.fromkeys(("retard", "arrivee", "late", "latearrival"), AbsenceKind.LATE_ARRIVAL),
    **dict.fromkeys(
        ("depart", "departanticipe", "part", "leaves", "earlydeparture"),
        AbsenceKind.EARLY_DEPARTURE,
    ),
}


@dataclass(frozen=True)
class AbsenceRecord:
    file: str
    line: int
    file_number: str
    day: date
    kind: AbsenceKind
    at_time: time | None
    justified: bool


def _parse(row: Row, context: ImportContext) -> AbsenceRecord | None:
    report, errors_before = context.report, context.report.issue_count
    file_number = normalise_file_number(row.get("file_number"))
    if file_number is None:
        report.error(row.file, row.line, "imports.error.file_number", value=row.get("file_number"))
    day = parse_date(row.get("date"))
    if day is None or day.year < 2000:
        report.error(row.file, row.line, "imports.error.date", value=row.get("date"))
    kind = _KINDS.get(header_key(row.get("kind")))
    if kind is None:
        report.error(row.file, row.line, "imports.error.absence_kind", value=row.get("kind"))
    at_time = None
    if kind is not None and kind != AbsenceKind.FULL_DAY:
        at_time = parse_time(row.get("time"))
        if at_time is None:
            report.error(row.file, row.line, "imports.error.time", value=row.get("time") or "-")
    justified = parse_bool(row.get("justified"), default=False)
    if justified is None:
        report.error(row.file, row.line, "imports.error.boolean", column=row.header("justified"))
    if report.issue_count > errors_before:
        return None
    assert file_number and day and kind and justified is not None
    if earlier := context.first_line("absence", f"{file_number}/{day}/{kind}", row.line):
        report.error(
            row.file, row.line, "imports.error.duplicate_row", value=file_number, first=earlier
        )
        return None
    return AbsenceRecord(row.file, row.line, file_number, day, kind, at_time, justified)


def _apply(records: list[AbsenceRecord], context: ImportContext) -> None:
    session, report = context.session, context.report
    found = placements(context, {r.file_number for r in records})
    # The family's own declaration of the same absence counts as existing (one row per
    # child, day, kind and time); the school's record wins where both exist.
    existing = {
        (a.child_id, a.starts_on, AbsenceKind(a.kind)): a
        for a in sorted(
            session.exec(
                select(Absence).where(
                    col(Absence.child_id).in_({p.child_id for p in found.values() if p}),
                    col(Absence.starts_on).in_({r.day for r in records}),
                )
            ).all(),
            key=lambda a: a.source == AbsenceSource.SCHOOL,
        )
    }
    now = datetime.now(UTC)
    for record in records:
        placement = placed(context, found, record.file, record.line, record.file_number)
        if placement is None:
            continue
        label = f"{record.file_number} {record.day} {record.kind.value}"
        absence = existing.get((placement.child_id, record.day, record.kind))
        if absence is None:
            absence = Absence(
                organisation_id=context.target.organisation_id,
                school_id=placement.school_id,
                child_id=placement.child_id,
                starts_on=record.day,
                ends_on=record.day,
                kind=record.kind,
                at_time=record.at_time,
                source=AbsenceSource.SCHOOL,
                justified=record.justified,
                created_by_user_id=context.target.actor_user_id,
                justified_by_user_id=context.target.actor_user_id if record.justified else None,
                justified_at=now if record.justified else None,
            )
            existing[(placement.child_id, record.day, record.kind)] = absence
            session.add(absence)
            report.note("absence", "create", label)
            continue
        if absence.source == AbsenceSource.FAMILY:
            continue  # declared by the family: already there, and theirs to change
        if (absence.at_time, absence.justified) == (record.at_time, record.justified):
            continue
        if record.justified and not absence.justified:
            absence.justified_by_user_id, absence.justified_at = context.target.actor_user_id, now
        absence.at_time, absence.justified = record.at_time, record.justified
        session.add(absence)
        report.note("absence", "change", label)


KIND = ImportKind(name="absences", columns=COLUMNS, parse=_parse, apply=_apply)
