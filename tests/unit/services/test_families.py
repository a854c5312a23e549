"""What the staff console and the parent's home list, scoped to who asks."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import UserAccount
from portail_famille.services.access import staff_scope
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.families import families_for_staff, guardian_children

pytestmark = pytest.mark.db

COMMUNE_FAMILIES = {"Famille Martin", "Famille Bernard", "Famille Petit", "Famille Dubois"}


def _user_id(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def test_the_primary_secretary_sees_her_schools_families_and_nothing_of_the_commune(
    session: Session,
) -> None:
    rows = families_for_staff(session, staff_scope(session, _user_id(session, SECRETARY_EMAIL)))
    names = {row.name for row in rows}
    assert {"Famille Tremblay", "Famille Gagnon", "Famille Roy", "Famille Bouchard"} <= names
    assert names.isdisjoint(COMMUNE_FAMILIES)
    cote = next(row for row in rows if row.name == "Famille Côté")
    # Chloé is at the secondary school: not this secretary's to see.
    assert cote.children == ["Félix Côté"]


def test_the_commune_agent_sees_the_communes_families_only(session: Session) -> None:
    rows = families_for_staff(session, staff_scope(session, _user_id(session, COMMUNE_AGENT_EMAIL)))
    assert {row.name for row in rows} == COMMUNE_FAMILIES
    martin = next(row for row in rows if row.name == "Famille Martin")
    assert martin.children == ["Hugo Martin", "Jade Martin"]
    assert "claire.martin@example.org" in martin.emails


def test_search_by_family_or_guardian_name(session: Session) -> None:
    scope = staff_scope(session, _user_id(session, SECRETARY_EMAIL))
    assert [row.name for row in families_for_staff(session, scope, "roy")] == ["Famille Roy"]
    assert [row.name for row in families_for_staff(session, scope, "Nadia")] == ["Famille Côté"]
    assert families_for_staff(session, scope, "Martin") == []


def test_a_parent_sees_both_children_in_two_schools(session: Session) -> None:
    cards = guardian_children(session, _user_id(session, PARENT_EMAIL))
    assert [(c.first_name, c.school) for c in cards] == [
        ("Thomas", "École secondaire du Boisé"),
        ("Léa", "École primaire des Érables"),
    ]
    assert all(card.shared_custody and card.active for card in cards)
