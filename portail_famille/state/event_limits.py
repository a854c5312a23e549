"""A limit on events per tab and per client address, before any handler runs.

Thousands of events from a few sockets must not slow another family: each tab (client token)
and each address has a bucket that refills steadily; an event past it is dropped with one log
line, and the page shows a short notice (SignalState.slowed) instead of silently doing nothing.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event

from portail_famille.state.signals import SignalState

log = logging.getLogger(__name__)


@dataclass
class Bucket:
    capacity: float
    per_second: float
    tokens: float = -1.0
    at: float = 0.0

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.at = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.at) * self.per_second)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class EventLimiter(Middleware):
    """Per tab: 120 at once, then 30 a second (a page load costs about ten events, and a parent
    going fast through five pages must never meet the limit); per address: 2,000, then 300 a
    second (a school's or a town hall's network puts many families behind one address)."""

    def __init__(
        self,
        tab: tuple[float, float] = (120, 30),
        address: tuple[float, float] = (2000, 300),
        max_clients: int = 50_000,
    ) -> None:
        self.tab, self.address, self.max_clients = tab, address, max_clients
        self._buckets: dict[str, Bucket] = {}

    def _bucket(self, key: str, shape: tuple[float, float]) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.max_clients:
                self._buckets.clear()  # a flood of made-up tokens cannot grow memory forever
            bucket = self._buckets[key] = Bucket(*shape)
        return bucket

    def forget(self) -> None:
        """Every bucket full again, as at the process's start."""
        self._buckets.clear()

    def allows(self, token: str, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        tab_ok = self._bucket(f"t:{token}", self.tab).take(now)
        return self._bucket(f"a:{address}", self.address).take(now) and tab_ok

    async def preprocess(self, app: Any, state: BaseState, event: Event) -> StateUpdate | None:
        session = state.router.session
        if self.allows(str(session.client_token), str(session.client_ip or "unknown")):
            return None
        log.warning("event refused (rate): %s from %s", event.name[:80], session.client_ip)
        signals = await state.get_state(SignalState)
        signals.slowed = secrets.token_hex(4)
        delta = await state._get_resolved_delta()
        state._clean()
        return StateUpdate(delta=delta, events=[], final=True)


# The app's one limiter (portail_famille.py adds it to the app's middleware).
EVENT_LIMITER = EventLimiter()
