"""What the request console's handlers do for people who must get nothing: staff of another
organisation, a secretary of another school, a guardian. The handlers are thin: they ask who the
user is and call these functions, which the tests call with each of those users."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

import portail_famille.portail_famille  # noqa: F401  (registers every page and state)
from portail_famille.models import AuditEntry, ChildRecord
from portail_famille.models.requests import ChangeRequest, RequestCategory, RequestStatus
from portail_famille.services.access import Forbidden
from portail_famille.services.request_decisions import QueueFilters
from portail_famille.state.request_console import approve_one, decision_from_form, load_console
from tests.unit.services.request_fixtures import (
    BOISE_SECRETARY_EMAIL,
    COMMUNE_AGENT_EMAIL,
    JEAN_EMAIL,
    SECRETARY_EMAIL,
    child_named,
    user_id,
)

pytestmark = pytest.mark.db


def _felix_request(session: Session) -> ChangeRequest:
    """The demo's pending health request of Jean Côté for Félix (les Érables, Mille-Lacs)."""
    felix = child_named(session, "Félix")
    return session.exec(
        select(ChangeRequest).where(
            ChangeRequest.child_id == felix.id,
            ChangeRequest.category == RequestCategory.HEALTH,
            ChangeRequest.status == RequestStatus.PENDING,
        )
    ).one()


def test_the_school_s_secretary_sees_it_without_ids(session: Session) -> None:
    loaded = load_console(session, user_id(session, SECRETARY_EMAIL), QueueFilters())
    titles = [row.title for row in loaded.rows]
    assert "Félix Côté" in titles and not [t for t in titles if "Jade" in t]
    row = loaded.rows[titles.index("Félix Côté")]
    assert row.fields[0].proposed["fr"] == "Pollen (rhume des foins)"
    assert str(_felix_request(session).id) not in {row.key, row.title, row.family}


@pytest.mark.parametrize("outsider", [COMMUNE_AGENT_EMAIL, BOISE_SECRETARY_EMAIL, JEAN_EMAIL])
def test_outsiders_get_nothing_from_any_handler(
    portal_env: None, demo_engine: Engine, outsider: str
) -> None:
    with Session(demo_engine) as session:
        request = _felix_request(session)
        who = user_id(session, outsider)
        felix_id = child_named(session, "Félix").id
        request_id, version = request.id or 0, request.version
        # What the page would show them
        if outsider == JEAN_EMAIL:
            with pytest.raises(Forbidden):
                load_console(session, who, QueueFilters())
        else:
            loaded = load_console(session, who, QueueFilters())
            assert request_id not in loaded.request_ids
            assert "Félix Côté" not in [row.title for row in loaded.rows]
        session.rollback()
    # What the decision and bulk approval handlers do with the request's own id and version
    form = {"accept-0": True, "accept-1": True, "comment": "intrusion", "apply_anyway": True}
    notice, error = decision_from_form(
        who, request_id, version, ["allergies", "medication"], form, "fr"
    )
    assert (notice, error) == ("", "Cette demande ne vous est pas accessible.")
    assert approve_one(who, request_id, version) is False
    with Session(demo_engine) as session:
        left = session.get(ChangeRequest, request_id)
        assert left is not None and left.status == RequestStatus.PENDING and left.version == 0
        record = session.exec(select(ChildRecord).where(ChildRecord.child_id == felix_id)).one()
        assert record.allergies is None
        decided = session.exec(
            select(AuditEntry).where(
                AuditEntry.action == "request.decided", AuditEntry.actor_user_id == who
            )
        ).all()
        assert decided == []


def test_bulk_approval_applies_each_request_once(portal_env: None, demo_engine: Engine) -> None:
    from portail_famille.models import PickupPerson
    from portail_famille.services.requests import submit_request

    with Session(demo_engine) as session:
        felix_id = child_named(session, "Félix").id
        request = submit_request(
            session,
            user_id=user_id(session, JEAN_EMAIL),
            category="pickup",
            child_id=felix_id,
            values={"action": "add", "name": "Parrain (bulk test)", "relation": "Parrain"},
        )
        session.commit()
        request_id = request.id or 0
        secretary = user_id(session, SECRETARY_EMAIL)
    assert approve_one(secretary, request_id, 0) is True
    assert approve_one(secretary, request_id, 0) is False  # a second pass finds it decided
    with Session(demo_engine) as session:
        people = session.exec(
            select(PickupPerson).where(PickupPerson.name == "Parrain (bulk test)")
        ).all()
        assert len(people) == 1
        for person in people:  # leave the shared demo database as it was
            session.delete(person)
        session.commit()
