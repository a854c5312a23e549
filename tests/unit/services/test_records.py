"""The child's and family's records: read by their guardian only, bank details masked and sealed."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import FamilyRecord
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.records import records_for_guardian
from portail_famille.services.sealing import seal, unseal
from portail_famille.state.record import child_view, family_view
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db

CLAIRE = "claire.martin@example.org"


def test_jades_record_and_the_martin_household(session: Session) -> None:
    sheet, family = records_for_guardian(
        session, user_id(session, CLAIRE), child_id(session, "Jade")
    )
    assert sheet.full_name == "Jade Martin" and sheet.grade == "CE2"
    assert sheet.record is not None and "Lactose" in (sheet.record.allergies or "")
    assert [p.name for p in sheet.pickups] == ["Julien Martin", "Monique Martin"]
    assert family.name == "Famille Martin" and family.caf_number == "1234567"
    assert family.bank_masked == "•••• 0189"


def test_thomas_subjects_carry_their_teachers_school_email(session: Session) -> None:
    sheet, _family = records_for_guardian(
        session, user_id(session, PARENT_EMAIL), child_id(session, "Thomas")
    )
    maths = next(s for s in sheet.subjects if s.name == "Mathématiques")
    assert (maths.detail, maths.email) == ("M. Olivier Fortin", "o.fortin@mille-lacs.example.org")


def test_the_full_account_number_is_sealed_at_rest_and_never_in_the_state(
    session: Session,
) -> None:
    record = session.exec(select(FamilyRecord).where(FamilyRecord.caf_number == "1234567")).one()
    assert record.bank_account_sealed and "0112" not in record.bank_account_sealed
    assert unseal(record.bank_account_sealed) == "FR76 3000 6000 0112 3456 7890 189"
    sheet, family = records_for_guardian(
        session, user_id(session, CLAIRE), child_id(session, "Hugo")
    )
    shown = repr(family_view(family)) + repr(child_view(sheet))
    assert "0112" not in shown and "FR76" not in shown and "0189" in shown


def test_a_tampered_seal_opens_to_nothing() -> None:
    token = seal("FR7630006000011234567890189")
    assert unseal(token[:-4] + "AAAA") is None


def test_another_familys_child_gets_nothing(session: Session) -> None:
    with pytest.raises(Forbidden):
        records_for_guardian(session, user_id(session, PARENT_EMAIL), child_id(session, "Hugo"))
    with pytest.raises(Forbidden):
        records_for_guardian(session, user_id(session, CLAIRE), child_id(session, "Léa"))
