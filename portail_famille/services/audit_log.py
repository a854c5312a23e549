"""Reading the audit log: the guardian's "who viewed or changed my child's record" (views and
changes apart), and the admin's search and CSV export of their organisations' log, each entry
with what happened in words (domain/audit_kinds.py).

A guardian sees only staff actions about their own child, each as the staff member's name with
their role in the organisation: never another family's name or data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func
from sqlmodel import Session, and_, col, or_, select

from portail_famille.domain.audit_kinds import AuditKind, is_view, kind_of_logged
from portail_famille.domain.folding import fold
from portail_famille.models import (
    AuditEntry,
    Child,
    Family,
    Organisation,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services.access import Forbidden, child_for_guardian
from portail_famille.services.audit_words import action_key
from portail_famille.services.paging import count_of
from portail_famille.services.records_search import matching_children
from portail_famille.services.staff_access import admin_organisation_ids

# When someone holds several roles in one organisation, the one a family would recognise.
ROLE_ORDER = [StaffRole.SECRETARY, StaffRole.CHILDHOOD_SERVICE, StaffRole.ADMIN]


def staff_roles(
    session: Session, user_ids: set[int], organisation_ids: set[int]
) -> dict[int, StaffRole]:
    """Each account's role in those organisations (staff only: guardians are absent)."""
    if not user_ids or not organisation_ids:
        return {}
    rows = session.exec(
        select(StaffMembership).where(
            col(StaffMembership.user_id).in_(user_ids),
            col(StaffMembership.organisation_id).in_(organisation_ids),
        )
    ).all()
    found: dict[int, StaffRole] = {}
    for row in sorted(rows, key=lambda r: ROLE_ORDER.index(StaffRole(r.role))):
        found.setdefault(row.user_id, StaffRole(row.role))
    return found


def _names(session: Session, user_ids: set[int]) -> dict[int, UserAccount]:
    if not user_ids:
        return {}
    return {
        u.id: u
        for u in session.exec(select(UserAccount).where(col(UserAccount.id).in_(user_ids))).all()
        if u.id is not None
    }


@dataclass(frozen=True)
class ViewerRow:
    at: datetime
    name: str
    role: StaffRole
    organisation: str
    action_key: str
    kind: AuditKind


@dataclass(frozen=True)
class ChildViewers:
    child_name: str
    timezone: str
    country: str
    rows: list[ViewerRow]

    @property
    def views(self) -> list[ViewerRow]:
        """Staff who only looked (a page, a PDF, an export)."""
        return [row for row in self.rows if is_view(row.kind)]

    @property
    def changes(self) -> list[ViewerRow]:
        """Staff who changed or decided something on the record."""
        return [row for row in self.rows if not is_view(row.kind)]


def viewers_for_guardian(
    session: Session, *, user_id: int | None, child_id: int | None, limit: int = 200
) -> ChildViewers:
    """Who among staff viewed or changed this child's record, newest first; Forbidden if the
    account is not a guardian of the child with the view right."""
    if user_id is None or child_id is None:
        raise Forbidden
    child, _link = child_for_guardian(session, user_id, child_id, "view")
    organisation = session.get(Organisation, child.organisation_id)
    assert organisation is not None and organisation.id is not None
    staff_ids = select(StaffMembership.user_id).where(
        StaffMembership.organisation_id == organisation.id
    )
    entries = session.exec(
        select(AuditEntry)
        .where(AuditEntry.child_id == child.id, col(AuditEntry.actor_user_id).in_(staff_ids))
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(limit)
    ).all()
    actors = {e.actor_user_id for e in entries if e.actor_user_id is not None}
    roles = staff_roles(session, actors, {organisation.id})
    names = _names(session, actors)
    rows = [
        ViewerRow(
            at=entry.at,
            name=names[entry.actor_user_id].display_name,
            role=roles[entry.actor_user_id],
            organisation=organisation.name,
            action_key=action_key(entry.action),
            kind=kind_of_logged(entry.action),
        )
        for entry in entries
        if entry.actor_user_id in roles and entry.actor_user_id in names
    ]
    return ChildViewers(
        child_name=child.first_name,
        timezone=organisation.timezone,
        country=organisation.country,
        rows=rows,
    )


@dataclass(frozen=True)
class LogFilters:
    starts_on: date | None = None
    ends_on: date | None = None  # inclusive
    staff: str = ""  # part of a name or e-mail, accents ignored
    child: str = ""  # part of a name, a file number or a permanent code
    action: str = ""  # the start of an action code: "child." or "child.health_viewed"


@dataclass(frozen=True)
class LogRow:
    at: datetime
    actor: str
    actor_email: str
    role: str  # a StaffRole value, or "" for a family member or the system
    organisation: str
    action: str
    kind: AuditKind
    child: str
    file_number: str
    detail: str


@dataclass(frozen=True)
class LogPage:
    timezone: str
    country: str
    rows: list[LogRow]
    total: int = 0  # every entry matching the filters; `rows` holds the newest of them


def parse_filters(form: dict) -> tuple[LogFilters, dict[str, str]]:
    """Filters from the form (or the export's query), and the field -> error key of bad dates."""
    errors: dict[str, str] = {}
    days: dict[str, date | None] = {}
    for name in ("starts_on", "ends_on"):
        raw = str(form.get(name, "")).strip()[:10]
        try:
            days[name] = date.fromisoformat(raw) if raw else None
        except ValueError:
            days[name], errors[name] = None, "records_admin.error.date"
    if days["starts_on"] and days["ends_on"] and days["starts_on"] > days["ends_on"]:
        errors["ends_on"] = "records_admin.error.date_order"
    filters = LogFilters(
        starts_on=days["starts_on"],
        ends_on=days["ends_on"],
        staff=str(form.get("staff", ""))[:100],
        child=str(form.get("child", ""))[:100],
        action=str(form.get("action", ""))[:64],
    )
    return filters, errors


def filters_query(filters: LogFilters) -> str:
    return urlencode(
        {
            "starts_on": filters.starts_on.isoformat() if filters.starts_on else "",
            "ends_on": filters.ends_on.isoformat() if filters.ends_on else "",
            "staff": filters.staff,
            "child": filters.child,
            "action": filters.action,
        }
    )


def _bound(day: date, timezone: str) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone))


def _scope_clause(orgs: frozenset[int]) -> ColumnElement[bool]:
    """Entries about the organisations' children, families, or by their staff with no subject.

    The columns are wrapped in coalesce() so that no index serves this OR: the database then
    walks the log newest first (index on `at`) and stops at the page's limit, instead of
    gathering and sorting every entry of the organisation (benchmarks/records_search.py)."""
    org_children = select(Child.id).where(col(Child.organisation_id).in_(orgs))
    org_families = select(Family.id).where(col(Family.organisation_id).in_(orgs))
    org_staff = select(StaffMembership.user_id).where(
        col(StaffMembership.organisation_id).in_(orgs)
    )
    organisation = func.coalesce(col(AuditEntry.organisation_id), 0)
    child = func.coalesce(col(AuditEntry.child_id), 0)
    family = func.coalesce(col(AuditEntry.family_id), 0)
    return or_(
        organisation.in_(orgs),
        child.in_(org_children),
        family.in_(org_families),
        and_(
            organisation == 0,
            child == 0,
            family == 0,
            func.coalesce(col(AuditEntry.actor_user_id), 0).in_(org_staff),
        ),
    )


def search_log(
    session: Session, *, user_id: int | None, filters: LogFilters, limit: int = 500
) -> LogPage:
    """The admin's organisations' log, newest first, narrowed by `filters`; Forbidden if the
    account administers nothing."""
    orgs = admin_organisation_ids(session, user_id)
    organisations = {
        o.id: o
        for o in session.exec(select(Organisation).where(col(Organisation.id).in_(orgs))).all()
    }
    first = organisations[min(orgs)]
    statement = select(AuditEntry).where(_scope_clause(orgs))
    if filters.starts_on:
        statement = statement.where(AuditEntry.at >= _bound(filters.starts_on, first.timezone))
    if filters.ends_on:
        end = _bound(filters.ends_on + timedelta(days=1), first.timezone)
        statement = statement.where(AuditEntry.at < end)
    if filters.action.strip():
        prefix = filters.action.strip()[:64].replace("%", "").replace("_", r"\_")
        statement = statement.where(col(AuditEntry.action).like(f"{prefix}%", escape="\\"))
    staff_needle, child_needle = fold(filters.staff)[:100], fold(filters.child)[:100]
    if staff_needle:
        members = session.exec(
            select(UserAccount)
            .join(StaffMembership, col(StaffMembership.user_id) == UserAccount.id)
            .where(col(StaffMembership.organisation_id).in_(orgs))
        ).all()
        wanted = {
            u.id for u in members if staff_needle in fold(u.display_name) or staff_needle in u.email
        }
        statement = statement.where(col(AuditEntry.actor_user_id).in_(wanted))
    if child_needle:
        wanted_children = matching_children(session, orgs, child_needle)
        statement = statement.where(col(AuditEntry.child_id).in_(wanted_children))
    entries = session.exec(
        statement.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    ).all()
    total = len(entries) if len(entries) < limit else count_of(session, statement)
    actors = {e.actor_user_id for e in entries if e.actor_user_id is not None}
    names = _names(session, actors)
    roles = staff_roles(session, actors, set(orgs))
    child_ids = {e.child_id for e in entries if e.child_id is not None}
    children = {
        c.id: c
        for c in session.exec(select(Child).where(col(Child.id).in_(child_ids))).all()
        if child_ids
    }
    rows = []
    for entry in entries:
        actor = names.get(entry.actor_user_id or 0)
        child = children.get(entry.child_id or 0)
        organisation = organisations.get(entry.organisation_id or 0)
        rows.append(
            LogRow(
                at=entry.at,
                actor=actor.display_name if actor else "",
                actor_email=actor.email if actor else "",
                role=roles[entry.actor_user_id].value if entry.actor_user_id in roles else "",
                organisation=organisation.name if organisation else "",
                action=entry.action,
                kind=kind_of_logged(entry.action),
                child=f"{child.first_name} {child.last_name}" if child else "",
                file_number=child.file_number if child else "",
                detail=", ".join(f"{k}={v}" for k, v in sorted(entry.detail.items())),
            )
        )
    return LogPage(timezone=first.timezone, country=first.country, rows=rows, total=total)
