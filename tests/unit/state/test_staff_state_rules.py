"""The staff, inbox and help states: no automatic setters, and ids never reach the page."""

import pytest
import reflex as rx

import portail_famille.portail_famille  # noqa: F401  (registers every page and state)
from portail_famille.state.absences import AbsencesState
from portail_famille.state.absences_console import AbsenceConsoleState
from portail_famille.state.agenda import AgendaState
from portail_famille.state.calendar_feed import CalendarFeedState
from portail_famille.state.console_nav import ConsoleNavState
from portail_famille.state.help import ContactFormState, ContactsState
from portail_famille.state.inbox import InboxState
from portail_famille.state.invitation import InvitationState
from portail_famille.state.request_console import RequestConsoleState
from portail_famille.state.staff_admin import StaffAdminState

STATES: list[type[rx.State]] = [
    StaffAdminState,
    InboxState,
    ContactFormState,
    ContactsState,
    InvitationState,
]
STATES += [ConsoleNavState, AgendaState, AbsencesState, AbsenceConsoleState, CalendarFeedState]
STATES += [RequestConsoleState]


@pytest.mark.parametrize("state", STATES)
def test_no_automatic_setters_and_no_ids_sent(state: type[rx.State]) -> None:
    assert not [name for name in state.event_handlers if name.startswith("set_")]
    sent = [name for name in state.vars if not name.startswith("rx_")]
    assert not [name for name in sent if name.endswith("_id") or name.endswith("_ids")]


@pytest.mark.parametrize(
    ("state", "hidden"),
    [
        (StaffAdminState, "_staff_user_ids"),
        (StaffAdminState, "_membership_ids"),
        (StaffAdminState, "_organisation_ids"),
        (StaffAdminState, "_school_ids"),
        (InboxState, "_message_ids"),
        (ContactFormState, "_school_ids"),
        (AbsencesState, "_absence_ids"),
        (AbsencesState, "_reason_ids"),
        (AbsenceConsoleState, "_absence_ids"),
        (AbsenceConsoleState, "_pupil_ids"),
        (RequestConsoleState, "_request_ids"),
        (RequestConsoleState, "_school_ids"),
    ],
)
def test_ids_live_in_backend_vars(state: type[rx.State], hidden: str) -> None:
    assert hidden in state.__annotations__
    assert hidden not in state.vars
    assert hidden not in state.base_vars
