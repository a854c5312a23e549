"""A tab's states are reset when its session ends or another user's cookie reaches it (issue 14,
item 2), through Reflex's own event processing on the in-process and the Redis state managers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlmodel import Session

from portail_famille.models import AccountStatus
from portail_famille.services import sessions
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.state.family import FamilyHomeState
from portail_famille.state.session import SessionState
from portail_famille.state.staff_child import StaffChildState
from portail_famille.state.staff_records import StaffRecordsState
from tests.accounts import account
from tests.unit.state.reflex_events import Tab, processing, run
from tests.unit.state.tab_fixtures import MANAGERS, manager_params, signed_in

pytestmark = pytest.mark.usefixtures("tab_db")

# What the secretary's tab holds once she has opened Léa's health data.
LEFT_BEHIND = ["Arachides", "EpiPen", "GAGL14531701", "secretariat.erables@example.org"]


async def _secretary_reads_lea_health(tab: Tab) -> str:
    await tab.open_page("/console/dossiers")
    await tab.send(StaffRecordsState.search, form={"query": "Léa"})
    await tab.send(StaffRecordsState.open_child, position=0)
    tab.path = "/console/dossiers/enfant"
    seen = await tab.send(StaffChildState.load)
    seen += await tab.send(StaffChildState.show_health, form={"reason": "Sortie au musée jeudi"})
    return seen


def _run(manager: str, scenario: Callable[[Tab, Session], Awaitable[None]], db: Session) -> None:
    async def main() -> None:
        async with processing(MANAGERS[manager]()) as processor:
            tab = processor.tab(signed_in(db, SECRETARY_EMAIL))
            seen = await _secretary_reads_lea_health(tab)
            assert "Arachides" in seen and "EpiPen" in seen  # she did see them
            await scenario(tab, db)
            assert processor.exceptions == []

    run(main())


async def _nothing_left(tab: Tab, received: str) -> None:
    stored = await tab.stored()
    for text in LEFT_BEHIND:
        assert text not in received, f"the page received {text!r}"
        assert text.encode() not in stored, f"the tab's state still holds {text!r}"


@pytest.mark.parametrize("manager", manager_params())
def test_the_page_after_sign_out_receives_nothing_of_the_previous_user(
    manager: str, tab_db: Session
) -> None:
    async def sign_out(tab: Tab, db: Session) -> None:
        sessions.close_session(db, tab.session_token)  # what /api/auth/signout does
        db.commit()
        tab.session_token = None  # ... and the browser's cookie is gone
        received = await tab.open_page("/")
        await _nothing_left(tab, received)

    _run(manager, sign_out, tab_db)


@pytest.mark.parametrize("manager", manager_params())
@pytest.mark.parametrize("ending", ["signed_out_everywhere", "account_disabled"])
def test_a_session_ending_elsewhere_resets_the_tab_at_its_next_event(
    manager: str, ending: str, tab_db: Session
) -> None:
    async def end_then_click(tab: Tab, db: Session) -> None:
        user = account(db, SECRETARY_EMAIL)
        assert user.id is not None
        if ending == "signed_out_everywhere":  # a password change does the same
            sessions.close_all_sessions(db, user.id)
        else:
            user.status = AccountStatus.DISABLED
            db.add(user)
        db.commit()
        try:
            # The same websocket, the same (now dead) cookie: any click at all.
            received = await tab.send(StaffChildState.hide_health)
            await _nothing_left(tab, received)
        finally:
            user.status = AccountStatus.ACTIVE
            db.add(user)
            db.commit()

    _run(manager, end_then_click, tab_db)


@pytest.mark.parametrize("manager", manager_params())
def test_another_users_cookie_on_the_same_tab_finds_it_empty(manager: str, tab_db: Session) -> None:
    async def parent_takes_the_tab(tab: Tab, db: Session) -> None:
        tab.session_token = signed_in(db, PARENT_EMAIL)  # signs in as B in the same tab
        received = await tab.open_page("/famille")
        received += await tab.send(FamilyHomeState.load)
        await _nothing_left(tab, received)
        root = await tab.root()
        session_state = await root.get_state(SessionState)
        assert session_state.display_name == account(db, PARENT_EMAIL).display_name

    _run(manager, parent_takes_the_tab, tab_db)


@pytest.mark.parametrize("manager", manager_params())
def test_the_same_user_keeps_the_tab(manager: str, tab_db: Session) -> None:
    async def reload(tab: Tab, _db: Session) -> None:
        await tab.open_page("/console/dossiers/enfant")
        root = await tab.root()
        assert (await root.get_state(StaffRecordsState)).query == "Léa"

    _run(manager, reload, tab_db)
