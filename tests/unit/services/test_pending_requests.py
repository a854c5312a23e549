"""What the record page marks as already waiting for staff: the child's own requests and the
household's, never another child's nor another family's."""

import pytest
from sqlmodel import Session

from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.pending_requests import pending_categories
from portail_famille.services.requests import submit_request, withdraw_request
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db


def test_the_childs_and_the_households_pending_requests(session: Session) -> None:
    parent, lea, thomas = (
        user_id(session, PARENT_EMAIL),
        child_id(session, "Léa"),
        child_id(session, "Thomas"),
    )
    assert pending_categories(session, user_id=parent, child_id=lea) == set()
    submit_request(
        session,
        user_id=parent,
        category="health",
        child_id=lea,
        values={"medication": "Aucun (essai)"},
    )
    spouse = submit_request(
        session, user_id=parent, category="spouse", values={"spouse_name": "Essai Conjoint"}
    )
    assert pending_categories(session, user_id=parent, child_id=lea) == {"health", "spouse"}
    assert pending_categories(session, user_id=parent, child_id=thomas) == {"spouse"}
    assert spouse.id is not None
    withdraw_request(session, user_id=parent, request_id=spouse.id)
    assert pending_categories(session, user_id=parent, child_id=thomas) == set()


def test_another_familys_child_is_refused(session: Session) -> None:
    with pytest.raises(Forbidden):
        pending_categories(
            session,
            user_id=user_id(session, "jean.cote@example.org"),
            child_id=child_id(session, "Léa"),
        )
