"""Timetables: the weekly periods of a school's group, as the school's system exports them.

A period is matched by (school, school year, group, weekday, start): importing the same file again
changes nothing. Periods missing from the file are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlmodel import col, select

from portail_famille.models import TimetablePeriod
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds import enrolments
from portail_famille.services.imports.kinds.base import ImportKind, text
from portail_famille.services.imports.reader import Column, Row
from portail_famille.services.imports.values import parse_time, parse_weekday

COLUMNS = (
    Column("school", enrolments.SCHOOL_ALIASES),
    enrolments.YEAR,
    Column("group", ("groupe", "group", "group_name")),
    Column("weekday", ("jour", "jour_semaine", "jour_de_la_semaine", "weekday", "day")),
    Column("start", ("debut", "heure_debut", "start", "starts_at", "start_time")),
    Column("end", ("fin", "heure_fin", "end", "ends_at", "end_time")),
    Column("subject", ("matiere", "cours", "subject", "course")),
    Column("teacher", ("enseignant", "enseignante", "teacher", "teacher_name"), required=False),
    Column("room", ("local", "salle", "room"), required=False),
)


@dataclass(frozen=True)
class PeriodRecord:
    file: str
    line: int
    school_id: int
    year_id: int
    group: str
    weekday: int
    starts_at: time
    ends_at: time
    subject: str
    teacher: str
    room: str

    @property
    def key(self) -> tuple[int, int, str, int, time]:
        return (self.school_id, self.year_id, self.group, self.weekday, self.starts_at)


def _school_and_year(row: Row, context: ImportContext) -> tuple[int, int] | None:
    report, code = context.report, row.get("school")
    if not code:
        report.error(row.file, row.line, "imports.error.required", column=row.header("school"))
        return None
    school_id = context.schools.get(code.casefold())
    if school_id is None:
        report.error(row.file, row.line, "imports.error.unknown_school", value=code)
        return None
    if not context.target.allows_school(school_id):
        report.error(row.file, row.line, "imports.error.school_not_allowed", value=code)
        return None
    label = row.get("school_year")
    year_id = context.years.get(label.casefold()) if label else context.current_year_id
    if year_id is None:
        report.error(row.file, row.line, "imports.error.unknown_year", value=label or "-")
        return None
    return school_id, year_id


def _parse(row: Row, context: ImportContext) -> PeriodRecord | None:
    report, errors_before = context.report, context.report.issue_count
    place = _school_and_year(row, context)
    group = text(row, context, "group", 32, required=True)
    weekday = parse_weekday(row.get("weekday"))
    if weekday is None:
        report.error(row.file, row.line, "imports.error.weekday", value=row.get("weekday"))
    starts_at, ends_at = parse_time(row.get("start")), parse_time(row.get("end"))
    for column, value in (("start", starts_at), ("end", ends_at)):
        if value is None:
            report.error(row.file, row.line, "imports.error.time", value=row.get(column) or "-")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        report.error(row.file, row.line, "imports.error.period_order", value=row.get("end"))
    subject = text(row, context, "subject", 120, required=True)
    teacher = text(row, context, "teacher", 120, required=False)
    room = text(row, context, "room", 32, required=False)
    if report.issue_count > errors_before:
        return None
    assert place and group and weekday is not None and starts_at and ends_at and subject
    record = PeriodRecord(
        row.file,
        row.line,
        place[0],
        place[1],
        group,
        weekday,
        starts_at,
        ends_at,
        subject,
        teacher or "",
        room or "",
    )
    key = "/".join(str(part) for part in record.key)
    if (earlier := context.first_line("period", key, row.line)) is not None:
        report.error(row.file, row.line, "imports.error.duplicate_row", value=group, first=earlier)
        return None
    return record


def _apply(records: list[PeriodRecord], context: ImportContext) -> None:
    session, report = context.session, context.report
    existing: dict[tuple[int, int, str, int, time], TimetablePeriod] = {}
    for school_id, year_id in {(r.school_id, r.year_id) for r in records}:
        for found in session.exec(
            select(TimetablePeriod).where(
                TimetablePeriod.school_id == school_id,
                TimetablePeriod.school_year_id == year_id,
                col(TimetablePeriod.group_name).in_({r.group for r in records}),
            )
        ).all():
            key = (school_id, year_id, found.group_name, found.weekday)
            existing[(*key, found.starts_at)] = found
    for record in records:
        label = f"{record.group} {record.weekday + 1} {record.starts_at:%H:%M} {record.subject}"
        period = existing.get(record.key)
        if period is None:
            period = TimetablePeriod(
                school_id=record.school_id,
                school_year_id=record.year_id,
                group_name=record.group,
                weekday=record.weekday,
                starts_at=record.starts_at,
                ends_at=record.ends_at,
                subject=record.subject,
                teacher_name=record.teacher,
                room=record.room,
            )
            existing[record.key] = period
            session.add(period)
            report.note("period", "create", label)
            continue
        wanted = (record.ends_at, record.subject, record.teacher, record.room)
        if wanted == (period.ends_at, period.subject, period.teacher_name, period.room):
            continue
        period.ends_at, period.subject, period.teacher_name, period.room = wanted
        session.add(period)
        report.note("period", "change", label)


KIND = ImportKind(name="timetable", columns=COLUMNS, parse=_parse, apply=_apply)
