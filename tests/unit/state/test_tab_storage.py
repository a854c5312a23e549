"""Health and bank data reach the page but are not kept in the tab's stored state; Reflex's state
folder is private and emptied of old pickles; the app keeps tabs in memory, briefly (issue 14,
item 3)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from reflex_base.config import get_config
from reflex_base.constants import StateManagerMode
from sqlmodel import Session

from portail_famille.config import get_settings
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.record import RecordState
from portail_famille.state.staff_child import StaffChildState
from portail_famille.state.staff_records import StaffRecordsState
from portail_famille.state.tab_storage import secure_state_folder
from tests.unit.state.reflex_events import processing, run
from tests.unit.state.tab_fixtures import MANAGERS, manager_params, signed_in

pytestmark = pytest.mark.usefixtures("tab_db")


@pytest.mark.parametrize("manager", manager_params())
def test_the_console_shows_health_data_without_keeping_it(manager: str, tab_db: Session) -> None:
    async def main() -> None:
        async with processing(MANAGERS[manager]()) as processor:
            tab = processor.tab(signed_in(tab_db, SECRETARY_EMAIL), "/console/dossiers")
            await tab.open_page()
            await tab.send(StaffRecordsState.search, form={"query": "Léa"})
            await tab.send(StaffRecordsState.open_child, position=0)
            tab.path = "/console/dossiers/enfant"
            await tab.send(StaffChildState.load)
            shown = await tab.send(StaffChildState.show_health, form={"reason": "Sortie jeudi"})
            assert "Arachides" in shown and "EpiPen" in shown
            stored = await tab.stored()
            assert b"Arachides" not in stored and b"EpiPen" not in stored
            # Hiding still hides, and asking again shows them again (audited again).
            assert '"health_shown_rx_state_": false' in await tab.send(StaffChildState.hide_health)
            again = await tab.send(StaffChildState.show_health, form={"reason": "Sortie jeudi"})
            assert "Arachides" in again
            assert processor.exceptions == []

    run(main())


@pytest.mark.parametrize("manager", manager_params())
def test_the_record_tile_shows_health_and_bank_details_without_keeping_them(
    manager: str, tab_db: Session
) -> None:
    async def main() -> None:
        async with processing(MANAGERS[manager]()) as processor:
            tab = processor.tab(signed_in(tab_db, PARENT_EMAIL), "/famille/dossier")
            await tab.open_page()
            names = (await (await tab.root()).get_state(ChildSelectionState)).first_names
            await tab.send(ChildSelectionState.select, position=names.index("Léa"))
            shown = await tab.send(RecordState.load)
            assert "Arachides" in shown and "•••• 5213" in shown  # health, bank account
            stored = await tab.stored()
            for kept in ("Arachides", "EpiPen", "5213"):
                assert kept.encode() not in stored, f"the tab's state keeps {kept!r}"
            record = await (await tab.root()).get_state(RecordState)
            assert record.family.bank_masked == "" and record.family.tax_number == ""
            assert processor.exceptions == []

    run(main())


def test_left_over_state_files_are_removed_and_the_folder_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / ".states"
    folder.mkdir(mode=0o755)
    for n in range(3):
        (folder / f"{n}.pkl").write_bytes(b"...Arachides...")
    monkeypatch.setenv("REFLEX_STATES_WORKDIR", str(folder))
    assert secure_state_folder() == 3
    assert list(folder.iterdir()) == []
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_one_worker_keeps_tabs_in_memory_and_forgets_them_within_a_quarter_hour() -> None:
    config = get_config()
    shared = StateManagerMode.REDIS if os.environ.get("REFLEX_REDIS_URL") else None
    assert config.state_manager_mode == (shared or StateManagerMode.MEMORY)
    assert config.redis_token_expiration == get_settings().tab_state_minutes * 60 <= 15 * 60
