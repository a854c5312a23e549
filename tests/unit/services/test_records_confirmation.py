"""The yearly records and consents confirmation: due when the organisation asks, once per year."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from portail_famille.models import Child, Guardian, OrganisationSettings, RecordsConfirmation
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.records_confirmation import confirm, confirmations_for_guardian
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db


def _ask(session: Session, first_name: str, due_on: date | None) -> None:
    """The organisation of this child asks for the confirmation by `due_on`."""
    child = session.get(Child, child_id(session, first_name))
    assert child is not None
    settings = session.exec(
        select(OrganisationSettings).where(
            OrganisationSettings.organisation_id == child.organisation_id
        )
    ).first() or OrganisationSettings(organisation_id=child.organisation_id)
    settings.records_confirmation_due_on = due_on
    session.add(settings)
    session.flush()


def test_nothing_is_due_while_the_organisation_asks_nothing(session: Session) -> None:
    _ask(session, "Léa", None)
    assert confirmations_for_guardian(session, user_id=user_id(session, PARENT_EMAIL)) == []


def test_records_then_consents_complete_the_year(session: Session) -> None:
    parent = user_id(session, PARENT_EMAIL)
    _ask(session, "Léa", date(2027, 9, 30))
    [due] = confirmations_for_guardian(session, user_id=parent)
    assert (due.due_on, due.records_confirmed, due.consents_given) == (
        date(2027, 9, 30),
        False,
        False,
    )
    confirm(session, user_id=parent, family_id=due.family_id, records=True, consents=False)
    [due] = confirmations_for_guardian(session, user_id=parent)
    assert due.records_confirmed and not due.consents_given and not due.complete
    first = datetime(2027, 9, 1, tzinfo=UTC)
    confirm(
        session, user_id=parent, family_id=due.family_id, records=True, consents=True, now=first
    )
    [due] = confirmations_for_guardian(session, user_id=parent)
    assert due.complete
    rows = session.exec(
        select(RecordsConfirmation).where(RecordsConfirmation.family_id == due.family_id)
    ).all()
    assert len(rows) == 1 and rows[0].year == 2027
    assert rows[0].records_confirmed_at != first  # the first confirmation is kept


def test_a_new_year_asks_again(session: Session) -> None:
    parent = user_id(session, PARENT_EMAIL)
    _ask(session, "Léa", date(2027, 9, 30))
    [due] = confirmations_for_guardian(session, user_id=parent)
    confirm(session, user_id=parent, family_id=due.family_id, records=True, consents=True)
    _ask(session, "Léa", date(2028, 9, 30))
    [due] = confirmations_for_guardian(session, user_id=parent)
    assert not due.records_confirmed and not due.consents_given


def test_another_household_cannot_be_confirmed(session: Session) -> None:
    parent = user_id(session, PARENT_EMAIL)
    _ask(session, "Léa", date(2027, 9, 30))
    _ask(session, "Jade", date(2027, 9, 30))
    jade = session.get(Child, child_id(session, "Jade"))
    assert jade is not None
    other = session.exec(
        select(Guardian).where(Guardian.organisation_id == jade.organisation_id)
    ).first()
    assert other is not None
    with pytest.raises(Forbidden):
        confirm(session, user_id=parent, family_id=other.family_id, records=True, consents=True)
    with pytest.raises(Forbidden):  # a staff account is no guardian
        confirm(
            session,
            user_id=user_id(session, "secretariat.erables@example.org"),
            family_id=other.family_id,
            records=True,
            consents=True,
        )
