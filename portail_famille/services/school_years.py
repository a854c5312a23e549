"""The organisation's current school year: what statements, planning and re-enrolment go by."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portail_famille.models import SchoolYear


def current_school_year(session: Session, organisation_id: int) -> SchoolYear | None:
    return session.exec(
        select(SchoolYear).where(
            SchoolYear.organisation_id == organisation_id, col(SchoolYear.is_current).is_(True)
        )
    ).first()
