"""Late bookings: after a day's cut-off a family asks, and staff accept or refuse, through the
requests workflow (category LATE_BOOKING). Accepting books the day "par la mairie", or refuses
cleanly when no place is left."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session

from portail_famille.models import (
    Activity,
    Booking,
    ChangeAction,
    ChangeChannel,
    ChangeRequest,
    Guardian,
    RequestCategory,
)
from portail_famille.models.base import utcnow
from portail_famille.services.bookings import (
    Actor,
    _booking,
    _household_payer,
    _log,
    closed_days,
    take_place,
)
from portail_famille.services.planning_catalog import (
    activity_runs_on,
    child_activities,
    organisation,
)
from portail_famille.services.request_registry import (
    ApplyFailed,
    CategoryHandler,
    Cleaned,
    FieldSpec,
    RequestInvalid,
    Target,
    register_category,
)


def _activities(session: Session | None, target: Target | None) -> list[Activity]:
    if session is None or target is None or target.child_id is None:
        return []
    return child_activities(session, target.child_id)


def _fields(session: Session | None, target: Target | None) -> list[FieldSpec]:
    choices = tuple((str(i), a.name) for i, a in enumerate(_activities(session, target), 1))
    return [
        FieldSpec("activity", "planning.late.activity", "choice", True, choices),
        FieldSpec("day", "planning.late.day", "date", True),
        FieldSpec("comment", "planning.late.comment", "textarea", False, max_length=500),
    ]


def _current(_session: Session, _target: Target) -> dict[str, str]:
    return {}


def _clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    activities = _activities(session, target)
    activity = activities[int(values["activity"]) - 1]
    day = date.fromisoformat(values["day"])
    org = organisation(session, activity.organisation_id)
    today = utcnow().astimezone(ZoneInfo(org.timezone)).date()
    assert target.child_id is not None and activity.id is not None
    if day < today or not activity_runs_on(session, activity, day):
        raise RequestInvalid({"day": "planning.late.error.day"})
    if _booking(session, activity.id, target.child_id, day) is not None:
        raise RequestInvalid({"day": "planning.late.error.booked"})
    if not closed_days(activity, org.timezone, [day], utcnow()):
        raise RequestInvalid({"day": "planning.late.error.still_open"})
    return Cleaned({**values, "activity": activity.name}, ref_id=activity.id)


def _apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    activity = session.get(Activity, request.ref_id) if request.ref_id else None
    if (
        activity is None
        or not activity.active
        or activity.organisation_id != target.organisation_id
        or target.child_id is None
        or "day" not in accepted
    ):
        raise ApplyFailed("planning.late.gone")
    day = date.fromisoformat(accepted["day"])
    if _booking(session, activity.id or 0, target.child_id, day) is not None:
        return  # booked meanwhile: applying changes nothing
    guardian = session.get(Guardian, target.guardian_id)
    payer = _household_payer(session, target.child_id, guardian) if guardian else 0
    if not take_place(session, activity, day):
        raise ApplyFailed("planning.late.full")
    actor = Actor(
        user_id=request.decided_by or target.user_id,
        child_id=target.child_id,
        organisation_id=target.organisation_id,
        family_id=target.family_id,
        payer_guardian_id=payer or target.guardian_id,
        channel=ChangeChannel.STAFF,
    )
    session.add(
        Booking(
            activity_id=activity.id or 0,
            child_id=target.child_id,
            day=day,
            family_id=actor.family_id,
            payer_guardian_id=actor.payer_guardian_id,
        )
    )
    _log(session, actor, activity.id or 0, day, ChangeAction.BOOKED)


def request_late_booking(
    session: Session,
    *,
    user_id: int,
    child_id: int,
    activity_id: int,
    day: date,
    comment: str = "",
) -> ChangeRequest:
    """Files the family's late request (the requests workflow checks the guardian's right)."""
    from portail_famille.services.requests import submit_request

    positions = [a.id for a in child_activities(session, child_id)]
    if activity_id not in positions:
        raise RequestInvalid({"activity": "requests.error.choice"})
    return submit_request(
        session,
        user_id=user_id,
        category=RequestCategory.LATE_BOOKING,
        child_id=child_id,
        values={
            "activity": str(positions.index(activity_id) + 1),
            "day": day.isoformat(),
            "comment": comment,
        },
    )


register_category(
    RequestCategory.LATE_BOOKING,
    CategoryHandler(
        scope="child",
        fields=_fields,
        current=_current,
        apply=_apply,
        clean=_clean,
        creates=True,
        right="book",
    ),
)
