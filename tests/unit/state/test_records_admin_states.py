"""The records, audit and organisation states: no automatic setters, ids only in backend vars,
health data never in the record screen's identity view."""

import pytest
import reflex as rx
from sqlmodel import Session

import portail_famille.portail_famille  # noqa: F401  (registers every page and state)
from portail_famille.services.demo import SECRETARY_EMAIL
from portail_famille.services.staff_child_record import open_child_record
from portail_famille.state.audit_views import AuditLogState, RecordViewersState
from portail_famille.state.organisation_settings import OrganisationSettingsState
from portail_famille.state.schools import SchoolsState
from portail_famille.state.staff_admin import StaffAdminState
from portail_famille.state.staff_child import StaffChildState, identity_view
from portail_famille.state.staff_records import StaffRecordsState
from tests.results_fixtures import child_id, user_id

STATES: list[type[rx.State]] = [
    StaffRecordsState,
    StaffChildState,
    RecordViewersState,
    AuditLogState,
    OrganisationSettingsState,
    SchoolsState,
    StaffAdminState,
]


@pytest.mark.parametrize("state", STATES)
def test_no_automatic_setters_and_no_ids_sent(state: type[rx.State]) -> None:
    assert not [name for name in state.event_handlers if name.startswith("set_")]
    sent = [name for name in state.vars if not name.startswith("rx_")]
    assert not [name for name in sent if name.endswith("_id") or name.endswith("_ids")]


@pytest.mark.parametrize(
    ("state", "hidden"),
    [
        (StaffRecordsState, "_child_ids"),
        (StaffChildState, "_child"),
        (OrganisationSettingsState, "_organisation_ids"),
        (OrganisationSettingsState, "_reason_ids"),
        (SchoolsState, "_school_ids"),
        (StaffAdminState, "_role_choice_memberships"),
    ],
)
def test_ids_live_in_backend_vars(state: type[rx.State], hidden: str) -> None:
    assert hidden in state.__annotations__
    assert hidden not in state.vars


@pytest.mark.db
def test_the_record_screen_gets_no_health_data_until_a_reason(session: Session) -> None:
    found = open_child_record(
        session, user_id=user_id(session, SECRETARY_EMAIL), child_id=child_id(session, "Léa")
    )
    record = found.sheet.record
    assert record is not None and record.allergies  # Léa's record holds some
    sent = repr(identity_view(found))
    assert record.allergies not in sent
