"""Family balances: the parent's own households only, the staff's organisation and school only."""

import pytest
from sqlmodel import Session

from portail_famille.services.access import Forbidden
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.family_balances import family_balances_for_staff
from portail_famille.services.invoice_views import invoices_for_guardian
from portail_famille.services.statement_access import statements_for_guardian
from portail_famille.state.finances import family_balances, invoice_item, statement_groups
from tests.results_fixtures import user_id

pytestmark = pytest.mark.db


def test_marie_sees_her_household_balance_and_nobody_elses(session: Session) -> None:
    marie = user_id(session, PARENT_EMAIL)
    balances = family_balances(session, marie)
    # October 116,50 + November 118,50 + Thomas's fees 118,75 + Léa's fees 77,30
    assert [b.amount["fr"] for b in balances] == ["431,05\xa0$"]
    assert balances[0].amount["en"] == "$431.05"
    claire = family_balances(session, user_id(session, "claire.martin@example.org"))
    assert [b.amount["fr"] for b in claire] == ["100,80\xa0€"]  # 20,00 + 35,20 + 45,60


def test_marie_page_views_hold_only_her_statements_and_invoices(session: Session) -> None:
    marie = user_id(session, PARENT_EMAIL)
    groups = statement_groups(statements_for_guardian(session, user_id=marie))
    titles = [g.title["fr"] for g in groups]
    assert "Frais scolaires" in titles and "Service de garde" in titles
    children = {s.child for g in groups for s in g.statements}
    assert children == {"Léa Gagnon", "Thomas Gagnon"}
    payers = {s.payer for g in groups for s in g.statements if s.payer}
    assert payers == {"Marie Tremblay"}  # her shares, never Luc's
    items = [invoice_item(v) for v in invoices_for_guardian(session, user_id=marie)]
    assert len(items) == 4 and all(i.payer == "Marie Tremblay" for i in items)
    assert all(i.href.startswith("/api/finances/facture/") for i in items)


def test_staff_balances_stay_in_their_organisation_and_school(session: Session) -> None:
    admin = {
        b.family for b in family_balances_for_staff(session, user_id=user_id(session, ADMIN_EMAIL))
    }
    assert {"Famille Tremblay", "Famille Gagnon", "Famille Côté"} <= admin
    assert "Famille Martin" not in admin
    commune = {
        b.family
        for b in family_balances_for_staff(session, user_id=user_id(session, COMMUNE_AGENT_EMAIL))
    }
    assert commune == {"Famille Martin"}
    erables = family_balances_for_staff(session, user_id=user_id(session, SECRETARY_EMAIL))
    tremblay = next(b for b in erables if b.family == "Famille Tremblay")
    assert tremblay.owed_cents == 11650 + 11850 + 7730  # not the Boisé's fees
    boise = family_balances_for_staff(
        session, user_id=user_id(session, "secretariat.boise@example.org")
    )
    assert {b.family for b in boise} == {"Famille Tremblay"}
    with pytest.raises(Forbidden):
        family_balances_for_staff(session, user_id=user_id(session, PARENT_EMAIL))
