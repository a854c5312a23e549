"""A family's absences: declare (dates checked), justify, and nothing for another family's child."""

from datetime import UTC, date, datetime, time

import pytest
from sqlmodel import Session

from portail_famille.models import AbsenceKind
from portail_famille.services.absences import (
    AbsenceError,
    Declaration,
    absences_for_child,
    declare_absence,
    justify_absence,
    reasons_for_child,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL
from tests.unit.services.agenda_fixtures import child_id, user_id

pytestmark = pytest.mark.db
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday, 10:00 in Quebec


def _form(first: date | None, last: date | None = None, **changes: object) -> Declaration:
    values: dict = dict(
        starts_on=first,
        ends_on=last,
        kind=AbsenceKind.FULL_DAY,
        at_time=None,
        reason_id=None,
        reason_text="Tournoi",
    )
    values.update(changes)
    return Declaration(**values)


def test_a_parent_declares_a_coming_absence(session: Session) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    reason = reasons_for_child(session, marie, lea)[0]
    absence = declare_absence(
        session, marie, lea, _form(date(2027, 5, 12), reason_id=reason.id, reason_text=""), NOW
    )
    assert absence.justified and absence.source == "family"
    assert any(r.absence_id == absence.id for r in absences_for_child(session, marie, lea))


@pytest.mark.parametrize(
    ("form", "field", "key"),
    [
        (_form(date(2026, 11, 20)), "starts_on", "absences.error.past"),
        (_form(date(2026, 11, 26), date(2026, 11, 25)), "ends_on", "absences.error.order"),
        (_form(None), "starts_on", "absences.error.date_required"),
        (
            _form(date(2026, 11, 26), kind=AbsenceKind.LATE_ARRIVAL),
            "at_time",
            "absences.error.time_required",
        ),
        (
            _form(
                date(2026, 11, 26),
                date(2026, 11, 27),
                kind=AbsenceKind.EARLY_DEPARTURE,
                at_time=time(14, 0),
            ),
            "ends_on",
            "absences.error.partial_one_day",
        ),
        (_form(date(2026, 11, 26), reason_text=" "), "reason_text", "absences.error.other_text"),
        (_form(date(2026, 11, 26), reason_chosen=False), "reason", "absences.error.reason"),
    ],
)
def test_bad_declarations_say_which_field(
    session: Session, form: Declaration, field: str, key: str
) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    with pytest.raises(AbsenceError) as caught:
        declare_absence(session, marie, lea, form, NOW)
    assert caught.value.errors[field] == key


def test_another_familys_child_gets_nothing(session: Session) -> None:
    marie, jade = user_id(session, PARENT_EMAIL), child_id(session, "Jade")
    with pytest.raises(Forbidden):
        absences_for_child(session, marie, jade)
    with pytest.raises(Forbidden):
        reasons_for_child(session, marie, jade)
    with pytest.raises(Forbidden):
        declare_absence(session, marie, jade, _form(date(2026, 11, 25)), NOW)


def test_a_reason_of_another_organisation_is_refused(session: Session) -> None:
    claire = user_id(session, "claire.martin@example.org")
    marie, lea, jade = (
        user_id(session, PARENT_EMAIL),
        child_id(session, "Léa"),
        child_id(session, "Jade"),
    )
    commune_reason = reasons_for_child(session, claire, jade)[0]
    with pytest.raises(AbsenceError) as caught:
        declare_absence(
            session, marie, lea, _form(date(2026, 11, 25), reason_id=commune_reason.id), NOW
        )
    assert caught.value.errors == {"reason": "absences.error.reason"}


def test_justify_only_the_childs_own_unjustified_absence(session: Session) -> None:
    marie, thomas = user_id(session, PARENT_EMAIL), child_id(session, "Thomas")
    claire, jade = user_id(session, "claire.martin@example.org"), child_id(session, "Jade")
    jade_absence = next(r for r in absences_for_child(session, claire, jade) if not r.justified)
    with pytest.raises(Forbidden):  # Jade's absence through Thomas, Marie's own child
        justify_absence(session, marie, thomas, jade_absence.absence_id, None, "Malade")
    with pytest.raises(Forbidden):
        justify_absence(session, marie, jade, jade_absence.absence_id, None, "Malade")
    own = next(r for r in absences_for_child(session, marie, thomas) if not r.justified)
    justified = justify_absence(session, marie, thomas, own.absence_id, None, "Malade")
    assert justified.justified and justified.justified_by_user_id == marie
