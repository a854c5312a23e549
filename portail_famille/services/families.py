"""What families and staff see of the records: a guardian's children, an organisation's families."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, or_, select

from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    School,
    SchoolYear,
)
from portail_famille.services.access import StaffScope, guardian_links
from portail_famille.services.paging import Page


@dataclass(frozen=True)
class ChildCard:
    child_id: int
    first_name: str
    last_name: str
    organisation: str
    school: str
    grade: str
    group_name: str
    school_year: str
    active: bool
    shared_custody: bool


def _current_enrolments(
    session: Session, child_ids: list[int]
) -> dict[int, tuple[Enrolment, School, SchoolYear]]:
    """Each child's enrolment in their organisation's current school year, if any."""
    if not child_ids:
        return {}
    rows = session.exec(
        select(Enrolment, School, SchoolYear)
        .join(School, col(School.id) == Enrolment.school_id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(col(Enrolment.child_id).in_(child_ids), col(SchoolYear.is_current).is_(True))
        .order_by(col(Enrolment.active).desc())
    ).all()
    found: dict[int, tuple[Enrolment, School, SchoolYear]] = {}
    for enrolment, school, year in rows:
        found.setdefault(enrolment.child_id, (enrolment, school, year))
    return found


def guardian_children(session: Session, user_id: int) -> list[ChildCard]:
    """The children this account may view, eldest first, each once."""
    links = guardian_links(session, user_id, "view")
    children = {child.id: (child, link) for _g, link, child in links if child.id is not None}
    enrolments = _current_enrolments(session, list(children))
    organisations = {
        org.id: org
        for org in session.exec(
            select(Organisation).where(
                col(Organisation.id).in_({c.organisation_id for c, _l in children.values()})
            )
        ).all()
    }
    cards = []
    for child_id, (child, link) in children.items():
        enrolment = enrolments.get(child_id)
        cards.append(
            ChildCard(
                child_id=child_id,
                first_name=child.first_name,
                last_name=child.last_name,
                organisation=organisations[child.organisation_id].name,
                school=enrolment[1].name if enrolment else "",
                grade=enrolment[0].grade if enrolment else "",
                group_name=(enrolment[0].group_name or "") if enrolment else "",
                school_year=enrolment[2].label if enrolment else "",
                active=bool(enrolment and enrolment[0].active),
                shared_custody=link.shared_custody,
            )
        )
    return cards


@dataclass
class FamilyRow:
    family_id: int
    name: str
    organisation: str
    guardians: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


def families_for_staff(
    session: Session, scope: StaffScope, query: str = "", limit: int = 200
) -> list[FamilyRow]:
    """Families of the staff member's organisations (and schools), matching `query` if given."""
    return families_page(session, scope, query, limit).rows


def families_page(
    session: Session, scope: StaffScope, query: str = "", limit: int = 200
) -> Page[FamilyRow]:
    """The first `limit` families found, and how many there are in all."""
    if not scope.organisation_ids:
        return Page([], 0)
    statement = (
        select(Family, Organisation)
        .join(Organisation, col(Organisation.id) == Family.organisation_id)
        .where(col(Family.organisation_id).in_(scope.organisation_ids))
    )
    needle = query.strip()
    if needle:
        pattern = f"%{needle}%"
        matching_guardians = select(Guardian.family_id).where(
            or_(col(Guardian.last_name).ilike(pattern), col(Guardian.first_name).ilike(pattern))
        )
        statement = statement.where(
            or_(col(Family.name).ilike(pattern), col(Family.id).in_(matching_guardians))
        )
    families = session.exec(statement.order_by(col(Family.name), col(Family.id))).all()
    if not families:
        return Page([], 0)
    family_ids = [f.id for f, _o in families]
    guardians = session.exec(
        select(Guardian).where(col(Guardian.family_id).in_(family_ids)).order_by(col(Guardian.id))
    ).all()
    emails: dict[int, list[str]] = defaultdict(list)
    for email in session.exec(
        select(GuardianEmail).where(col(GuardianEmail.guardian_id).in_([g.id for g in guardians]))
    ).all():
        emails[email.guardian_id].append(email.email)
    # A family's children are those its guardians are linked to, within the staff member's reach.
    child_rows = session.exec(
        select(Guardian.family_id, Child, Enrolment)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .join(Child, col(Child.id) == GuardianChildLink.child_id)
        .join(Enrolment, col(Enrolment.child_id) == Child.id, isouter=True)
        .where(col(Guardian.family_id).in_(family_ids))
    ).all()
    children: dict[int, dict[int, str]] = defaultdict(dict)
    for family_id, child, enrolment in child_rows:
        if child.organisation_id not in scope.organisation_ids:
            continue
        if enrolment is not None and not scope.allows_school(
            child.organisation_id, enrolment.school_id
        ):
            continue
        if enrolment is None and scope.schools_by_organisation[child.organisation_id] is not None:
            continue
        assert child.id is not None
        children[family_id][child.id] = f"{child.first_name} {child.last_name}"
    rows: list[FamilyRow] = []
    total = 0
    for family, organisation in families:
        assert family.id is not None
        school_bound = scope.schools_by_organisation[family.organisation_id] is not None
        if school_bound and not children[family.id]:
            continue  # a school-bound secretary sees the families of her school's children only
        total += 1
        if len(rows) >= limit:
            continue  # counted, not shown
        row = FamilyRow(family_id=family.id, name=family.name, organisation=organisation.name)
        for guardian in guardians:
            if guardian.family_id == family.id:
                row.guardians.append(f"{guardian.first_name} {guardian.last_name}")
                row.emails.extend(emails[guardian.id or 0])
        row.children = sorted(children[family.id].values())
        rows.append(row)
    return Page(rows, total)
