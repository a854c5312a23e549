"""What staff set for planning, read back for families, staff and billing: activities a child is
registered for, their running days, rules and rates, and the organisation's planning settings."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from portail_famille.domain.cutoffs import CutoffRule, parse_weekdays
from portail_famille.domain.planning_days import Period, runs_on, unit_price
from portail_famille.models import (
    Activity,
    ActivityPeriod,
    ActivityRate,
    ActivityRegistration,
    FamilyRecord,
    Organisation,
    PlanningSettings,
)


def cutoff_rule(activity: Activity) -> CutoffRule:
    if activity.cutoff_kind == "weekly":
        return CutoffRule("weekly", activity.cutoff_time, weekday=activity.cutoff_weekday)
    return CutoffRule(
        "days_before",
        activity.cutoff_time,
        weekday=activity.cutoff_weekday,
        days=activity.cutoff_days,
    )


def periods(session: Session, activity_id: int) -> list[Period]:
    rows = session.exec(select(ActivityPeriod).where(ActivityPeriod.activity_id == activity_id))
    return [Period(str(p.kind), p.starts_on, p.ends_on) for p in rows]


def running_days(session: Session, activity: Activity, first: date, last: date) -> list[date]:
    """The days between `first` and `last` (inclusive) the activity runs."""
    from datetime import timedelta

    weekdays = parse_weekdays(activity.weekdays)
    spans = periods(session, activity.id or 0)
    out, day = [], first
    while day <= last:
        if runs_on(day, weekdays, spans):
            out.append(day)
        day += timedelta(days=1)
    return out


def activity_runs_on(session: Session, activity: Activity, day: date) -> bool:
    return runs_on(day, parse_weekdays(activity.weekdays), periods(session, activity.id or 0))


def child_activities(session: Session, child_id: int) -> list[Activity]:
    """The active activities the child is registered for, by name."""
    return list(
        session.exec(
            select(Activity)
            .join(ActivityRegistration, col(ActivityRegistration.activity_id) == Activity.id)
            .where(ActivityRegistration.child_id == child_id, col(Activity.active).is_(True))
            .order_by(col(Activity.name), col(Activity.id))
        ).all()
    )


def settings_for(session: Session, organisation_id: int) -> PlanningSettings:
    row = session.exec(
        select(PlanningSettings).where(PlanningSettings.organisation_id == organisation_id)
    ).first()
    return row or PlanningSettings(organisation_id=organisation_id)


def organisation(session: Session, organisation_id: int) -> Organisation:
    org = session.get(Organisation, organisation_id)
    assert org is not None
    return org


def rate_brackets(session: Session, activity_id: int) -> list[tuple[int, int | None, int]]:
    rows = session.exec(select(ActivityRate).where(ActivityRate.activity_id == activity_id))
    return [(r.quotient_min, r.quotient_max, r.unit_cents) for r in rows]


def family_quotient(session: Session, family_id: int) -> int | None:
    record = session.exec(select(FamilyRecord).where(FamilyRecord.family_id == family_id)).first()
    return record.family_quotient if record else None


def day_price(session: Session, activity_id: int, family_id: int) -> int:
    """What one day of the activity costs this family (by its quotient bracket)."""
    return unit_price(rate_brackets(session, activity_id), family_quotient(session, family_id))
