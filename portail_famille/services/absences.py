"""A family's side of absences: see them, declare one ahead, justify one the school recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, col, select

from portail_famille.domain.absences import declaration_errors
from portail_famille.domain.local_time import local_today
from portail_famille.models import Absence, AbsenceKind, AbsenceReason, AbsenceSource
from portail_famille.models.absences import time_key
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, child_for_guardian
from portail_famille.services.placement import Placement, current_placement
from portail_famille.services.submissions import add_unique, submit_once

ALREADY_RECORDED = "absences.error.already_recorded"


class AbsenceError(Exception):
    """Input a family can fix: field -> catalogue key of the message shown next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Declaration:
    starts_on: date | None
    ends_on: date | None
    kind: AbsenceKind | None
    at_time: time | None
    reason_id: int | None  # None: "other", explained in `reason_text`
    reason_text: str
    reason_chosen: bool = True  # False: the form's choice was none of the list, nor "other"


@dataclass(frozen=True)
class AbsenceRow:
    absence_id: int
    starts_on: date
    ends_on: date
    kind: AbsenceKind
    at_time: time | None
    source: AbsenceSource
    justified: bool
    reason_fr: str
    reason_en: str
    reason_text: str
    country: str


def organisation_today(placement: Placement, now: datetime | None = None) -> date:
    """Today where the school is: a Quebec evening is already tomorrow in Europe."""
    return local_today(placement.organisation.timezone, now)


def _placement_for(session: Session, user_id: int, child_id: int) -> Placement:
    child_for_guardian(session, user_id, child_id, "view")
    placement = current_placement(session, child_id)
    if placement is None or not placement.enrolment.active:
        raise Forbidden  # no school this year: nobody to tell
    return placement


def reasons(session: Session, organisation_id: int) -> list[AbsenceReason]:
    return list(
        session.exec(
            select(AbsenceReason)
            .where(AbsenceReason.organisation_id == organisation_id)
            .order_by(col(AbsenceReason.position), col(AbsenceReason.id))
        ).all()
    )


def reasons_for_child(session: Session, user_id: int, child_id: int) -> list[AbsenceReason]:
    """The reasons the child's organisation offers, for a child the account may view."""
    return reasons(session, _placement_for(session, user_id, child_id).organisation.id or 0)


def absences_for_child(session: Session, user_id: int, child_id: int) -> list[AbsenceRow]:
    """The child's absences this school year and ahead, latest first."""
    child_for_guardian(session, user_id, child_id, "view")
    placement = current_placement(session, child_id)
    if placement is None:
        return []
    rows = session.exec(
        select(Absence, AbsenceReason)
        .join(AbsenceReason, col(AbsenceReason.id) == Absence.reason_id, isouter=True)
        .where(Absence.child_id == child_id, col(Absence.ends_on) >= placement.year.starts_on)
        .order_by(col(Absence.starts_on).desc(), col(Absence.id).desc())
    ).all()
    return [
        AbsenceRow(
            absence_id=absence.id or 0,
            starts_on=absence.starts_on,
            ends_on=absence.ends_on,
            kind=absence.kind,
            at_time=absence.at_time,
            source=absence.source,
            justified=absence.justified,
            reason_fr=reason.label_fr if reason else "",
            reason_en=reason.label_en if reason else "",
            reason_text=absence.reason_text,
            country=placement.organisation.country,
        )
        for absence, reason in rows
    ]


def _reason_errors(session: Session, organisation_id: int, reason_id: int | None, text: str):
    if reason_id is None:
        return {} if text.strip() else {"reason_text": "absences.error.other_text"}
    reason = session.get(AbsenceReason, reason_id)
    if reason is None or reason.organisation_id != organisation_id:
        return {"reason": "absences.error.reason"}
    return {}


def same_absence(
    session: Session,
    child_id: int,
    first_day: date,
    last_day: date,
    kind: AbsenceKind,
    at_time: time | None,
) -> Absence | None:
    """The child's absence of this kind and time already covering one of these days, if any:
    the same absence exists once, whether the family declared it or the school recorded it."""
    return session.exec(
        select(Absence)
        .where(
            Absence.child_id == child_id,
            Absence.kind == kind,
            Absence.at_key == time_key(kind, at_time),
            col(Absence.starts_on) <= last_day,
            col(Absence.ends_on) >= first_day,
        )
        .order_by(col(Absence.id))
    ).first()


def declare_absence(
    session: Session,
    user_id: int,
    child_id: int,
    form: Declaration,
    now: datetime | None = None,
    token: str = "",
) -> Absence:
    """Files a coming absence, justified by its reason; AbsenceError says what to fix. The same
    form sent twice (`token`) files it once."""
    return submit_once(
        session,
        user_id=user_id,
        token=token,
        action="absence.declare",
        model=Absence,
        create=lambda: _declare(session, user_id, child_id, form, now),
    )


def _declare(
    session: Session, user_id: int, child_id: int, form: Declaration, now: datetime | None
) -> Absence:
    placement = _placement_for(session, user_id, child_id)
    organisation_id = placement.organisation.id or 0
    ends_on = form.ends_on or form.starts_on
    errors = declaration_errors(
        today=organisation_today(placement, now),
        starts_on=form.starts_on,
        ends_on=ends_on,
        kind=form.kind,
        at_time=form.at_time,
    )
    if form.reason_chosen:
        errors |= _reason_errors(session, organisation_id, form.reason_id, form.reason_text)
    else:
        errors["reason"] = "absences.error.reason"
    if errors:
        raise AbsenceError(errors)
    assert form.starts_on is not None and ends_on is not None and form.kind is not None
    if same_absence(session, child_id, form.starts_on, ends_on, form.kind, form.at_time):
        raise AbsenceError({"starts_on": ALREADY_RECORDED})
    absence = Absence(
        organisation_id=organisation_id,
        school_id=placement.school_id,
        child_id=child_id,
        starts_on=form.starts_on,
        ends_on=ends_on,
        kind=form.kind,
        at_time=None if form.kind == AbsenceKind.FULL_DAY else form.at_time,
        source=AbsenceSource.FAMILY,
        reason_id=form.reason_id,
        reason_text=form.reason_text.strip()[:500],
        justified=True,
        created_by_user_id=user_id,
    )
    if not add_unique(session, absence):  # recorded at the same instant by someone else
        raise AbsenceError({"starts_on": ALREADY_RECORDED})
    audit.record(
        session,
        action="absence.declare",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="absence",
        object_id=absence.id,
        child_id=absence.child_id,
    )
    return absence


def justify_absence(
    session: Session,
    user_id: int,
    child_id: int,
    absence_id: int,
    reason_id: int | None,
    reason_text: str,
) -> Absence:
    """Justifies an absence the school recorded for this child; Forbidden for any other."""
    placement = _placement_for(session, user_id, child_id)
    absence = session.get(Absence, absence_id)
    if absence is None or absence.child_id != child_id or absence.justified:
        raise Forbidden
    errors = _reason_errors(session, absence.organisation_id, reason_id, reason_text)
    if errors:
        raise AbsenceError(errors)
    absence.reason_id = reason_id
    absence.reason_text = reason_text.strip()[:500]
    absence.justified = True
    absence.justified_by_user_id = user_id
    absence.justified_at = utcnow()
    session.add(absence)
    audit.record(
        session,
        action="absence.justify",
        actor_user_id=user_id,
        organisation_id=placement.organisation.id,
        object_type="absence",
        object_id=absence.id,
        child_id=child_id,
    )
    return absence
