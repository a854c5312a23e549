"""Students ("élèves"), active or not this year: the child's record and this year's enrolment.

A child is matched by (organisation, file number); nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import col, select

from portail_famille.domain.codes import normalise_file_number, normalise_permanent_code
from portail_famille.models import Child, Enrolment, SchoolYear
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds import enrolments
from portail_famille.services.imports.kinds.base import ImportKind, text
from portail_famille.services.imports.reader import Column, Row
from portail_famille.services.imports.values import parse_date
from portail_famille.services.local_time import organisation_today

COLUMNS = (
    enrolments.FILE_NUMBER,
    Column("last_name", ("nom", "nom_de_famille", "last_name", "family_name")),
    Column("first_name", ("prenom", "first_name", "given_name")),
    Column("birth_date", ("date_naissance", "date_de_naissance", "birth_date", "date_of_birth")),
    Column("permanent_code", ("code_permanent", "permanent_code"), required=False),
    enrolments.SCHOOL,
    enrolments.YEAR,
    enrolments.GRADE,
    enrolments.GROUP,
    enrolments.ACTIVE,
)


@dataclass(frozen=True)
class StudentRecord:
    file: str
    line: int
    file_number: str
    first_name: str
    last_name: str
    birth_date: date | None  # None: keep the one on file (OneRoster without demographics)
    permanent_code: str | None
    enrolment: enrolments.EnrolmentPlan | None


def _parse(row: Row, context: ImportContext) -> StudentRecord | None:
    report, errors_before = context.report, context.report.issue_count
    file_number = normalise_file_number(row.get("file_number"))
    if file_number is None:
        report.error(row.file, row.line, "imports.error.file_number", value=row.get("file_number"))
    elif (earlier := context.first_line("child", file_number, row.line)) is not None:
        report.error(
            row.file, row.line, "imports.error.duplicate_row", value=file_number, first=earlier
        )
    first_name = text(row, context, "first_name", 100, required=True)
    last_name = text(row, context, "last_name", 100, required=True)
    birth_date = parse_date(row.get("birth_date"))
    if (
        birth_date is None
        or birth_date > organisation_today(context.session, context.target.organisation_id)
        or birth_date.year < 1900
    ):
        report.error(row.file, row.line, "imports.error.date", value=row.get("birth_date"))
    permanent_code = None
    if raw_code := row.get("permanent_code"):
        permanent_code = normalise_permanent_code(raw_code)
        if permanent_code is None:
            report.error(row.file, row.line, "imports.error.permanent_code", value=raw_code)
        elif (earlier := context.first_line("permanent", permanent_code, row.line)) is not None:
            report.error(
                row.file, row.line, "imports.error.duplicate_row", value=raw_code, first=earlier
            )
    plan = enrolments.parse_plan(row, context, school_required=False)
    if report.issue_count > errors_before:
        return None
    assert file_number and first_name and last_name
    return StudentRecord(
        row.file, row.line, file_number, first_name, last_name, birth_date, permanent_code, plan
    )


def _taken_permanent_codes(records: list[StudentRecord], context: ImportContext) -> dict[str, str]:
    """Permanent code -> file number of the child on file that already holds it."""
    codes = {r.permanent_code for r in records if r.permanent_code}
    if not codes:
        return {}
    rows = context.session.exec(
        select(Child.permanent_code, Child.file_number).where(
            Child.organisation_id == context.target.organisation_id,
            col(Child.permanent_code).in_(codes),
        )
    ).all()
    return {code: number for code, number in rows if code}


def _outside_target(children: list[Child], context: ImportContext) -> set[int]:
    """Children active this year in a school the staff member may not import for."""
    if context.target.school_ids is None or not children:
        return set()
    rows = context.session.exec(
        select(Enrolment.child_id, Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(
            col(Enrolment.child_id).in_([c.id for c in children]),
            col(Enrolment.active).is_(True),
            col(SchoolYear.is_current).is_(True),
        )
    ).all()
    return {child_id for child_id, school_id in rows if not context.target.allows_school(school_id)}


def apply_students(records: list[StudentRecord], context: ImportContext) -> None:
    """Creates or updates each child of the batch, then their enrolments."""
    session, report = context.session, context.report
    existing = {
        child.file_number: child
        for child in session.exec(
            select(Child).where(
                Child.organisation_id == context.target.organisation_id,
                col(Child.file_number).in_([r.file_number for r in records]),
            )
        ).all()
    }
    taken = _taken_permanent_codes(records, context)
    elsewhere = _outside_target(list(existing.values()), context)
    touched: list[tuple[Child, StudentRecord]] = []
    for record in records:
        label = f"{record.file_number} {record.first_name} {record.last_name}"
        holder = taken.get(record.permanent_code or "")
        if holder is not None and holder != record.file_number:
            report.error(
                record.file, record.line, "imports.error.permanent_code_taken", value=holder
            )
            continue
        child = existing.get(record.file_number)
        if child is not None and child.id in elsewhere:
            report.error(record.file, record.line, "imports.error.child_elsewhere")
            continue
        if child is None:
            if record.birth_date is None:
                report.error(record.file, record.line, "imports.error.birth_date_needed")
                continue
            child = Child(
                organisation_id=context.target.organisation_id,
                file_number=record.file_number,
                first_name=record.first_name,
                last_name=record.last_name,
                birth_date=record.birth_date,
                permanent_code=record.permanent_code,
            )
            report.note("child", "create", label)
        else:
            before = (child.first_name, child.last_name, child.birth_date, child.permanent_code)
            child.first_name, child.last_name = record.first_name, record.last_name
            child.birth_date = record.birth_date or child.birth_date
            child.permanent_code = record.permanent_code or child.permanent_code
            after = (child.first_name, child.last_name, child.birth_date, child.permanent_code)
            if after == before:
                touched.append((child, record))
                continue
            report.note("child", "change", label)
        session.add(child)
        touched.append((child, record))
    session.flush()
    enrolments.upsert(
        context,
        [
            (child.id, record.enrolment, f"{record.file_number} {record.first_name}")
            for child, record in touched
            if record.enrolment is not None and child.id is not None
        ],
    )


KIND = ImportKind(
    name="students",
    columns=COLUMNS,
    parse=_parse,
    apply=apply_students,
    finish=enrolments.deactivate_missing,
)
