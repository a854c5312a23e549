"""Prints what an abandoned tab costs the server: the memory its states hold, what Redis or the disk
manager would store for it, and how long it lives. Each tab is a parent opening the home page
through Reflex's own event processing, then leaving. Runs on a throwaway copy of the demo data:

    .venv/bin/python benchmarks/abandoned_tabs.py --tabs 500
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_folder = Path(tempfile.mkdtemp(prefix="abandoned-tabs-"))
os.environ["PORTAIL_DATABASE_URL"] = f"sqlite:///{_folder / 'portail.db'}"
os.environ["REFLEX_STATES_WORKDIR"] = str(_folder / ".states")


WARM_UP = 20  # tabs opened first, so the app's caches are not counted as the tabs' cost


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def _open_tabs(count: int, lifetime: int, cookie_token: str) -> dict[str, float]:
    """Opens `count` tabs after a warm-up; the time taken and the memory they hold."""
    from reflex.istate.manager.memory import StateManagerMemory

    from tests.unit.state.reflex_events import processing

    manager = StateManagerMemory(token_expiration=lifetime)  # type: ignore[abstract]
    async with processing(manager) as processor:
        for _ in range(WARM_UP):
            await processor.tab(cookie_token, "/famille").open_page()
        gc.collect()
        rss_before = _rss_bytes()
        started = time.perf_counter()
        tabs = []
        for _ in range(count):
            tab = processor.tab(cookie_token, "/famille")
            await tab.open_page()  # the boot event and the page's on_load handlers
            tabs.append(tab)
        elapsed = time.perf_counter() - started
        gc.collect()
        grown = _rss_bytes() - rss_before
        assert not processor.exceptions, processor.exceptions[:3]
        assert len(manager.states) == count + WARM_UP
        sizes = [len(await tab.stored()) for tab in tabs[:20]]
        return {
            "seconds": elapsed,
            "memory_per_tab": grown / count,
            "grown": grown,
            "stored_per_tab": sum(sizes) / len(sizes),
        }


async def _expires(seconds: int, cookie_token: str) -> tuple[int, int]:
    """Tabs held before and after the expiry, with the in-memory manager set to `seconds`."""
    from reflex.istate.manager.memory import StateManagerMemory

    from tests.unit.state.reflex_events import processing

    manager = StateManagerMemory(token_expiration=seconds)  # type: ignore[abstract]
    async with processing(manager) as processor:
        for _ in range(5):
            await processor.tab(cookie_token, "/famille").open_page()
        held = len(manager.states)
        await asyncio.sleep(seconds + 1.5)
        return held, len(manager.states)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=500)
    args = parser.parse_args()

    from reflex_base.config import get_config
    from sqlmodel import Session

    from portail_famille.db import get_engine
    from portail_famille.migrations import upgrade_to_head
    from portail_famille.services import sessions
    from portail_famille.services.demo import PARENT_EMAIL, load_demo
    from tests.accounts import account

    upgrade_to_head(os.environ["PORTAIL_DATABASE_URL"])
    with Session(get_engine()) as session:
        load_demo(session)
        token = sessions.open_session(session, account(session, PARENT_EMAIL), remember=True).token
        session.commit()
    import portail_famille.portail_famille  # noqa: F401  (the app, its states and its guard)

    lifetime = get_config().redis_token_expiration
    print(
        f"state manager: {get_config().state_manager_mode.value}, a tab lives {lifetime / 60:g} min"
    )

    found = asyncio.run(_open_tabs(args.tabs, lifetime, token))
    per_tab = found["memory_per_tab"] / 1024
    print(
        f"{args.tabs} tabs opened in {found['seconds']:.1f} s; the process grew "
        f"{found['grown'] / 2**20:.1f} MB: {per_tab:.1f} KB per tab"
    )
    print(f"stored per tab (what Redis would hold): {found['stored_per_tab'] / 1024:.1f} KB")
    print(
        f"an abandoned tab costs ~{per_tab:.0f} KB of memory for {lifetime / 60:g} min, "
        "nothing on disk (before: 53 KB for 60 min, and a .states/*.pkl file in clear)"
    )
    held, left = asyncio.run(_expires(2, token))
    print(f"expiry check (2 s lifetime): {held} tabs held, {left} left 3.5 s later")


if __name__ == "__main__":
    main()
