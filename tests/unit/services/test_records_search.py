"""Staff find a child by accent-less partial name, family, file number or permanent code, only
within their organisation (and school when their role is school-bound)."""

import pytest
from sqlmodel import Session

from portail_famille.services.access import Forbidden
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.records_search import child_for_staff, search_children
from tests.unit.services.records_admin_fixtures import OTHER_SCHOOL_SECRETARY, lea, user_id

pytestmark = pytest.mark.db


def _names(session: Session, email: str, query: str) -> list[str]:
    return [
        hit.name for hit in search_children(session, user_id=user_id(session, email), query=query)
    ]


@pytest.mark.parametrize(
    "query", ["lea", "LEA gag", "gagnon lé", "1000001", "gagl1453", "Tremblay"]
)
def test_the_secretary_finds_lea_however_she_types(session: Session, query: str) -> None:
    assert "Léa Gagnon" in _names(session, SECRETARY_EMAIL, query)


def test_a_partial_accentless_name_finds_emile_and_felix(session: Session) -> None:
    assert _names(session, SECRETARY_EMAIL, "emil") == ["Émile Roy"]
    assert _names(session, ADMIN_EMAIL, "felix cot") == ["Félix Côté"]
    assert _names(session, ADMIN_EMAIL, "COTF0501") == ["Félix Côté"]


def test_a_school_bound_secretary_sees_only_her_school(session: Session) -> None:
    assert "Thomas Gagnon" not in _names(session, SECRETARY_EMAIL, "gagnon")
    assert _names(session, OTHER_SCHOOL_SECRETARY, "gagnon") == ["Thomas Gagnon"]
    assert _names(session, OTHER_SCHOOL_SECRETARY, "1000001") == []
    assert set(_names(session, ADMIN_EMAIL, "gagnon")) == {"Léa Gagnon", "Thomas Gagnon"}


def test_another_organisation_finds_nothing(session: Session) -> None:
    assert _names(session, COMMUNE_AGENT_EMAIL, "lea") == []
    assert _names(session, COMMUNE_AGENT_EMAIL, "1000001") == []
    assert _names(session, ADMIN_EMAIL, "jade") == []
    assert _names(session, COMMUNE_AGENT_EMAIL, "jade") == ["Jade Martin"]


def test_a_guardian_and_nobody_cannot_search(session: Session) -> None:
    with pytest.raises(Forbidden):
        search_children(session, user_id=user_id(session, PARENT_EMAIL), query="lea")
    with pytest.raises(Forbidden):
        search_children(session, user_id=None, query="lea")


def test_one_letter_finds_nothing(session: Session) -> None:
    assert _names(session, ADMIN_EMAIL, "l") == []


@pytest.mark.parametrize("email", [COMMUNE_AGENT_EMAIL, OTHER_SCHOOL_SECRETARY, PARENT_EMAIL])
def test_outsiders_cannot_reach_lea(session: Session, email: str) -> None:
    with pytest.raises(Forbidden):
        child_for_staff(session, user_id(session, email), lea(session))
