"""Who may open a document: a guardian whose link gives the view right, or staff of its school."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Child, ChildRecord, ReportCard
from portail_famille.services.access import Forbidden, child_for_guardian, staff_scope
from portail_famille.services.records import ChildSheet, child_sheet


def _check_reader(session: Session, user_id: int, child: Child, school_id: int | None) -> None:
    """Passes for the child's guardian (view right) or staff of the school; Forbidden otherwise."""
    assert child.id is not None
    try:
        child_for_guardian(session, user_id, child.id, "view")
        return
    except Forbidden:
        pass
    scope = staff_scope(session, user_id)  # Forbidden for anyone who is not staff
    if school_id is not None and scope.allows_school(child.organisation_id, school_id):
        return
    # A child with no school this year: only organisation-wide staff.
    if school_id is None and scope.schools_by_organisation.get(child.organisation_id, 0) is None:
        return
    raise Forbidden


def report_card_for_reader(
    session: Session, user_id: int | None, reference: str
) -> tuple[ReportCard, Child]:
    """The report card behind an opaque reference, if this account may read it."""
    if user_id is None or not reference:
        raise Forbidden
    card = session.exec(select(ReportCard).where(ReportCard.reference == reference)).first()
    child = session.get(Child, card.child_id) if card else None
    if card is None or child is None:
        raise Forbidden
    _check_reader(session, user_id, child, card.school_id)
    return card, child


def is_guardian_reader(session: Session, user_id: int, child: Child) -> bool:
    """The reader is one of the child's guardians with the view right (not staff)."""
    assert child.id is not None
    try:
        child_for_guardian(session, user_id, child.id, "view")
    except Forbidden:
        return False
    return True


def child_sheet_for_reader(session: Session, user_id: int | None, reference: str) -> ChildSheet:
    """The child's sheet behind an opaque reference, if this account may read it."""
    if user_id is None or not reference:
        raise Forbidden
    record = session.exec(select(ChildRecord).where(ChildRecord.reference == reference)).first()
    child = session.get(Child, record.child_id) if record else None
    if child is None:
        raise Forbidden
    sheet = child_sheet(session, child)
    _check_reader(session, user_id, child, sheet.school_id)
    return sheet
