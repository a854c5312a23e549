"""The Results and Record states send the page no ids, no hidden marks, no full account number."""

import pytest
from sqlmodel import Session

from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.demo_results import UNPUBLISHED_TITLE
from portail_famille.services.records import records_for_guardian
from portail_famille.services.results import child_results
from portail_famille.state.record import RecordState, child_view
from portail_famille.state.results import ResultsState, results_views
from tests.results_fixtures import child_id, user_id


def test_no_state_var_names_an_id_and_no_automatic_setters() -> None:
    for state in (ResultsState, RecordState):
        names = set(state.base_vars) | set(state.computed_vars)
        assert not [n for n in names if n.endswith("_id") or n.endswith("_ids")]
        assert not [n for n in state.event_handlers if n.startswith("set_")]


@pytest.mark.db
def test_what_the_page_gets_holds_no_database_id_nor_hidden_mark(session: Session) -> None:
    parent = user_id(session, PARENT_EMAIL)
    thomas = child_id(session, "Thomas")
    subjects, cards, exams = results_views(child_results(session, parent, thomas))
    sent = repr((subjects, cards, exams))
    assert UNPUBLISHED_TITLE not in sent
    assert all(card.href.startswith("/api/documents/bulletin/") for card in cards)
    assert all(len(card.href.rsplit("/", 1)[1]) >= 20 for card in cards)  # opaque, not an id
    sheet, _family = records_for_guardian(session, parent, thomas)
    assert child_view(sheet).sheet_href.startswith("/api/documents/fiche-enfant/")
