"""Access-code letters (seed 004): for each family, the child code of each child and the payer
code, printed once. Only their HMAC is kept, so printing new letters voids the old codes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.codes import normalise_file_number
from portail_famille.domain.secrets import keyed_hash, new_letter_code, normalise_letter_code
from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    Organisation,
    School,
    SchoolYear,
)
from portail_famille.services import audit
from portail_famille.services.imports.context import ImportTarget


class NoLetter(Exception):
    """Nothing to print: unknown school or child, out of the staff member's reach, or no family."""


@dataclass(frozen=True)
class LetterChild:
    name: str
    code: str


@dataclass(frozen=True)
class Letter:
    organisation: str
    family: str
    payer: str
    payer_code: str
    children: tuple[LetterChild, ...]


def printable(code: str) -> str:
    """Groups of four, easier to copy from paper; the dashes are ignored when typed."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def school_children(session: Session, target: ImportTarget, school_code: str) -> list[int]:
    """Children active this year in the school with `school_code`; NoLetter if out of reach."""
    school = session.exec(
        select(School).where(
            School.organisation_id == target.organisation_id, School.code == school_code
        )
    ).first()
    if school is None or school.id is None or not target.allows_school(school.id):
        raise NoLetter
    return list(
        session.exec(
            select(Enrolment.child_id)
            .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
            .where(
                Enrolment.school_id == school.id,
                col(Enrolment.active).is_(True),
                col(SchoolYear.is_current).is_(True),
            )
        ).all()
    )


def child_by_file_number(session: Session, target: ImportTarget, raw: str) -> list[int]:
    """The one child with this file number, if the staff member reaches them."""
    file_number = normalise_file_number(raw)
    child = session.exec(
        select(Child).where(
            Child.organisation_id == target.organisation_id, Child.file_number == file_number
        )
    ).first()
    if child is None or child.id is None:
        raise NoLetter
    if target.school_ids is not None:
        schools = session.exec(select(Enrolment.school_id).where(Enrolment.child_id == child.id))
        if not any(target.allows_school(s) for s in schools):
            raise NoLetter
    return [child.id]


def issue_letters(session: Session, target: ImportTarget, child_ids: list[int]) -> list[Letter]:
    """New codes for these children and their families' payers; the letters that print them."""
    rows = session.exec(
        select(Guardian, GuardianChildLink, Child)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .join(Child, col(Child.id) == GuardianChildLink.child_id)
        .where(col(Child.id).in_(child_ids), Child.organisation_id == target.organisation_id)
        .order_by(col(Guardian.family_id), col(Guardian.id), col(Child.birth_date))
    ).all()
    if not rows:
        raise NoLetter
    by_family: dict[int, list[tuple[Guardian, GuardianChildLink, Child]]] = defaultdict(list)
    for row in rows:
        by_family[row[0].family_id].append(row)
    secret = get_settings().secret_key.get_secret_value()
    organisation = session.get(Organisation, target.organisation_id)
    assert organisation is not None
    child_codes: dict[int, str] = {}
    payer_codes: dict[int, str] = {}

    def new_code(holder: Child | Guardian, codes: dict[int, str]) -> str:
        assert holder.id is not None
        if holder.id not in codes:
            codes[holder.id] = new_letter_code()
            hashed = keyed_hash(secret, normalise_letter_code(codes[holder.id]))
            if isinstance(holder, Child):
                holder.child_code_hash = hashed
            else:
                holder.payer_code_hash = hashed
            session.add(holder)
        return codes[holder.id]

    letters = []
    for family_id, family_rows in by_family.items():
        family = session.get(Family, family_id)
        # The payer is who pays for the most of the family's children (the codes must meet on a
        # guardian-child link for linking to work).
        payers = [g for g, link, _c in family_rows if link.is_payer] or [family_rows[0][0]]
        payer = max(payers, key=payers.count)
        children = {c.id: c for g, _l, c in family_rows if g.id == payer.id}
        letters.append(
            Letter(
                organisation=organisation.name,
                family=family.name if family else "",
                payer=f"{payer.first_name} {payer.last_name}",
                payer_code=printable(new_code(payer, payer_codes)),
                children=tuple(
                    LetterChild(
                        f"{c.first_name} {c.last_name}", printable(new_code(c, child_codes))
                    )
                    for c in children.values()
                ),
            )
        )
    audit.record(
        session,
        action="letters.issued",
        actor_user_id=target.actor_user_id,
        organisation_id=target.organisation_id,
        families=len(letters),
        children=len(child_codes),
    )
    return letters
