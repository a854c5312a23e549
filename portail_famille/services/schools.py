"""The schools of an organisation: an administrator creates and renames them in the console, and
a OneRoster import creates and renames them from orgs.csv. One rule for a school's code and name.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from portail_famille.models import School
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.staff_access import admin_organisation_ids

CODE_MAX = 32
NAME_MAX = 200


class SchoolError(ValueError):
    """Bad input: field name -> catalogue key of the error shown next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class SchoolRow:
    school_id: int
    code: str
    name: str


def field_errors(code: str, name: str) -> dict[str, str]:
    """What is wrong with a school's code and name, field by field (empty when nothing)."""
    errors = {}
    if not code:
        errors["code"] = "schools.error.code_required"
    elif len(code) > CODE_MAX:
        errors["code"] = "schools.error.code_too_long"
    if not name:
        errors["name"] = "schools.error.name_required"
    elif len(name) > NAME_MAX:
        errors["name"] = "schools.error.name_too_long"
    return errors


def by_code(session: Session, organisation_id: int, code: str) -> School | None:
    """The organisation's school with this code; codes compare without case."""
    for school in session.exec(select(School).where(School.organisation_id == organisation_id)):
        if school.code.casefold() == code.casefold():
            return school
    return None


def schools_of(session: Session, *, user_id: int | None, organisation_id: int) -> list[SchoolRow]:
    """The organisation's schools by name, for one of its administrators; Forbidden otherwise."""
    if organisation_id not in admin_organisation_ids(session, user_id):
        raise Forbidden
    schools = session.exec(
        select(School)
        .where(School.organisation_id == organisation_id)
        .order_by(col(School.name), col(School.id))
    ).all()
    return [SchoolRow(s.id or 0, s.code, s.name) for s in schools]


def save_school(
    session: Session,
    *,
    user_id: int | None,
    organisation_id: int,
    school_id: int | None,
    code: str,
    name: str,
) -> int:
    """Creates a school (school_id None) or changes one's code and name; returns its id.

    Submitting the same new school twice finds the first one instead of failing."""
    if organisation_id not in admin_organisation_ids(session, user_id):
        raise Forbidden
    code, name = code.strip(), " ".join(name.split())
    errors = field_errors(code, name)
    school = None
    if school_id is not None:
        school = session.get(School, school_id)
        if school is None or school.organisation_id != organisation_id:
            raise Forbidden
    holder = by_code(session, organisation_id, code) if code else None
    if school is None and holder is not None and holder.name == name:
        assert holder.id is not None
        return holder.id  # a double submit
    if holder is not None and holder is not school:
        errors.setdefault("code", "schools.error.code_taken")
    if errors:
        raise SchoolError(errors)
    action = "school.changed" if school else "school.created"
    if school is None:
        school = School(organisation_id=organisation_id, code=code, name=name, level="")
    school.code, school.name = code, name
    session.add(school)
    session.flush()
    assert school.id is not None
    audit.record(
        session,
        action=action,
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="school",
        object_id=school.id,
    )
    return school.id
