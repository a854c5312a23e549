"""Enrolments: a child in a school for a school year, active or not. Matched by file number."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select, update

from portail_famille.domain.codes import normalise_file_number
from portail_famille.models import Child, Enrolment
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds.base import ImportKind, text
from portail_famille.services.imports.reader import Column, Row
from portail_famille.services.imports.values import parse_bool

FILE_NUMBER = Column(
    "file_number",
    ("numero_fiche", "numero_de_fiche", "no_fiche", "fiche", "file_number", "student_number"),
)
SCHOOL_ALIASES = ("ecole", "code_ecole", "school", "school_code")
SCHOOL = Column("school", SCHOOL_ALIASES, required=False)
YEAR = Column("school_year", ("annee_scolaire", "annee", "school_year"), required=False)
GRADE = Column("grade", ("niveau", "grade"), required=False)
GROUP = Column("group", ("groupe", "group", "group_name"), required=False)
ACTIVE = Column("active", ("actif", "statut", "active", "status"), required=False)


@dataclass(frozen=True)
class EnrolmentPlan:
    school_id: int
    year_id: int
    grade: str
    group: str | None
    active: bool


@dataclass(frozen=True)
class EnrolmentRecord:
    line: int
    file: str
    file_number: str
    plan: EnrolmentPlan


def parse_plan(row: Row, context: ImportContext, school_required: bool) -> EnrolmentPlan | None:
    """The enrolment a row describes (school, year, grade, group, active), or None."""
    report, code = context.report, row.get("school")
    if not code:
        if school_required or context.target.school_ids is not None:
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
    active = parse_bool(row.get("active"), default=True)
    if active is None:
        report.error(row.file, row.line, "imports.error.boolean", column=row.header("active"))
    grade = text(row, context, "grade", 32, required=False)
    group = text(row, context, "group", 32, required=False)
    if active is None or grade is None or group is None:
        return None
    return EnrolmentPlan(school_id, year_id, grade, group or None, active)


def _parse(row: Row, context: ImportContext) -> EnrolmentRecord | None:
    file_number = normalise_file_number(row.get("file_number"))
    if file_number is None:
        context.report.error(
            row.file, row.line, "imports.error.file_number", value=row.get("file_number")
        )
    plan = parse_plan(row, context, school_required=True)
    if file_number is None or plan is None:
        return None
    key = f"{file_number}/{plan.school_id}/{plan.year_id}"
    if (earlier := context.first_line("enrolment", key, row.line)) is not None:
        context.report.error(
            row.file, row.line, "imports.error.duplicate_row", value=file_number, first=earlier
        )
        return None
    return EnrolmentRecord(row.line, row.file, file_number, plan)


def upsert(context: ImportContext, items: list[tuple[int, EnrolmentPlan, str]]) -> None:
    """Creates or updates each (child id, plan, label) enrolment, one query for the batch."""
    if not items:
        return
    session, report = context.session, context.report
    existing = {
        (e.child_id, e.school_id, e.school_year_id): e
        for e in session.exec(
            select(Enrolment).where(col(Enrolment.child_id).in_({i[0] for i in items}))
        ).all()
    }
    for child_id, plan, label in items:
        context.enrolled[(plan.school_id, plan.year_id)].add(child_id)
        enrolment = existing.get((child_id, plan.school_id, plan.year_id))
        if enrolment is None:
            session.add(
                Enrolment(
                    child_id=child_id,
                    school_id=plan.school_id,
                    school_year_id=plan.year_id,
                    grade=plan.grade,
                    group_name=plan.group,
                    active=plan.active,
                )
            )
            report.note("enrolment", "create", label)
            continue
        wanted = (plan.grade or enrolment.grade, plan.group or enrolment.group_name, plan.active)
        if wanted == (enrolment.grade, enrolment.group_name, enrolment.active):
            continue
        action = "deactivate" if enrolment.active and not plan.active else "change"
        enrolment.grade, enrolment.group_name, enrolment.active = wanted
        session.add(enrolment)
        report.note("enrolment", action, label)


def _apply(records: list[EnrolmentRecord], context: ImportContext) -> None:
    children = {
        child.file_number: child
        for child in context.session.exec(
            select(Child).where(
                Child.organisation_id == context.target.organisation_id,
                col(Child.file_number).in_({r.file_number for r in records}),
            )
        ).all()
    }
    items = []
    for record in records:
        child = children.get(record.file_number)
        if child is None or child.id is None:
            context.report.error(
                record.file, record.line, "imports.error.unknown_child", value=record.file_number
            )
            continue
        items.append((child.id, record.plan, f"{child.file_number} {child.first_name}"))
    upsert(context, items)


def deactivate_missing(context: ImportContext) -> None:
    """A full import: active enrolments of the schools and years in the file whose child was not
    in it become inactive. The child and every other record of theirs stay."""
    if not context.full:
        return
    for (school_id, year_id), seen in context.enrolled.items():
        rows = context.session.exec(
            select(Enrolment.id, Enrolment.child_id, Child.file_number, Child.first_name)
            .join(Child, col(Child.id) == Enrolment.child_id)
            .where(
                Enrolment.school_id == school_id,
                Enrolment.school_year_id == year_id,
                col(Enrolment.active).is_(True),
            )
        ).all()
        missing = [row for row in rows if row[1] not in seen]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            context.session.execute(
                update(Enrolment)
                .where(col(Enrolment.id).in_([row[0] for row in chunk]))
                .values(active=False)
            )
            for _id, _child, file_number, first_name in chunk:
                context.report.note("enrolment", "deactivate", f"{file_number} {first_name}")


KIND = ImportKind(
    name="enrolments",
    columns=(FILE_NUMBER, Column("school", SCHOOL_ALIASES), YEAR, GRADE, GROUP, ACTIVE),
    parse=_parse,
    apply=_apply,
    finish=deactivate_missing,
)
