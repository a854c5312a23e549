"""Staff set an activity's rules and the organisation's planning rules; bad input is refused
field by field and nothing is half-saved; other organisations' staff change nothing."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import Session, select

from portail_famille.domain.planning_days import unit_price
from portail_famille.domain.planning_forms import parse_periods, parse_rates
from portail_famille.models import (
    Activity,
    ActivityPeriod,
    BookingPolicy,
    PlanningSettings,
    UserAccount,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import ADMIN_EMAIL, COMMUNE_AGENT_EMAIL
from portail_famille.services.planning_catalog import activity_runs_on, rate_brackets
from portail_famille.services.planning_settings import (
    SettingsInvalid,
    activity_form,
    create_activity,
    save_activity,
    save_rules,
)
from tests.planning_fixtures import commune

pytestmark = pytest.mark.db

FORM = {
    "capacity": "25",
    "day1": "on",
    "day2": "on",
    "day4": "on",
    "day5": "on",
    "cutoff_kind": "days_before",
    "cutoff_weekday": "5",
    "cutoff_days": "2",
    "cutoff_time": "18:00",
    "rates": "0-700: 1,20\n701-1200: 2,50\n1201-: 3",
    "periods": "ouvert 2026-09-01 2027-07-03 Année\nfermé 2026-12-19 2027-01-03 Noël",
    "service": "0",
}


def _user(session: Session, email: str) -> int:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one().id or 0


def _lunch(session: Session) -> Activity:
    return session.exec(select(Activity).where(Activity.name == "Restauration scolaire")).one()


def test_the_commune_sets_an_activity_and_families_see_its_rules(session: Session) -> None:
    lunch, agent = _lunch(session), _user(session, COMMUNE_AGENT_EMAIL)
    save_activity(session, user_id=agent, activity_id=lunch.id or 0, values=FORM)
    session.flush()
    session.refresh(lunch)
    assert (lunch.capacity, lunch.weekdays, lunch.cutoff_time) == (25, "1,2,4,5", time(18, 0))
    assert rate_brackets(session, lunch.id or 0) == [
        (0, 700, 120),
        (701, 1200, 250),
        (1201, None, 300),
    ]
    assert not activity_runs_on(session, lunch, date(2026, 12, 21))  # Christmas break
    assert activity_runs_on(session, lunch, date(2027, 1, 4))
    assert not activity_runs_on(session, lunch, date(2027, 1, 6))  # a Wednesday
    form = activity_form(session, user_id=agent, activity_id=lunch.id or 0)
    assert form.rates.splitlines()[0] == "0-700: 1,20" and "fermé 2026-12-19" in form.periods


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(session: Session) -> None:
    lunch, agent = _lunch(session), _user(session, COMMUNE_AGENT_EMAIL)
    before = rate_brackets(session, lunch.id or 0)
    periods_before = len(
        session.exec(select(ActivityPeriod).where(ActivityPeriod.activity_id == lunch.id)).all()
    )
    bad = {**FORM, "capacity": "-3", "cutoff_time": "25:00", "rates": "beaucoup", "day1": ""}
    bad.update({"day2": "", "day4": "", "day5": ""})
    with pytest.raises(SettingsInvalid) as refused:
        save_activity(session, user_id=agent, activity_id=lunch.id or 0, values=bad)
    assert set(refused.value.errors) == {"capacity", "cutoff_time", "rates", "weekdays"}
    assert rate_brackets(session, lunch.id or 0) == before
    periods_after = session.exec(
        select(ActivityPeriod).where(ActivityPeriod.activity_id == lunch.id)
    ).all()
    assert len(periods_after) == periods_before


def test_organisation_rules_and_who_may_set_them(session: Session) -> None:
    org = commune(session)
    agent, admin = _user(session, COMMUNE_AGENT_EMAIL), _user(session, ADMIN_EMAIL)
    values = {
        "policy": "balance_limit",
        "threshold": "50,00",
        "absence_billing": "none",
        "history_hidden": "09-15",
    }
    save_rules(session, user_id=agent, organisation_id=org.id or 0, values=values)
    rules = session.exec(
        select(PlanningSettings).where(PlanningSettings.organisation_id == org.id)
    ).one()
    assert rules.booking_policy == BookingPolicy.BALANCE_LIMIT
    assert (rules.balance_threshold_cents, rules.history_hidden_month) == (5000, 9)
    with pytest.raises(Forbidden):
        save_rules(session, user_id=admin, organisation_id=org.id or 0, values=values)
    with pytest.raises(Forbidden):
        save_activity(session, user_id=admin, activity_id=_lunch(session).id or 0, values=FORM)
    with pytest.raises(SettingsInvalid):
        save_rules(
            session, user_id=agent, organisation_id=org.id or 0, values={**values, "policy": "x"}
        )


def test_rates_by_quotient_bracket() -> None:
    rates = parse_rates("0-700: 1,50\n701-1200: 2,10\n1201-: 2,60")
    assert [unit_price(rates, q) for q in (0, 700, 701, 1200, 1201, 5000, None)] == [
        150,
        150,
        210,
        210,
        260,
        260,
        260,
    ]
    assert parse_periods("closed 2027-02-13 2027-02-28 Hiver")[0][1] == "Hiver"


def test_the_commune_creates_an_activity_then_sets_it(session: Session) -> None:
    org = commune(session)
    agent = _user(session, COMMUNE_AGENT_EMAIL)
    created = create_activity(
        session, user_id=agent, name="  Mercredi sportif ", kind="holiday_centre"
    )
    assert (created.organisation_id, created.name, created.kind) == (
        org.id,
        "Mercredi sportif",
        "holiday_centre",
    )
    assert created.school_year_id is not None  # the organisation's current year
    save_activity(session, user_id=agent, activity_id=created.id or 0, values=FORM)
    assert activity_form(session, user_id=agent, activity_id=created.id or 0).capacity == "25"
    with pytest.raises(SettingsInvalid) as refused:
        create_activity(session, user_id=agent, name=" ", kind="casino")
    assert set(refused.value.errors) == {"new_name", "new_kind"}


def test_an_activity_is_created_only_in_the_staff_members_own_organisation(
    session: Session,
) -> None:
    # The Quebec admin creates in Mille-Lacs, never in the commune; a school-bound secretary
    # and a parent create nothing.
    admin = _user(session, ADMIN_EMAIL)
    created = create_activity(session, user_id=admin, name="Surveillance du midi", kind="lunch")
    assert created.organisation_id != commune(session).id
    for email in ("secretariat.erables@example.org", "marie.tremblay@example.org"):
        with pytest.raises(Forbidden):
            create_activity(session, user_id=_user(session, email), name="X", kind="lunch")
