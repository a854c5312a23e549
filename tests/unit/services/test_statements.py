"""Seed 000's statement rules, one test each, and who may open a statement."""

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    BillingSource,
    Enrolment,
    GuardianChildLink,
    SchoolYear,
    Statement,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.statement_access import (
    last_statements_for_child,
    statement_for_guardian,
    statements_for_guardian,
)
from portail_famille.services.statements import deposit_for_child
from tests.finance_fixtures import a_service, an_invoice, guardian, organisation, school
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db


def _service(
    session: Session, source: BillingSource, code: str, at: str = "Érables"
) -> BillingService:
    where = school(session, at)
    return a_service(
        session, organisation(session, "css"), code=code, source=source, school_id=where.id
    )


def _deposit(
    session: Session, service: BillingService, name: str, at: str = "Érables"
) -> list[Statement]:
    where = school(session, at)
    assert where.id is not None
    return deposit_for_child(
        session, service=service, child_id=child_id(session, name), school_id=where.id
    )


def _current(session: Session, name: str) -> list[Statement]:
    return list(
        session.exec(
            select(Statement).where(
                Statement.child_id == child_id(session, name),
                col(Statement.superseded_at).is_(None),
            )
        ).all()
    )


def test_one_statement_per_child_and_source_or_one_per_paying_guardian_in_shared_custody(
    session: Session,
) -> None:
    fees = _service(session, BillingSource.SCHOOL_FEES, "T-FEES")
    felix = _deposit(session, fees, "Félix")  # two guardians, no shared custody: one for both
    assert [s.guardian_id for s in felix] == [None]
    lea = _deposit(session, fees, "Léa")  # shared custody: Marie's share and Luc's share
    assert sorted(s.guardian_id or 0 for s in lea) == sorted(
        [guardian(session, "Marie").id or 0, guardian(session, "Luc").id or 0]
    )
    # A guardian who does not pay gets no share of their own.
    luc_link = session.exec(
        select(GuardianChildLink).where(
            GuardianChildLink.guardian_id == guardian(session, "Luc").id,
            GuardianChildLink.child_id == child_id(session, "Léa"),
        )
    ).one()
    luc_link.is_payer = False
    session.flush()
    again = _deposit(session, fees, "Léa")
    assert [s.guardian_id for s in again] == [guardian(session, "Marie").id]
    current = [s for s in _current(session, "Léa") if s.billing_service_id == fees.id]
    assert [s.id for s in current] == [again[0].id]


def test_the_last_statement_deposited_replaces_the_previous_across_schools_and_years(
    session: Session,
) -> None:
    css = organisation(session, "css")
    years = {
        y.label: y for y in session.exec(select(SchoolYear)).all() if y.organisation_id == css.id
    }
    current = next(y for y in years.values() if y.is_current)
    previous = next(y for y in years.values() if not y.is_current)
    # Last June, at the Érables, last year's statement.
    current.is_current, previous.is_current = False, True
    session.flush()
    june = _deposit(session, _service(session, BillingSource.SCHOOL_FEES, "T-OLD"), "Émile")
    assert june and june[0].school_year_id == previous.id
    current.is_current, previous.is_current = True, False
    # This September Émile is at the Boisé: its statement replaces June's.
    boise = school(session, "Boisé")
    assert boise.id is not None and current.id is not None
    session.add(
        Enrolment(
            child_id=child_id(session, "Émile"),
            school_id=boise.id,
            school_year_id=current.id,
            grade="1",
        )
    )
    session.flush()
    september = _deposit(
        session,
        _service(session, BillingSource.SCHOOL_FEES, "T-NEW", at="Boisé"),
        "Émile",
        at="Boisé",
    )
    fees = [s for s in _current(session, "Émile") if s.source == BillingSource.SCHOOL_FEES]
    assert [s.id for s in fees] == [september[0].id]
    session.refresh(june[0])
    assert june[0].superseded_at is not None


def test_a_daycare_statement_is_for_daycare_or_lunch_supervision_never_both(
    session: Session,
) -> None:
    daycare = _service(session, BillingSource.DAYCARE, "T-GARDE")
    lunch = _service(session, BillingSource.LUNCH_SUPERVISION, "T-MIDI")
    fees = _service(session, BillingSource.SCHOOL_FEES, "T-FEES")
    _deposit(session, daycare, "Alice")
    _deposit(session, fees, "Alice")
    _deposit(session, lunch, "Alice")
    sources = sorted(s.source for s in _current(session, "Alice"))
    assert sources == [BillingSource.LUNCH_SUPERVISION, BillingSource.SCHOOL_FEES]


def test_only_children_active_in_the_schools_year_get_a_statement_whatever_the_billing_says(
    session: Session,
) -> None:
    daycare = _service(session, BillingSource.DAYCARE, "T-GARDE")
    # Noah left in June: inactive this year, yet still billed.
    an_invoice(
        session,
        daycare,
        guardian(session, "Isabelle"),
        "t:noah",
        child_id=child_id(session, "Noah"),
    )
    assert _deposit(session, daycare, "Noah") == []
    # Thomas is billed by the Érables' daycare but attends the Boisé: not active at the Érables.
    an_invoice(
        session,
        daycare,
        guardian(session, "Marie"),
        "t:thomas",
        child_id=child_id(session, "Thomas"),
    )
    assert _deposit(session, daycare, "Thomas") == []
    for name in ("Noah", "Thomas"):
        assert [s for s in _current(session, name) if s.billing_service_id == daycare.id] == []
    assert _deposit(session, daycare, "Émile")  # an active child does get one


def test_staff_open_the_last_statement_deposited_for_a_child_of_their_school(
    session: Session,
) -> None:
    daycare = _service(session, BillingSource.DAYCARE, "T-GARDE")
    _deposit(session, daycare, "Émile")
    latest = _deposit(session, daycare, "Émile")
    lea = child_id(session, "Émile")
    seen = last_statements_for_child(
        session, user_id=user_id(session, SECRETARY_EMAIL), child_id=lea
    )
    daycare_seen = [v.reference for v in seen if v.source == BillingSource.DAYCARE]
    assert daycare_seen == [latest[0].reference]
    for outsider in (
        "secretariat.boise@example.org",
        "enfance@saint-aubin.example.org",
        PARENT_EMAIL,
    ):
        with pytest.raises(Forbidden):
            last_statements_for_child(session, user_id=user_id(session, outsider), child_id=lea)


def test_a_parent_reads_only_the_current_statements_of_their_children_and_their_share(
    session: Session,
) -> None:
    fees = _service(session, BillingSource.SCHOOL_FEES, "T-FEES")
    first = _deposit(session, fees, "Léa")
    shares = _deposit(session, fees, "Léa")
    marie, luc = guardian(session, "Marie"), guardian(session, "Luc")
    mine = next(s for s in shares if s.guardian_id == marie.id)
    lucs = next(s for s in shares if s.guardian_id == luc.id)
    marie_user = user_id(session, PARENT_EMAIL)
    refs = {v.reference for v in statements_for_guardian(session, user_id=marie_user)}
    assert mine.reference in refs and lucs.reference not in refs
    assert statement_for_guardian(session, user_id=marie_user, reference=mine.reference) is mine
    for forbidden in (lucs.reference, first[0].reference):  # another share, a replaced one
        with pytest.raises(Forbidden):
            statement_for_guardian(session, user_id=marie_user, reference=forbidden)
    with pytest.raises(Forbidden):
        statement_for_guardian(
            session, user_id=user_id(session, "claire.martin@example.org"), reference=mine.reference
        )
