"""The staff's read side of requests: who reaches which, the queue with its filters, one request
field by field with its conflicts (the record changed since the family asked)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from portail_famille.domain import requests as rules
from portail_famille.domain.local_time import local_today
from portail_famille.models import Child, Family, Guardian, Organisation, School, UserAccount
from portail_famille.models.requests import (
    ChangeRequest,
    RequestCategory,
    RequestField,
    RequestStatus,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.local_time import staff_today
from portail_famille.services.paging import Page, first
from portail_famille.services.request_registry import Target, handler_for
from portail_famille.services.request_views import (
    FieldView,
    RequestView,
    document_links,
    field_views,
)
from portail_famille.services.sealing import unseal


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


def reaches(scope: StaffScope, request: ChangeRequest) -> bool:
    if request.organisation_id not in scope.schools_by_organisation:
        return False
    schools = scope.schools_by_organisation[request.organisation_id]
    return schools is None or (request.school_id is not None and request.school_id in schools)


def request_for_staff(session: Session, user_id: int, request_id: int) -> ChangeRequest:
    """The request if this staff member's organisation (and school) covers it; else Forbidden."""
    scope = staff_scope(session, user_id)
    request = session.get(ChangeRequest, request_id)
    if request is None or not reaches(scope, request):
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
    """The first `limit` pending requests (see queue_page)."""
    return queue_page(
        session, user_id=user_id, filters=filters, limit=limit, audit_reads=audit_reads
    ).rows


def queue_page(
    session: Session,
    *,
    user_id: int,
    filters: QueueFilters = QueueFilters(),
    limit: int = 200,
    audit_reads: bool = False,
) -> Page[ConsoleRequest]:
    """Pending requests this staff member may decide, oldest first, with their conflicts; the
    page holds the first `limit`, its total counts them all.

    `audit_reads`: the console shows children's data (health...), so showing the queue is
    logged as one view naming the requests shown (not one entry per card: opening a request
    logs its own view, about its child).
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
    today = staff_today(session, user_id)
    if filters.min_age is not None:
        query = query.where(col(Child.birth_date) <= _years_before(today, filters.min_age))
    if filters.max_age is not None:
        query = query.where(col(Child.birth_date) > _years_before(today, filters.max_age + 1))
    page = first((r for r in session.exec(query).all() if reaches(scope, r)), limit)
    rows = page.rows
    if audit_reads and rows:
        organisations = {r.organisation_id for r in rows}
        audit.record(
            session,
            action="request.queue_viewed",
            actor_user_id=user_id,
            organisation_id=organisations.pop() if len(organisations) == 1 else None,
            requests=[r.id for r in rows],
        )
    memo: dict[tuple[type, int], Any] = {}
    return Page([console_request(session, r, memo) for r in rows], page.total)


def audit_view(session: Session, user_id: int, request: ChangeRequest) -> None:
    audit.record(
        session,
        action="request.view",
        actor_user_id=user_id,
        organisation_id=request.organisation_id,
        object_type="request",
        object_id=request.id,
        child_id=request.child_id,
    )


def request_target(session: Session, request: ChangeRequest) -> Target:
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


def request_fields(session: Session, request: ChangeRequest) -> list[RequestField]:
    return list(
        session.exec(
            select(RequestField)
            .where(RequestField.request_id == request.id)
            .order_by(col(RequestField.position), col(RequestField.id))
        ).all()
    )


def plain_value(row: RequestField, value: str) -> str:
    return (unseal(value) or "") if row.sealed and value else value


def find_conflicts(session: Session, request: ChangeRequest) -> list[rules.Conflict]:
    """Fields whose record changed since the family asked (unsealed values: keep server-side)."""
    if request.status != RequestStatus.PENDING:
        return []
    return conflicts_of(session, request, request_fields(session, request))


def conflicts_of(
    session: Session, request: ChangeRequest, rows: list[RequestField]
) -> list[rules.Conflict]:
    handler = handler_for(request.category)
    current = handler.current(session, request_target(session, request))
    return rules.conflicts(
        [(r.name, plain_value(r, r.before), plain_value(r, r.proposed)) for r in rows], current
    )


def _get(session: Session, memo: dict[tuple[type, int], Any], model: type, key: int | None) -> Any:
    """session.get that keeps what it loaded: the identity map holds rows only weakly, so a
    queue of 200 requests would load the same household and organisation 200 times."""
    if key is None:
        return None
    if (model, key) not in memo:
        memo[(model, key)] = session.get(model, key)
    return memo[(model, key)]


def console_request(
    session: Session, request: ChangeRequest, memo: dict[tuple[type, int], Any] | None = None
) -> ConsoleRequest:
    from portail_famille.services.requests import display_value

    memo = {} if memo is None else memo

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
    child = _get(session, memo, Child, request.child_id)
    family = _get(session, memo, Family, request.family_id)
    school = _get(session, memo, School, request.school_id)
    asker = _get(session, memo, UserAccount, request.requested_by)
    organisation = _get(session, memo, Organisation, request.organisation_id)
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
        child_age=age_on(
            child.birth_date, local_today(organisation.timezone if organisation else None)
        )
        if child
        else None,
        school_name=school.name if school else "",
        requested_by_name=asker.display_name if asker else "",
        conflicts=list(conflicts),
        timezone=organisation.timezone if organisation else "UTC",
        country=organisation.country if organisation else "FR",
    )


def request_detail(session: Session, *, user_id: int, request_id: int) -> ConsoleRequest:
    """One request for the console; Forbidden outside the staff member's scope."""
    request = request_for_staff(session, user_id, request_id)
    audit_view(session, user_id, request)
    return console_request(session, request)


def pending_count_for_staff(session: Session, *, user_id: int) -> int:
    """How many requests wait for this staff member (their organisation, or their school):
    the number the console navigation shows, so a secretary sees new requests arrive."""
    scope = staff_scope(session, user_id)
    rows = session.exec(
        select(ChangeRequest).where(
            col(ChangeRequest.status) == RequestStatus.PENDING,
            col(ChangeRequest.organisation_id).in_(scope.organisation_ids),
        )
    ).all()
    return sum(1 for request in rows if reaches(scope, request))
