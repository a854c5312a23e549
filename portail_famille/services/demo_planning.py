"""Demo planning for the commune of Saint-Aubin: the activities' rules, rates and periods, who is
registered for what, and a few past changes so "mes dernières modifications" has lines."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from portail_famille.models import (
    Activity,
    ActivityPeriod,
    ActivityRate,
    ActivityRegistration,
    BillingService,
    BillingSource,
    Booking,
    BookingChange,
    ChangeAction,
    ChangeChannel,
    Child,
    CutoffKind,
    Guardian,
    Organisation,
    PeriodKind,
    PlanningSettings,
    SchoolYear,
    UserAccount,
)

# French school holidays of zone B for 2026-2027: périscolaire is closed then.
HOLIDAYS = [
    ("Toussaint", date(2026, 10, 17), date(2026, 11, 1)),
    ("Noël", date(2026, 12, 19), date(2027, 1, 3)),
    ("Hiver", date(2027, 2, 13), date(2027, 2, 28)),
    ("Printemps", date(2027, 4, 10), date(2027, 4, 25)),
]
# Which of the commune's régies (from the finances demo) bills each activity.
REGIES = {
    "Accueil du matin": "REGIE-PERI",
    "Accueil du soir": "REGIE-PERI",
    "Restauration scolaire": "REGIE-CANT",
    "Centre de loisirs du mercredi": "REGIE-ALSH",
}
# name -> (weekdays, cut-off, rates (min, max, cents), who is registered)
PLAN: dict[str, tuple[str, tuple[str, int, int, time], list[tuple[int, int | None, int]], list]] = {
    "Accueil du matin": (
        "1,2,4,5",
        ("weekly", 5, 0, time(12, 0)),
        [(0, 700, 150), (701, 1200, 210), (1201, None, 260)],
        ["Jade", "Louis"],
    ),
    "Restauration scolaire": (
        "1,2,4,5",
        ("weekly", 5, 0, time(12, 0)),
        [(0, 700, 250), (701, 1200, 380), (1201, None, 450)],
        ["Jade", "Inès"],
    ),
    "Accueil du soir": (
        "1,2,4,5",
        ("days_before", 0, 2, time(18, 0)),
        [(0, 700, 180), (701, 1200, 240), (1201, None, 300)],
        ["Hugo", "Nathan"],
    ),
    "Centre de loisirs du mercredi": (
        "3",
        ("days_before", 0, 7, time(12, 0)),
        [(0, 700, 800), (701, 1200, 1150), (1201, None, 1500)],
        ["Jade", "Inès"],
    ),
}


def load_planning_demo(session: Session) -> None:
    commune = session.exec(select(Organisation).where(Organisation.slug == "saint-aubin")).one()
    assert commune.id is not None
    year = session.exec(select(SchoolYear).where(SchoolYear.organisation_id == commune.id)).first()
    services = {
        s.code: s
        for s in session.exec(
            select(BillingService).where(BillingService.organisation_id == commune.id)
        ).all()
    }
    fallback = services.get("REGIE-PERI")
    if fallback is None:  # the finances demo was not loaded: one régie for everything
        fallback = BillingService(
            organisation_id=commune.id,
            code="PLANNING",
            name="Régie périscolaire et restauration",
            source=BillingSource.PERISCOLAIRE,
        )
        session.add(fallback)
    session.add(PlanningSettings(organisation_id=commune.id))
    session.flush()
    children = {c.first_name: c for c in session.exec(select(Child)).all()}
    for activity in session.exec(
        select(Activity).where(Activity.organisation_id == commune.id)
    ).all():
        if activity.name not in PLAN:
            continue
        weekdays, (kind, weekday, days, at), rates, kids = PLAN[activity.name]
        activity.weekdays = weekdays
        activity.cutoff_kind = CutoffKind(kind)
        activity.cutoff_weekday = weekday or 5
        activity.cutoff_days = days
        activity.cutoff_time = at
        service = services.get(REGIES.get(activity.name, ""), fallback)
        activity.billing_service_id = service.id
        activity.school_year_id = year.id if year else None
        session.add(activity)
        assert activity.id is not None
        session.add_all(
            ActivityRate(activity_id=activity.id, quotient_min=lo, quotient_max=hi, unit_cents=c)
            for lo, hi, c in rates
        )
        if year is not None:
            session.add(
                ActivityPeriod(
                    activity_id=activity.id,
                    kind=PeriodKind.OPEN,
                    label=year.label,
                    starts_on=year.starts_on,
                    ends_on=year.ends_on,
                )
            )
        session.add_all(
            ActivityPeriod(
                activity_id=activity.id, kind=PeriodKind.CLOSED, label=label, starts_on=a, ends_on=b
            )
            for label, a, b in HOLIDAYS
        )
        for name in kids:
            child = children[name]
            assert child.id is not None
            session.add(ActivityRegistration(activity_id=activity.id, child_id=child.id))
    session.flush()
    _past_changes(session, children)


def _past_changes(session: Session, children: dict[str, Child]) -> None:
    """Jade's mornings booked in November, one by the town hall; one line from last year."""
    jade = children["Jade"]
    morning = session.exec(select(Activity).where(Activity.name == "Accueil du matin")).one()
    claire = session.exec(
        select(UserAccount).where(UserAccount.email == "claire.martin@example.org")
    ).one()
    guardian = session.exec(select(Guardian).where(Guardian.user_id == claire.id)).one()
    assert jade.id and morning.id and guardian.id
    for day, channel, at in [
        (date(2026, 11, 16), ChangeChannel.WEB, datetime(2026, 11, 6, 11, 46, tzinfo=UTC)),
        (date(2026, 11, 17), ChangeChannel.WEB, datetime(2026, 11, 6, 11, 46, tzinfo=UTC)),
        (date(2026, 11, 19), ChangeChannel.STAFF, datetime(2026, 11, 13, 11, 5, tzinfo=UTC)),
    ]:
        session.add(
            Booking(
                activity_id=morning.id,
                child_id=jade.id,
                day=day,
                family_id=guardian.family_id,
                payer_guardian_id=guardian.id,
            )
        )
        session.add(
            BookingChange(
                activity_id=morning.id,
                child_id=jade.id,
                day=day,
                action=ChangeAction.BOOKED,
                channel=channel,
                at=at,
            )
        )
    # Last school year: hidden since October (seed 004).
    session.add(
        BookingChange(
            activity_id=morning.id,
            child_id=jade.id,
            day=date(2026, 6, 15),
            action=ChangeAction.BOOKED,
            channel=ChangeChannel.WEB,
            at=datetime(2026, 6, 5, 10, 0, tzinfo=UTC),
        )
    )
