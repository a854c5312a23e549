"""Enrolment in an activity of the organisation (the child's school's, or organisation-wide),
all-or-nothing, refused cleanly when the activity is full."""

from __future__ import annotations

from sqlmodel import Session, col, func, or_, select

from portail_famille.models import Activity, ActivityRegistration
from portail_famille.models.requests import ChangeRequest, RequestCategory
from portail_famille.services.placement import current_placement
from portail_famille.services.request_categories_enrolment import all_accepted
from portail_famille.services.request_registry import (
    ApplyFailed,
    CategoryHandler,
    Cleaned,
    FieldSpec,
    RequestInvalid,
    Target,
    register_category,
)


def _activities(session: Session, target: Target) -> list[Activity]:
    school_id = None
    if target.child_id is not None:
        placement = current_placement(session, target.child_id)
        school_id = placement.school_id if placement else None
    return list(
        session.exec(
            select(Activity)
            .where(
                Activity.organisation_id == target.organisation_id,
                or_(col(Activity.school_id).is_(None), col(Activity.school_id) == school_id),
            )
            .order_by(col(Activity.name), col(Activity.id))
        ).all()
    )


def _activity_fields(session: Session | None, target: Target | None) -> list[FieldSpec]:
    choices: tuple[tuple[str, str], ...] = ()
    if session is not None and target is not None:
        choices = tuple((str(i), a.name) for i, a in enumerate(_activities(session, target), 1))
    return [FieldSpec("activity", "requests.field.activity", "choice", True, choices)]


def _registered(session: Session, child_id: int | None, activity_id: int | None) -> bool:
    return (
        session.exec(
            select(ActivityRegistration).where(
                ActivityRegistration.child_id == child_id,
                ActivityRegistration.activity_id == activity_id,
            )
        ).first()
        is not None
    )


def _activity_current(session: Session, target: Target) -> dict[str, str]:
    activity = session.get(Activity, target.ref_id) if target.ref_id else None
    registered = activity is not None and _registered(session, target.child_id, activity.id)
    return {"activity": activity.name if registered and activity else ""}


def _activity_clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    activities = _activities(session, target)
    position = values["activity"]
    activity = activities[int(position) - 1]  # the generic check kept it among the choices
    if _registered(session, target.child_id, activity.id):
        raise RequestInvalid({"activity": "requests.error.already_registered"})
    return Cleaned({"activity": activity.name}, ref_id=activity.id)


def _activity_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    all_accepted(accepted, request, session)
    activity = session.get(Activity, request.ref_id) if request.ref_id else None
    if activity is None or activity.organisation_id != target.organisation_id:
        raise ApplyFailed("requests.apply.activity_gone")
    if _registered(session, target.child_id, activity.id):
        return  # already there: applying twice changes nothing
    if activity.capacity is not None:
        taken = session.exec(
            select(func.count())
            .select_from(ActivityRegistration)
            .where(ActivityRegistration.activity_id == activity.id)
        ).one()
        if taken >= activity.capacity:
            raise ApplyFailed("requests.apply.activity_full")
    assert target.child_id is not None and activity.id is not None
    session.add(
        ActivityRegistration(
            child_id=target.child_id, activity_id=activity.id, request_id=request.id
        )
    )


register_category(
    RequestCategory.ACTIVITY_ENROLMENT,
    CategoryHandler(
        scope="child",
        fields=_activity_fields,
        current=_activity_current,
        apply=_activity_apply,
        clean=_activity_clean,
        creates=True,
    ),
)
