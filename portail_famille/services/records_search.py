"""Staff find a child's record: by name (accents and case ignored, partial), file number or
permanent code, within their organisations, and their school when their role is school-bound.

Matching is done in Python on folded text: SQLite and PostgreSQL disagree on accent folding, and
an organisation's children fit in memory (see benchmarks/records_search.py for the figures).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, or_, select

from portail_famille.domain.folding import fold
from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    School,
    SchoolYear,
)
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.paging import Page, chunks

MIN_QUERY = 2


@dataclass
class ChildHit:
    child_id: int
    name: str
    file_number: str
    permanent_code: str
    school: str
    grade: str
    active: bool
    families: list[str] = field(default_factory=list)
    guardians: list[str] = field(default_factory=list)


def current_schools(session: Session, child_ids: list[int]) -> dict[int, tuple[Enrolment, School]]:
    """Each child's enrolment of their organisation's current year (the active one first)."""
    if not child_ids:
        return {}
    rows = session.exec(
        select(Enrolment, School)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(col(Enrolment.child_id).in_(child_ids), col(SchoolYear.is_current).is_(True))
        .order_by(col(Enrolment.active).desc(), col(Enrolment.id))
    ).all()
    found: dict[int, tuple[Enrolment, School]] = {}
    for enrolment, school in rows:
        found.setdefault(enrolment.child_id, (enrolment, school))
    return found


def _reaches(scope: StaffScope, child: Child, school_id: int | None) -> bool:
    return _reaches_in(scope, child.organisation_id, school_id)


def _reaches_in(scope: StaffScope, organisation_id: int, school_id: int | None) -> bool:
    """A school-bound role reaches the children of its school this year; others, all of them."""
    if organisation_id not in scope.schools_by_organisation:
        return False
    if school_id is None:
        return scope.schools_by_organisation[organisation_id] is None
    return scope.allows_school(organisation_id, school_id)


def _reached_count(session: Session, scope: StaffScope, child_ids: list[int]) -> int:
    """How many of these children (all of the scope's organisations) the staff member reaches."""
    if all(schools is None for schools in scope.schools_by_organisation.values()):
        return len(child_ids)  # organisation-wide: every match is within reach
    reached = 0
    for chunk in chunks(child_ids):
        organisations = {
            child_id: organisation_id
            for child_id, organisation_id in session.exec(
                select(Child.id, Child.organisation_id).where(col(Child.id).in_(chunk))
            ).all()
        }
        schools = {
            child_id: school.id
            for child_id, (_e, school) in current_schools(session, chunk).items()
        }
        reached += sum(
            _reaches_in(scope, organisations[child_id], schools.get(child_id))
            for child_id in chunk
            if child_id in organisations
        )
    return reached


def scope_of(session: Session, user_id: int | None) -> StaffScope:
    """The staff member's reach; Forbidden for no one, a guardian, or a disabled account."""
    if user_id is None:
        raise Forbidden
    return staff_scope(session, user_id)


def child_for_staff(session: Session, user_id: int | None, child_id: int | None) -> Child:
    """The child, if this active staff account may open their record; Forbidden otherwise."""
    scope = scope_of(session, user_id)
    child = session.get(Child, child_id) if child_id is not None else None
    if child is None or child.id is None:
        raise Forbidden
    current = current_schools(session, [child.id]).get(child.id)
    if not _reaches(scope, child, current[1].id if current else None):
        raise Forbidden
    return child


def _matches(needle: str, *folded: str) -> bool:
    """Whether `needle` (folded) is in one of the texts (folded already)."""
    return any(needle in text for text in folded)


def _code_matches(
    session: Session, organisation_ids: frozenset[int], needle: str
) -> list[int] | None:
    """Children whose file number or permanent code holds `needle`, found by the database;
    None when `needle` cannot be a code (no digit, or not only letters and digits)."""
    compact = needle.replace(" ", "")
    if not compact.isalnum() or not compact.isascii() or not any(c.isdigit() for c in compact):
        return None
    pattern = f"%{compact}%"  # letters and digits only: nothing to escape
    ids = session.exec(
        select(Child.id)
        .where(
            col(Child.organisation_id).in_(organisation_ids),
            or_(
                col(Child.file_number).like(pattern),
                func.lower(col(Child.permanent_code)).like(pattern),
            ),
        )
        .order_by(col(Child.last_name), col(Child.first_name), col(Child.id))
    ).all()
    return [i for i in ids if i is not None]


def matching_children(session: Session, organisation_ids: frozenset[int], needle: str) -> list[int]:
    """Ids of the organisations' children, in name order, whose name, file number, permanent
    code, family or guardian name holds `needle` (folded)."""
    by_code = _code_matches(session, organisation_ids, needle)
    if by_code is not None:
        return by_code
    # Plain columns, not ORM objects: an organisation may hold tens of thousands of children.
    children = session.exec(
        select(Child.id, Child.first_name, Child.last_name)
        .where(col(Child.organisation_id).in_(organisation_ids))
        .order_by(col(Child.last_name), col(Child.first_name), col(Child.id))
    ).all()
    related: dict[int, list[str]] = defaultdict(list)  # families and guardians, folded
    for child_id, first, last, family in session.exec(
        select(GuardianChildLink.child_id, Guardian.first_name, Guardian.last_name, Family.name)
        .join(Guardian, col(Guardian.id) == GuardianChildLink.guardian_id)
        .join(Family, col(Family.id) == Guardian.family_id)
        .where(col(Family.organisation_id).in_(organisation_ids))
    ).all():
        related[child_id] += [fold(family), f"{fold(first)} {fold(last)}"]
    return [
        child_id
        for child_id, first, last in children
        if child_id is not None
        and _matches(
            needle,
            f"{fold(first)} {fold(last)}",
            f"{fold(last)} {fold(first)}",
            *related[child_id],
        )
    ]


def _relations(
    session: Session, child_ids: list[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Family names and guardian names of each child, for display."""
    families: dict[int, list[str]] = defaultdict(list)
    guardians: dict[int, list[str]] = defaultdict(list)
    for child_id, first, last, family in session.exec(
        select(GuardianChildLink.child_id, Guardian.first_name, Guardian.last_name, Family.name)
        .join(Guardian, col(Guardian.id) == GuardianChildLink.guardian_id)
        .join(Family, col(Family.id) == Guardian.family_id)
        .where(col(GuardianChildLink.child_id).in_(child_ids))
        .order_by(col(Family.name), col(Guardian.id))
    ).all():
        if family not in families[child_id]:
            families[child_id].append(family)
        guardians[child_id].append(f"{first} {last}")
    return families, guardians


def search_children(
    session: Session, *, user_id: int | None, query: str, limit: int = 50
) -> list[ChildHit]:
    """Children within reach whose name, family, guardian, file number or code matches."""
    return search_children_page(session, user_id=user_id, query=query, limit=limit).rows


def search_children_page(
    session: Session, *, user_id: int | None, query: str, limit: int = 50
) -> Page[ChildHit]:
    """The first `limit` children found, and how many were found in all (within reach)."""
    scope = scope_of(session, user_id)
    needle = fold(query)[:100]
    if len(needle) < MIN_QUERY:
        return Page([], 0)
    every_id = matching_children(session, scope.organisation_ids, needle)
    # A school-bound secretary drops some below; no page shows thousands.
    wanted_ids = every_id[: limit * 4]
    wanted = list(session.exec(select(Child).where(col(Child.id).in_(wanted_ids))).all())
    order = {child_id: n for n, child_id in enumerate(wanted_ids)}
    wanted.sort(key=lambda c: order[c.id or 0])
    families, guardians = _relations(session, wanted_ids)
    schools = current_schools(session, [c.id for c in wanted if c.id is not None])
    hits: list[ChildHit] = []
    for child in wanted:
        assert child.id is not None
        enrolment, school = schools.get(child.id, (None, None))
        if not _reaches(scope, child, school.id if school else None):
            continue
        hits.append(
            ChildHit(
                child_id=child.id,
                name=f"{child.first_name} {child.last_name}",
                file_number=child.file_number,
                permanent_code=child.permanent_code or "",
                school=school.name if school else "",
                grade=enrolment.grade if enrolment else "",
                active=bool(enrolment and enrolment.active),
                families=families[child.id],
                guardians=guardians[child.id],
            )
        )
        if len(hits) >= limit:
            break
    if len(hits) < limit and len(every_id) <= len(wanted_ids):
        return Page(hits, len(hits))  # every match was looked at: the count is the list's
    return Page(hits, _reached_count(session, scope, every_id))
