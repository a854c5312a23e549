"""The staff side of requests: the queue, one request in detail, and the decision.

A decision is applied exactly once: the request leaves `pending` through one conditional UPDATE
(`... WHERE id = ? AND status = 'pending' AND version = ?`). Two staff members deciding at the same
moment both reach that UPDATE; the database lets one through and the other matches no row and gets
AlreadyDecided (on PostgreSQL the second waits for the first's row lock, then re-reads the row).
Whatever fails after the claim (an applier, the mail) rolls the whole decision back: nothing is
half-applied and the request stays pending.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import update
from sqlmodel import Session, col, select

from portail_famille.domain import requests as rules
from portail_famille.models import Child, Family, Guardian, Organisation, School, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.models.requests import (
    ChangeRequest,
    FieldDecision,
    RequestCategory,
    RequestField,
    RequestStatus,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.request_notify import notify_decision
from portail_famille.services.request_registry import ApplyFailed, Target, handler_for
from portail_famille.services.requests import (
    FieldView,
    RequestView,
    document_links,
    field_views,
)
from portail_famille.services.sealing import unseal


class AlreadyDecided(Exception):
    """Someone else decided (or the family withdrew) first: nothing was changed."""


class RequestConflict(Exception):
    """The record changed since the family asked; staff choose per field before applying."""

    def __init__(self, conflicts: list[rules.Conflict]) -> None:
        super().__init__([c.name for c in conflicts])
        self.conflicts = conflicts


class DecisionFailed(Exception):
    """Applying failed and everything rolled back; `key` is the catalogue key of the reason."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class QueueFilters:
    category: str = ""  # a RequestCategory value, "" for all
    school_id: int | None = None
    min_age: int | None = None
    max_age: int | None = None


@dataclass(frozen=True)
class ConsoleRequest:
    """A request as the console shows it: who, for whom, each field before -> after."""

    view: RequestView
    family_name: str
    child_age: int | None
    school_name: str
    requested_by_name: str
    conflicts: list[str] = field(default_factory=list)  # names of conflicting fields
    timezone: str = "UTC"  # the organisation's, for showing dates
    country: str = "FR"


@dataclass(frozen=True)
class DecisionResult:
    status: RequestStatus
    applied: list[str]
    refused: list[str]


def _reaches(scope: StaffScope, request: ChangeRequest) -> bool:
    if request.organisation_id not in scope.schools_by_organisation:
        return False
    schools = scope.schools_by_organisation[request.organisation_id]
    return schools is None or (request.school_id is not None and request.school_id in schools)


def request_for_staff(session: Session, user_id: int, request_id: int) -> ChangeRequest:
    """The request if this staff member's organisation (and school) covers it; else Forbidden."""
    scope = staff_scope(session, user_id)
    request = session.get(ChangeRequest, request_id)
    if request is None or not _reaches(scope, request):
        raise Forbidden
    return request


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _years_before(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def queue_schools(session: Session, *, user_id: int) -> list[School]:
    """The schools a staff member may filter the queue by."""
    scope = staff_scope(session, user_id)
    schools = session.exec(
        select(School)
        .where(col(School.organisation_id).in_(scope.organisation_ids))
        .order_by(col(School.name), col(School.id))
    ).all()
    return [s for s in schools if scope.allows_school(s.organisation_id, s.id or 0)]


def queue(
    session: Session,
    *,
    user_id: int,
    filters: QueueFilters = QueueFilters(),
    limit: int = 200,
    audit_reads: bool = False,
) -> list[ConsoleRequest]:
    """Pending requests this staff member may decide, oldest first, with their conflicts.

    `audit_reads`: the console shows children's data (health...), so each shown request is
    logged as read.
    """
    scope = staff_scope(session, user_id)
    query = (
        select(ChangeRequest)
        .outerjoin(Child, col(Child.id) == ChangeRequest.child_id)
        .where(
            col(ChangeRequest.status) == RequestStatus.PENDING,
            col(ChangeRequest.organisation_id).in_(scope.organisation_ids),
        )
        .order_by(col(ChangeRequest.created_at), col(ChangeRequest.id))
    )
    if filters.category:
        query = query.where(col(ChangeRequest.category) == RequestCategory(filters.category))
    if filters.school_id is not None:
        query = query.where(col(ChangeRequest.school_id) == filters.school_id)
    today = utcnow().date()
    if filters.min_age is not None:
        query = query.where(col(Child.birth_date) <= _years_before(today, filters.min_age))
    if filters.max_age is not None:
        query = query.where(col(Child.birth_date) > _years_before(today, filters.max_age + 1))
    rows = [r for r in session.exec(query).all() if _reaches(scope, r)][:limit]
    if audit_reads:
        for request in rows:
            _audit_view(session, user_id, request)
    return [console_request(session, r) for r in rows]


def _audit_view(session: Session, user_id: int, request: ChangeRequest) -> None:
    audit.record(
        session,
        action="request.view",
        actor_user_id=user_id,
        organisation_id=request.organisation_id,
        object_type="request",
        object_id=request.id,
        child_id=request.child_id,
    )


def _target(session: Session, request: ChangeRequest) -> Target:
    guardian = session.exec(
        select(Guardian).where(
            Guardian.family_id == request.family_id, Guardian.user_id == request.requested_by
        )
    ).first()
    return Target(
        organisation_id=request.organisation_id,
        family_id=request.family_id,
        child_id=request.child_id,
        user_id=request.requested_by,
        guardian_id=(guardian.id or 0) if guardian else 0,
        ref_id=request.ref_id,
        school_id=request.school_id,
    )


def _fields(session: Session, request: ChangeRequest) -> list[RequestField]:
    return list(
        session.exec(
            select(RequestField)
            .where(RequestField.request_id == request.id)
            .order_by(col(RequestField.position), col(RequestField.id))
        ).all()
    )


def _plain(row: RequestField, value: str) -> str:
    return (unseal(value) or "") if row.sealed and value else value


def find_conflicts(session: Session, request: ChangeRequest) -> list[rules.Conflict]:
    """Fields whose record changed since the family asked (unsealed values: keep server-side)."""
    if request.status != RequestStatus.PENDING:
        return []
    return _conflicts(session, request, _fields(session, request))


def _conflicts(
    session: Session, request: ChangeRequest, rows: list[RequestField]
) -> list[rules.Conflict]:
    handler = handler_for(request.category)
    current = handler.current(session, _target(session, request))
    return rules.conflicts(
        [(r.name, _plain(r, r.before), _plain(r, r.proposed)) for r in rows], current
    )


def console_request(session: Session, request: ChangeRequest) -> ConsoleRequest:
    from portail_famille.services.requests import display_value

    assert request.id is not None
    handler = handler_for(request.category)
    specs = {s.name: s for s in handler.fields(None, None)}
    conflicts = {c.name: c for c in find_conflicts(session, request)}
    views: list[FieldView] = []
    for view in field_views(session, request):
        conflict = conflicts.get(view.name)
        if conflict is not None:
            shown, _key = display_value(specs.get(view.name), conflict.current, False)
            view = replace(view, conflict=True, current=shown)
        views.append(view)
    child = session.get(Child, request.child_id) if request.child_id else None
    family = session.get(Family, request.family_id)
    school = session.get(School, request.school_id) if request.school_id else None
    asker = session.get(UserAccount, request.requested_by)
    organisation = session.get(Organisation, request.organisation_id)
    return ConsoleRequest(
        view=RequestView(
            id=request.id,
            category=str(request.category),
            category_key=f"requests.category.{request.category}",
            status=str(request.status),
            status_key=f"requests.status.{request.status}",
            created_at=request.created_at,
            decided_at=request.decided_at,
            staff_comment=request.staff_comment,
            child_name=f"{child.first_name} {child.last_name}" if child else "",
            fields=views,
            documents=document_links(session, request.id),
            version=request.version,
        ),
        family_name=family.name if family else "",
        child_age=age_on(child.birth_date, utcnow().date()) if child else None,
        school_name=school.name if school else "",
        requested_by_name=asker.display_name if asker else "",
        conflicts=list(conflicts),
        timezone=organisation.timezone if organisation else "UTC",
        country=organisation.country if organisation else "FR",
    )


def request_detail(session: Session, *, user_id: int, request_id: int) -> ConsoleRequest:
    """One request for the console; Forbidden outside the staff member's scope."""
    request = request_for_staff(session, user_id, request_id)
    _audit_view(session, user_id, request)
    return console_request(session, request)


def decide(
    session: Session,
    *,
    user_id: int,
    request_id: int,
    accepted_fields: Collection[str],
    comment: str = "",
    expected_version: int,
    apply_conflicts: bool = False,
) -> DecisionResult:
    """Accepts the fields named in `accepted_fields`, refuses the others, applies, notifies.

    Raises Forbidden (not this staff member's request), AlreadyDecided (someone was first),
    RequestConflict (an accepted field changed on the record since; pass apply_conflicts=True to
    overwrite, or refuse that field) or DecisionFailed (applying failed). After any of these the
    session holds nothing of the decision: it was rolled back.
    """
    request = request_for_staff(session, user_id, request_id)
    if request.status != RequestStatus.PENDING or request.version != expected_version:
        raise AlreadyDecided
    rows = _fields(session, request)
    decisions = rules.field_decisions([r.name for r in rows], accepted_fields)
    status = rules.outcome(decisions)
    now = utcnow()
    # The claim: the one statement that lets exactly one decision through.
    claimed = session.execute(
        update(ChangeRequest)
        .where(
            col(ChangeRequest.id) == request_id,
            col(ChangeRequest.status) == RequestStatus.PENDING,
            col(ChangeRequest.version) == expected_version,
        )
        .values(
            status=status,
            version=expected_version + 1,
            decided_at=now,
            decided_by=user_id,
            staff_comment=comment.strip()[:2000],
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise AlreadyDecided
    try:
        session.refresh(request)
        accepted = {n for n, d in decisions.items() if d == FieldDecision.ACCEPTED}
        clashes = [c for c in _conflicts(session, request, rows) if c.name in accepted]
        if clashes and not apply_conflicts:
            raise RequestConflict(clashes)
        for row in rows:
            row.decision = decisions[row.name]
            session.add(row)
        if accepted:
            handler = handler_for(request.category)
            values = {r.name: _plain(r, r.proposed) for r in rows if r.name in accepted}
            handler.apply(session, _target(session, request), values, request)
        audit.record(
            session,
            action="request.decided",
            actor_user_id=user_id,
            organisation_id=request.organisation_id,
            object_type="request",
            object_id=request_id,
            status=str(status),
            accepted=sorted(accepted),
            refused=sorted(set(decisions) - accepted),
            overwrote=sorted(c.name for c in clashes),
            child_id=request.child_id,
        )
        notify_decision(session, request=request, staff_user_id=user_id)
        session.flush()
    except ApplyFailed as failed:
        session.rollback()
        raise DecisionFailed(failed.key) from None
    except BaseException:
        session.rollback()
        raise
    return DecisionResult(
        status=status,
        applied=sorted(accepted),
        refused=sorted(set(decisions) - accepted),
    )


def approve_whole(
    session: Session, *, user_id: int, request_id: int, expected_version: int
) -> DecisionResult:
    """Bulk approval of one request: every field, no overwriting of a changed record."""
    request = request_for_staff(session, user_id, request_id)
    names = [r.name for r in _fields(session, request)]
    return decide(
        session,
        user_id=user_id,
        request_id=request_id,
        accepted_fields=names,
        expected_version=expected_version,
    )
