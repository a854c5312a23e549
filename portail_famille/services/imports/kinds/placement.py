"""Where a student of a file is this year: the child and the school of their active enrolment.

Marks and absences name a student by file number; they land in the school the student attends
this year, and only when that school is one the staff member may import for.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from portail_famille.models import Child, Enrolment, SchoolYear
from portail_famille.services.imports.context import ImportContext


@dataclass(frozen=True)
class Placement:
    child_id: int
    school_id: int
    year_id: int


def placements(context: ImportContext, file_numbers: set[str]) -> dict[str, Placement | None]:
    """File number -> this year's placement; None when the child is on file but not enrolled
    this year. File numbers of no child of the organisation are left out."""
    if not file_numbers:
        return {}
    children = context.session.exec(
        select(Child.id, Child.file_number).where(
            Child.organisation_id == context.target.organisation_id,
            col(Child.file_number).in_(file_numbers),
        )
    ).all()
    found: dict[str, Placement | None] = {number: None for _id, number in children}
    numbers = {child_id: number for child_id, number in children}
    rows = context.session.exec(
        select(Enrolment.child_id, Enrolment.school_id, Enrolment.school_year_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(
            col(Enrolment.child_id).in_(list(numbers)),
            col(Enrolment.active).is_(True),
            col(SchoolYear.is_current).is_(True),
        )
        .order_by(col(Enrolment.id))
    ).all()
    for child_id, school_id, year_id in rows:
        if found[numbers[child_id]] is None:
            found[numbers[child_id]] = Placement(child_id, school_id, year_id)
    return found


def placed(
    context: ImportContext, found: dict[str, Placement | None], file: str, line: int, number: str
) -> Placement | None:
    """The student's placement, or None after reporting why the line cannot be imported."""
    if number not in found:
        context.report.error(file, line, "imports.error.unknown_child", value=number)
        return None
    placement = found[number]
    if placement is None:
        context.report.error(file, line, "imports.error.not_enrolled", value=number)
        return None
    if not context.target.allows_school(placement.school_id):
        context.report.error(file, line, "imports.error.child_elsewhere")
        return None
    return placement
