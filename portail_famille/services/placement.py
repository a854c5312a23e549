"""Where a child is this year: the current enrolment, its school and organisation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from portail_famille.models import Enrolment, Organisation, School, SchoolYear


@dataclass(frozen=True)
class Placement:
    enrolment: Enrolment
    school: School
    year: SchoolYear
    organisation: Organisation

    @property
    def school_id(self) -> int:
        assert self.school.id is not None
        return self.school.id


def current_placement(session: Session, child_id: int) -> Placement | None:
    """The child's enrolment in the current school year (an active one first), or None."""
    row = session.exec(
        select(Enrolment, School, SchoolYear, Organisation)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .join(Organisation, col(Organisation.id) == School.organisation_id)
        .where(Enrolment.child_id == child_id, col(SchoolYear.is_current).is_(True))
        .order_by(col(Enrolment.active).desc(), col(Enrolment.id))
    ).first()
    return Placement(*row) if row else None
