"""Who reads which statement: the parent sees the last one deposited (seed 000), staff of the
child's school open it too.

A guardian reads a child's current statement when their claimed link has receives_statements
and the view right,
and in shared custody only their own share. Staff read statements of the schools they may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingSource,
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    Statement,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, active_user, staff_scope


@dataclass(frozen=True)
class StatementView:
    reference: str
    source: BillingSource
    service_name: str
    child_name: str
    payer_name: str
    school: str
    school_year: str
    deposited_at: datetime
    balance_cents: int
    currency: str
    country: str


def statement_view(statement: Statement) -> StatementView:
    snap = statement.snapshot
    return StatementView(
        reference=statement.reference,
        source=BillingSource(statement.source),
        service_name=str(snap.get("service", "")),
        child_name=str(snap.get("child", "")),
        payer_name=str(snap.get("payer", "")),
        school=str(snap.get("school", "")),
        school_year=str(snap.get("school_year", "")),
        deposited_at=statement.deposited_at,
        balance_cents=statement.balance_cents,
        currency=statement.currency,
        country=str(snap.get("country", "")),
    )


def _receiving(session: Session, user_id: int) -> list[tuple[Guardian, GuardianChildLink]]:
    active_user(session, user_id)
    return list(
        session.exec(
            select(Guardian, GuardianChildLink)
            .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
            .where(
                Guardian.user_id == user_id,
                col(GuardianChildLink.claimed_at).is_not(None),
                col(GuardianChildLink.receives_statements).is_(True),
                # A statement reveals the child's account: it needs the view right too.
                col(GuardianChildLink.can_view).is_(True),
            )
        ).all()
    )


def _readable(rows: list[tuple[Guardian, GuardianChildLink]], statement: Statement) -> bool:
    return any(
        link.child_id == statement.child_id
        and (statement.guardian_id is None or statement.guardian_id == guardian.id)
        for guardian, link in rows
    )


def statements_for_guardian(session: Session, *, user_id: int) -> list[StatementView]:
    """The current statements of this parent's children, one per child and slot (or share)."""
    rows = _receiving(session, user_id)
    child_ids = {link.child_id for _guardian, link in rows}
    current = session.exec(
        select(Statement)
        .where(col(Statement.child_id).in_(child_ids), col(Statement.superseded_at).is_(None))
        .order_by(col(Statement.source), col(Statement.child_id), col(Statement.id))
    ).all()
    return [statement_view(s) for s in current if _readable(rows, s)]


def _current(session: Session, reference: str) -> Statement:
    statement = session.exec(select(Statement).where(Statement.reference == reference)).first()
    if statement is None or statement.superseded_at is not None:
        raise Forbidden  # a replaced statement is gone for everyone but the archives
    return statement


def statement_for_guardian(session: Session, *, user_id: int, reference: str) -> Statement:
    statement = _current(session, reference)
    if not _readable(_receiving(session, user_id), statement):
        raise Forbidden
    return statement


def statement_for_staff(session: Session, *, user_id: int, reference: str) -> Statement:
    statement = _current(session, reference)
    if not staff_scope(session, user_id).allows_school(
        statement.organisation_id, statement.school_id
    ):
        raise Forbidden
    return statement


def last_statements_for_child(
    session: Session, *, user_id: int, child_id: int
) -> list[StatementView]:
    """Seed 000: staff open the last statement deposited for a child of a school they may see."""
    scope = staff_scope(session, user_id)
    child = session.get(Child, child_id)
    if child is None:
        raise Forbidden
    schools = session.exec(select(Enrolment.school_id).where(Enrolment.child_id == child_id)).all()
    if not any(scope.allows_school(child.organisation_id, school) for school in schools):
        raise Forbidden
    current = session.exec(
        select(Statement)
        .where(Statement.child_id == child_id, col(Statement.superseded_at).is_(None))
        .order_by(col(Statement.source), col(Statement.id))
    ).all()
    audit.record(
        session,
        action="statements.viewed",
        actor_user_id=user_id,
        organisation_id=child.organisation_id,
        object_type="child",
        object_id=child_id,
    )
    return [statement_view(s) for s in current]
