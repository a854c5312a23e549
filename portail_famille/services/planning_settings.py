"""Staff set an activity's rules (days, capacity, rates, cut-off, periods, régie) and the
organisation's planning rules (payment policy, absences, history)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from portail_famille.domain.planning_forms import (
    FormError,
    format_periods,
    format_rates,
    parse_cents,
    parse_clock,
    parse_int,
    parse_periods,
    parse_rates,
)
from portail_famille.models import (
    AbsenceBilling,
    Activity,
    ActivityKind,
    ActivityPeriod,
    ActivityRate,
    BillingService,
    BookingPolicy,
    CutoffKind,
    PeriodKind,
    PlanningSettings,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.planning_catalog import rate_brackets, settings_for
from portail_famille.services.planning_staff import staff_activity
from portail_famille.services.school_years import current_school_year


class SettingsInvalid(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class ActivityForm:
    capacity: str
    weekdays: list[int]
    cutoff_kind: str
    cutoff_weekday: int
    cutoff_days: str
    cutoff_time: str
    rates: str
    periods: str
    service: int  # position in services; -1 none
    services: list[str]


def billing_services(session: Session, organisation_id: int) -> list[BillingService]:
    return list(
        session.exec(
            select(BillingService)
            .where(BillingService.organisation_id == organisation_id)
            .order_by(col(BillingService.name), col(BillingService.id))
        ).all()
    )


def activity_form(session: Session, *, user_id: int, activity_id: int) -> ActivityForm:
    activity = staff_activity(session, user_id, activity_id)
    services = billing_services(session, activity.organisation_id)
    ids = [s.id for s in services]
    periods = session.exec(
        select(ActivityPeriod)
        .where(ActivityPeriod.activity_id == activity_id)
        .order_by(col(ActivityPeriod.starts_on))
    ).all()
    return ActivityForm(
        capacity="" if activity.capacity is None else str(activity.capacity),
        weekdays=sorted(int(d) for d in activity.weekdays.split(",") if d.strip().isdigit()),
        cutoff_kind=str(activity.cutoff_kind),
        cutoff_weekday=activity.cutoff_weekday,
        cutoff_days=str(activity.cutoff_days),
        cutoff_time=activity.cutoff_time.strftime("%H:%M"),
        rates=format_rates(rate_brackets(session, activity_id)),
        periods=format_periods([(str(p.kind), p.starts_on, p.ends_on, p.label) for p in periods]),
        service=ids.index(activity.billing_service_id)
        if activity.billing_service_id in ids
        else -1,
        services=[s.name for s in services],
    )


def save_activity(
    session: Session, *, user_id: int, activity_id: int, values: Mapping[str, object]
) -> None:
    """Validates everything first; saves all or nothing. SettingsInvalid(field -> key)."""
    activity = staff_activity(session, user_id, activity_id)
    errors: dict[str, str] = {}

    def attempt(fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FormError as error:
            errors[error.field] = error.key
            return None

    text = {k: str(v) for k, v in values.items()}
    capacity = attempt(parse_int, text.get("capacity", ""), "capacity", 1, 10000, empty_ok=True)
    weekdays = sorted(n for n in range(1, 8) if values.get(f"day{n}") in (True, "on", "true"))
    if not weekdays:
        errors["weekdays"] = "planning.settings.error.weekdays"
    kind = text.get("cutoff_kind", "")
    if kind not in ("weekly", "days_before"):
        errors["cutoff_kind"] = "planning.settings.error.choice"
    weekday = attempt(parse_int, text.get("cutoff_weekday", ""), "cutoff_weekday", 1, 7)
    days = attempt(parse_int, text.get("cutoff_days", ""), "cutoff_days", 0, 60)
    at = attempt(parse_clock, text.get("cutoff_time", ""))
    rates = attempt(parse_rates, text.get("rates", ""))
    periods = attempt(parse_periods, text.get("periods", ""))
    services = billing_services(session, activity.organisation_id)
    raw_service = text.get("service", "")
    service_id = None
    if raw_service.isdigit() and int(raw_service) < len(services):
        service_id = services[int(raw_service)].id
    elif raw_service:
        errors["service"] = "planning.settings.error.choice"
    if errors:
        raise SettingsInvalid(errors)
    activity.capacity = capacity
    activity.weekdays = ",".join(str(d) for d in weekdays)
    activity.cutoff_kind = CutoffKind(kind)
    activity.cutoff_weekday = weekday or 5
    activity.cutoff_days = days or 0
    assert at is not None and rates is not None and periods is not None
    activity.cutoff_time = at
    activity.billing_service_id = service_id
    session.add(activity)
    session.exec(delete(ActivityRate).where(col(ActivityRate.activity_id) == activity_id))
    session.exec(delete(ActivityPeriod).where(col(ActivityPeriod.activity_id) == activity_id))
    session.add_all(
        ActivityRate(activity_id=activity_id, quotient_min=lo, quotient_max=hi, unit_cents=c)
        for lo, hi, c in rates
    )
    session.add_all(
        ActivityPeriod(
            activity_id=activity_id,
            kind=PeriodKind(p.kind),
            label=label,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
        )
        for p, label in periods
    )
    audit.record(
        session,
        action="planning.activity_settings",
        actor_user_id=user_id,
        organisation_id=activity.organisation_id,
        object_type="activity",
        object_id=activity_id,
    )


def organisation_wide(session: Session, user_id: int, organisation_id: int) -> None:
    scope = staff_scope(session, user_id)
    if organisation_id not in scope.organisation_ids:
        raise Forbidden
    if scope.schools_by_organisation[organisation_id] is not None:
        raise Forbidden


def save_rules(
    session: Session, *, user_id: int, organisation_id: int, values: Mapping[str, object]
) -> None:
    organisation_wide(session, user_id, organisation_id)
    text = {k: str(v) for k, v in values.items()}
    errors: dict[str, str] = {}
    policy = text.get("policy", "")
    if policy not in {p.value for p in BookingPolicy}:
        errors["policy"] = "planning.settings.error.choice"
    absence = text.get("absence_billing", "")
    if absence not in {a.value for a in AbsenceBilling}:
        errors["absence_billing"] = "planning.settings.error.choice"
    threshold = 0
    try:
        threshold = parse_cents(text.get("threshold", "0") or "0", "threshold")
    except FormError as error:
        errors[error.field] = error.key
    hide = text.get("history_hidden", "")
    month = day = 0
    parts = hide.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        month, day = int(parts[0]), int(parts[1])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        errors["history_hidden"] = "planning.settings.error.hidden"
    if errors:
        raise SettingsInvalid(errors)
    settings = settings_for(session, organisation_id)
    settings.booking_policy = BookingPolicy(policy)
    settings.absence_billing = AbsenceBilling(absence)
    settings.balance_threshold_cents = threshold
    settings.history_hidden_month, settings.history_hidden_day = month, day
    session.add(settings)
    audit.record(
        session,
        action="planning.rules",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="planning_settings",
        object_id=settings.id,
    )


def rules_of(session: Session, *, user_id: int, organisation_id: int) -> PlanningSettings:
    organisation_wide(session, user_id, organisation_id)
    return settings_for(session, organisation_id)


def creating_organisation(session: Session, user_id: int) -> int | None:
    """The organisation a staff member serving it whole creates activities in; None otherwise."""
    scope = staff_scope(session, user_id)
    wide = [org for org, schools in scope.schools_by_organisation.items() if schools is None]
    return min(wide) if wide else None


def create_activity(session: Session, *, user_id: int, name: str, kind: str) -> Activity:
    """A new activity of the staff member's organisation, for the current school year, with
    the default week and cut-off; staff then set its days, capacity, rates and periods.
    Only someone serving the whole organisation may create one. SettingsInvalid(field -> key)."""
    organisation_id = creating_organisation(session, user_id)
    if organisation_id is None:
        raise Forbidden
    errors: dict[str, str] = {}
    name = name.strip()
    if not name or len(name) > 200:
        errors["new_name"] = "planning.settings.error.name"
    if kind not in {k.value for k in ActivityKind}:
        errors["new_kind"] = "planning.settings.error.choice"
    if errors:
        raise SettingsInvalid(errors)
    year = current_school_year(session, organisation_id)
    activity = Activity(
        organisation_id=organisation_id,
        name=name,
        kind=ActivityKind(kind),
        school_year_id=year.id if year else None,
    )
    session.add(activity)
    session.flush()
    audit.record(
        session,
        action="planning.activity_created",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="activity",
        object_id=activity.id,
    )
    return activity
