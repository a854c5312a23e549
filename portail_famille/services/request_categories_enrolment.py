"""Categories that create: add a child, pre-register a new child, re-enrol for next school year.

These are all-or-nothing: staff accept the whole request or refuse it (a child without a birth
date, or an enrolment without a school, means nothing).
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.models import (
    Child,
    ChildRecord,
    Enrolment,
    Guardian,
    GuardianChildLink,
    OrganisationSettings,
    Relationship,
    School,
    SchoolYear,
)
from portail_famille.models.base import utcnow
from portail_famille.models.requests import ChangeRequest, RequestCategory
from portail_famille.services.local_time import organisation_today
from portail_famille.services.numbering import FILE_NUMBERS, next_number
from portail_famille.services.request_registry import (
    ApplyFailed,
    CategoryHandler,
    Cleaned,
    FieldSpec,
    RequestInvalid,
    Target,
    register_category,
)
from portail_famille.services.school_years import current_school_year

RELATIONSHIPS = tuple((r.value, f"requests.relationship.{r.value}") for r in Relationship)


def _schools(session: Session, organisation_id: int) -> list[School]:
    return list(
        session.exec(
            select(School)
            .where(School.organisation_id == organisation_id)
            .order_by(col(School.name), col(School.id))
        ).all()
    )


def _school_choices(session: Session | None, target: Target | None) -> tuple[tuple[str, str], ...]:
    if session is None or target is None:
        return ()
    return tuple(
        (str(i), s.name) for i, s in enumerate(_schools(session, target.organisation_id), 1)
    )


def _pick_school(
    session: Session, target: Target, values: dict[str, str]
) -> tuple[dict[str, str], int]:
    schools = _schools(session, target.organisation_id)
    position = values.get("school", "")
    if not position.isdigit() or not 1 <= int(position) <= len(schools):
        raise RequestInvalid({"school": "requests.error.choice"})
    school = schools[int(position) - 1]
    assert school.id is not None
    return {**values, "school": school.name}, school.id


def school_year_after_current(session: Session, organisation_id: int) -> SchoolYear | None:
    years = session.exec(
        select(SchoolYear)
        .where(SchoolYear.organisation_id == organisation_id)
        .order_by(col(SchoolYear.starts_on))
    ).all()
    current = next((y for y in years if y.is_current), None)
    if current is None:
        return None
    return next((y for y in years if y.starts_on > current.starts_on), None)


def all_accepted(
    accepted: dict[str, str], request: ChangeRequest, session: Session
) -> dict[str, str]:
    from portail_famille.services.request_registry import proposed_values

    everything = proposed_values(session, request)
    if set(everything) - set(accepted):
        raise ApplyFailed("requests.apply.all_fields_needed")
    return everything


# --- A new child of the household: now (add_child) or for next school year (pre-registration).


def _new_child_fields(session: Session | None, target: Target | None) -> list[FieldSpec]:
    return [
        FieldSpec("first_name", "requests.field.first_name", required=True, max_length=100),
        FieldSpec("last_name", "requests.field.last_name", required=True, max_length=100),
        FieldSpec("birth_date", "requests.field.birth_date", "date", required=True),
        FieldSpec("relationship", "requests.field.relationship", "choice", True, RELATIONSHIPS),
        FieldSpec(
            "school", "requests.field.school", "choice", True, _school_choices(session, target)
        ),
        FieldSpec("grade", "requests.field.grade", required=True, max_length=32),
    ]


def _new_child_clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    born = date.fromisoformat(values["birth_date"])
    today = organisation_today(session, target.organisation_id)
    if born > today or born.year < today.year - 25:
        raise RequestInvalid({"birth_date": "requests.error.birth_date"})
    values, school_id = _pick_school(session, target, values)
    return Cleaned(values, school_id=school_id)


def _nothing_current(_session: Session, _target: Target) -> dict[str, str]:
    return {}


def _create_child(
    session: Session,
    target: Target,
    values: dict[str, str],
    request: ChangeRequest,
    year: SchoolYear,
) -> Child:
    child = Child(
        organisation_id=target.organisation_id,
        first_name=values["first_name"],
        last_name=values["last_name"],
        birth_date=date.fromisoformat(values["birth_date"]),
        file_number=next_number(session, FILE_NUMBERS, target.organisation_id),
    )
    session.add(child)
    session.flush()
    assert child.id is not None and year.id is not None
    session.add(ChildRecord(child_id=child.id, reference=secrets.token_urlsafe(24)[:32]))
    now = utcnow()
    for guardian in session.exec(
        select(Guardian).where(Guardian.family_id == target.family_id)
    ).all():
        asked = guardian.id == target.guardian_id
        session.add(
            GuardianChildLink(
                guardian_id=guardian.id or 0,
                child_id=child.id,
                relationship=Relationship(values["relationship"]) if asked else Relationship.OTHER,
                # The household asked and staff agreed: its accounts see the child at once.
                claimed_at=now if guardian.user_id is not None else None,
            )
        )
    if request.school_id is None:
        raise ApplyFailed("requests.apply.no_school")
    session.add(
        Enrolment(
            child_id=child.id,
            school_id=request.school_id,
            school_year_id=year.id,
            grade=values["grade"],
        )
    )
    request.child_id = child.id
    session.add(request)
    return child


def _add_child_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    values = all_accepted(accepted, request, session)
    year = current_school_year(session, target.organisation_id)
    if year is None:
        raise ApplyFailed("requests.apply.no_school_year")
    _create_child(session, target, values, request, year)


def _preregistration_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    values = all_accepted(accepted, request, session)
    year = school_year_after_current(session, target.organisation_id)
    if year is None:
        raise ApplyFailed("requests.apply.no_next_year")
    _create_child(session, target, values, request, year)


for _category, _apply in (
    (RequestCategory.ADD_CHILD, _add_child_apply),
    (RequestCategory.PREREGISTRATION, _preregistration_apply),
):
    register_category(
        _category,
        CategoryHandler(
            scope="family",
            fields=_new_child_fields,
            current=_nothing_current,
            apply=_apply,
            clean=_new_child_clean,
            creates=True,
        ),
    )


# --- Re-enrolment for next school year, only during the organisation's period.


def reenrolment_open(session: Session, organisation_id: int, today: date | None = None) -> bool:
    settings = session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation_id)
    ).first()
    if settings is None or not settings.reenrolment_opens_on or not settings.reenrolment_closes_on:
        return False
    today = today or organisation_today(session, organisation_id)
    return settings.reenrolment_opens_on <= today <= settings.reenrolment_closes_on


def _reenrolment_fields(session: Session | None, target: Target | None) -> list[FieldSpec]:
    return [
        FieldSpec(
            "school", "requests.field.school", "choice", True, _school_choices(session, target)
        ),
        FieldSpec("grade", "requests.field.grade", required=True, max_length=32),
    ]


def _next_enrolment(session: Session, target: Target) -> tuple[Enrolment, School] | None:
    year = school_year_after_current(session, target.organisation_id)
    if year is None:
        return None
    row = session.exec(
        select(Enrolment, School)
        .join(School, col(School.id) == Enrolment.school_id)
        .where(Enrolment.child_id == target.child_id, Enrolment.school_year_id == year.id)
    ).first()
    return (row[0], row[1]) if row else None


def _reenrolment_current(session: Session, target: Target) -> dict[str, str]:
    found = _next_enrolment(session, target)
    return (
        {"school": found[1].name, "grade": found[0].grade} if found else {"school": "", "grade": ""}
    )


def _reenrolment_clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    if not reenrolment_open(session, target.organisation_id):
        raise RequestInvalid({"": "requests.error.reenrolment_closed"})
    values, school_id = _pick_school(session, target, values)
    return Cleaned(values, school_id=school_id)


def _reenrolment_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    values = all_accepted(accepted, request, session)
    year = school_year_after_current(session, target.organisation_id)
    if year is None or year.id is None:
        raise ApplyFailed("requests.apply.no_next_year")
    if request.school_id is None:
        raise ApplyFailed("requests.apply.no_school")
    found = _next_enrolment(session, target)
    enrolment = found[0] if found else None
    if enrolment is None:
        assert target.child_id is not None
        enrolment = Enrolment(
            child_id=target.child_id, school_id=request.school_id, school_year_id=year.id, grade=""
        )
    enrolment.school_id = request.school_id
    enrolment.grade = values["grade"]
    session.add(enrolment)


register_category(
    RequestCategory.REENROLMENT,
    CategoryHandler(
        scope="child",
        fields=_reenrolment_fields,
        current=_reenrolment_current,
        apply=_reenrolment_apply,
        clean=_reenrolment_clean,
        creates=True,
    ),
)
