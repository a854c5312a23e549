"""A child's results: only published marks, only to a guardian whose link gives the view right."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import GuardianChildLink, Mark
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.demo_results import UNPUBLISHED_TITLE
from portail_famille.services.results import child_results
from portail_famille.state.results import results_views
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db


def test_thomas_marks_per_subject_oldest_first(session: Session) -> None:
    results = child_results(session, user_id(session, PARENT_EMAIL), child_id(session, "Thomas"))
    assert results.child_name == "Thomas Gagnon"
    maths = next(s for s in results.subjects if s.name == "Mathématiques")
    assert maths.teacher == "M. Olivier Fortin"
    assert [m.title for m in maths.marks][:2] == [
        "Test : nombres rationnels",
        "Situation-problème 1",
    ]
    assert maths.marks[-1].percent == 90.0  # 9 / 10
    assert {c.school_year for c in results.report_cards} == {"2025-2026", "2026-2027"}
    assert results.report_cards[0].school_year == "2026-2027"  # this year first
    assert [e.result for e in results.exams] == [83, 77]


def test_an_unpublished_mark_never_leaves_the_service_nor_reaches_the_state(
    session: Session,
) -> None:
    hidden = session.exec(select(Mark).where(Mark.title == UNPUBLISHED_TITLE)).all()
    assert hidden and all(m.published_at is None for m in hidden)  # it is there, unpublished
    for name in ("Thomas", "Léa"):
        results = child_results(session, user_id(session, PARENT_EMAIL), child_id(session, name))
        titles = [m.title for s in results.subjects for m in s.marks]
        assert titles and UNPUBLISHED_TITLE not in titles
        subjects, _cards, _exams = results_views(results)
        assert UNPUBLISHED_TITLE not in repr(subjects)


def test_publishing_a_mark_makes_it_appear(session: Session) -> None:
    mark = session.exec(select(Mark).where(Mark.title == UNPUBLISHED_TITLE)).first()
    assert mark is not None
    from portail_famille.models.base import utcnow

    mark.published_at = utcnow()
    session.flush()
    seen = [
        m.title
        for name in ("Thomas", "Léa")
        for s in child_results(
            session, user_id(session, PARENT_EMAIL), child_id(session, name)
        ).subjects
        for m in s.marks
    ]
    assert UNPUBLISHED_TITLE in seen


def test_another_familys_child_gets_nothing(session: Session) -> None:
    with pytest.raises(Forbidden):
        child_results(session, user_id(session, PARENT_EMAIL), child_id(session, "Jade"))
    with pytest.raises(Forbidden):
        child_results(
            session, user_id(session, "claire.martin@example.org"), child_id(session, "Thomas")
        )


def test_a_link_without_the_view_right_gets_nothing(session: Session) -> None:
    thomas = child_id(session, "Thomas")
    for link in session.exec(select(GuardianChildLink).where(GuardianChildLink.child_id == thomas)):
        link.can_view = False
    session.flush()
    with pytest.raises(Forbidden):
        child_results(session, user_id(session, PARENT_EMAIL), thomas)
