"""What a tab's stored state may keep, and where Reflex stores it.

A tab's states stay on the server between events (in memory, in Redis, or on disk with Reflex's
disk manager). Health data is sent to the page once and not kept there; the folder Reflex's disk
manager would use is readable by the service's user only, and emptied when another manager is used.
"""

from __future__ import annotations

import logging

import reflex as rx
from reflex.utils import prerequisites
from reflex_base.config import get_config
from reflex_base.constants import StateManagerMode

_log = logging.getLogger(__name__)


def forget_once_sent(state: rx.State, *names: str) -> None:
    """Back to their defaults on the server only, after a `yield` has sent them to the page.

    Not marked dirty, so the page keeps showing what it was sent; a reload asks again.
    """
    fields = type(state).get_fields()
    for name in names:
        setattr(state, name, fields[name].default_value())
        state.dirty_vars.discard(name)


def states_on_disk() -> bool:
    """Whether Reflex's disk manager is the one in use (no Redis, and disk mode asked for)."""
    return (
        get_config().state_manager_mode == StateManagerMode.DISK
        and prerequisites.parse_redis_url() is None
    )


def secure_state_folder() -> int:
    """Makes the states folder private; drops the disk manager's pickles when it is not in use.

    Returns how many left-over state files were removed.
    """
    folder = prerequisites.get_states_dir()
    on_disk = states_on_disk()
    if not folder.exists():
        if on_disk:
            folder.mkdir(mode=0o700, parents=True)
        return 0
    folder.chmod(0o700)
    if on_disk:
        return 0
    removed = 0
    for path in folder.glob("*.pkl"):
        path.unlink(missing_ok=True)
        removed += 1
    if removed:
        _log.info("removed %d tab state files left on disk in %s", removed, folder)
    return removed
