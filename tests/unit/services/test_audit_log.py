"""A guardian sees which staff member viewed their child's record; admins search the log and
export it; nobody else reads any of it."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from portail_famille.models import StaffRole, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.audit_csv import audit_csv
from portail_famille.services.audit_log import LogFilters, search_log, viewers_for_guardian
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.staff_child_record import open_child_record
from tests.unit.services.records_admin_fixtures import (
    OTHER_SCHOOL_SECRETARY,
    child_id,
    lea,
    user_id,
)
from tests.unit.services.staff_fixtures import commune_admin

pytestmark = pytest.mark.db


def test_reading_leas_record_shows_in_her_mothers_list(session: Session) -> None:
    parent = user_id(session, PARENT_EMAIL)
    before = len(viewers_for_guardian(session, user_id=parent, child_id=lea(session)).rows)
    open_child_record(session, user_id=user_id(session, SECRETARY_EMAIL), child_id=lea(session))
    found = viewers_for_guardian(session, user_id=parent, child_id=lea(session))
    assert len(found.rows) == before + 1
    newest = found.rows[0]
    assert newest.role == StaffRole.SECRETARY
    assert newest.organisation == "Centre de services scolaire des Mille-Lacs"
    assert newest.action_key == "records_admin.action.record_viewed"
    assert found.child_name == "Léa"


def test_the_list_shows_staff_only_never_the_other_family(session: Session) -> None:
    parent, child = user_id(session, PARENT_EMAIL), lea(session)
    # The parent's own reading (and another guardian's) is not "who viewed my child".
    audit.record(
        session,
        action="child_sheet.viewed",
        actor_user_id=parent,
        object_type="child",
        object_id=child,
    )
    session.flush()
    names = {r.name for r in viewers_for_guardian(session, user_id=parent, child_id=child).rows}
    assert "Marie Tremblay" not in names


@pytest.mark.parametrize(
    "email", [SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL, "claire.martin@example.org"]
)
def test_only_the_childs_guardians_see_the_list(session: Session, email: str) -> None:
    with pytest.raises(Forbidden):
        viewers_for_guardian(session, user_id=user_id(session, email), child_id=lea(session))


def test_the_admin_searches_by_child_staff_action_and_dates(session: Session) -> None:
    admin, secretary = user_id(session, ADMIN_EMAIL), user_id(session, SECRETARY_EMAIL)
    open_child_record(session, user_id=secretary, child_id=lea(session))
    today = utcnow().date()
    found = search_log(
        session,
        user_id=admin,
        filters=LogFilters(
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=1),
            staff="erables",
            child="lea gag",
            action="child.record",
        ),
    ).rows
    assert found and all(r.action == "child.record_viewed" for r in found)
    assert {r.child for r in found} == {"Léa Gagnon"} and found[0].role == "secretary"
    assert (
        search_log(session, user_id=admin, filters=LogFilters(ends_on=date(2000, 1, 1))).rows == []
    )
    assert search_log(
        session, user_id=admin, filters=LogFilters(child="1000001", action="child.")
    ).rows


def test_another_organisations_admin_does_not_see_it(session: Session) -> None:
    open_child_record(session, user_id=user_id(session, SECRETARY_EMAIL), child_id=lea(session))
    mayor = commune_admin(session)
    rows = search_log(session, user_id=mayor, filters=LogFilters()).rows
    assert not [r for r in rows if r.child == "Léa Gagnon" or r.file_number == "1000001"]
    assert search_log(session, user_id=mayor, filters=LogFilters(child="lea")).rows == []
    # The commune's own children stay searchable by its admin.
    open_child_record(
        session, user_id=user_id(session, COMMUNE_AGENT_EMAIL), child_id=child_id(session, "Jade")
    )
    assert search_log(session, user_id=mayor, filters=LogFilters(child="jade")).rows


@pytest.mark.parametrize(
    "email", [SECRETARY_EMAIL, OTHER_SCHOOL_SECRETARY, COMMUNE_AGENT_EMAIL, PARENT_EMAIL]
)
def test_no_one_but_admins_searches_or_exports(session: Session, email: str) -> None:
    with pytest.raises(Forbidden):
        search_log(session, user_id=user_id(session, email), filters=LogFilters())
    with pytest.raises(Forbidden):
        audit_csv(session, user_id=user_id(session, email), filters=LogFilters(), language="fr")


def test_the_csv_has_translated_headers_and_harmless_cells(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    open_child_record(session, user_id=user_id(session, SECRETARY_EMAIL), child_id=lea(session))
    hostile = session.get(UserAccount, admin)
    assert hostile is not None
    hostile.display_name = "=cmd|' /C calc'!A0"  # a name is whatever its owner typed
    audit.record(
        session,
        action="child.record_viewed",
        actor_user_id=admin,
        object_type="child",
        object_id=lea(session),
    )
    session.flush()
    french = audit_csv(session, user_id=admin, filters=LogFilters(child="1000001"), language="fr")
    english = audit_csv(session, user_id=admin, filters=LogFilters(child="1000001"), language="en")
    assert french.splitlines()[0].startswith("Date et heure,Auteur,Courriel,Rôle")
    assert english.splitlines()[0].startswith("Date and time,By,E-mail,Role")
    lines = french.splitlines()[1:]
    assert any("child.record_viewed" in line and "Secrétariat" in line for line in lines)
    assert any("Léa Gagnon,1000001" in line for line in lines)
    assert any("'=cmd|' /C calc'!A0" in line for line in lines)  # a formula is only text
    assert not any(",=" in line for line in lines)
