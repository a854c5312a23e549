"""Browser tabs driven through Reflex's own event processing, with a real state manager.

Each event goes the way a websocket event goes: the app's processor takes the state lock, runs the
app's middleware, then the handler, and streams back the deltas the page would receive.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import threading
import uuid
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

from reflex.istate.manager import StateManager
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState, State
from reflex_base.constants import CompileVars
from reflex_base.event import Event
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from reflex_base.utils.format import format_event_handler

from portail_famille.portail_famille import app
from portail_famille.services.sessions import COOKIE_NAME
from portail_famille.state.event_limits import EVENT_LIMITER

BOOT = State.event_handlers[CompileVars.HYDRATE_AND_LOAD]  # what a page sends when it opens


class Processor:
    def __init__(self, processor: BaseStateEventProcessor, manager: StateManager) -> None:
        self.processor = processor
        self.manager = manager
        self.exceptions: list[Exception] = []

    def tab(self, session_token: str | None = None, path: str = "/") -> Tab:
        return Tab(self, str(uuid.uuid4()), session_token, path)


class Tab:
    """One browser tab: its Reflex token and the session cookie its websocket carries."""

    def __init__(self, owner: Processor, token: str, session_token: str | None, path: str) -> None:
        self.owner, self.token, self.session_token, self.path = owner, token, session_token, path
        self.sid = uuid.uuid4().hex

    def _router_data(self) -> dict[str, Any]:
        cookie = f"{COOKIE_NAME}={self.session_token}" if self.session_token else ""
        return {
            "pathname": self.path,
            "asPath": self.path,
            "query": {},
            "headers": {"cookie": cookie, "origin": "http://localhost:3000"},
            "ip": "127.0.0.1",
            "sid": self.sid,
            "token": self.token,
        }

    async def send(self, handler: Any, **payload: Any) -> str:
        """Sends one event; all the page receives for it (chained events too), as JSON."""
        return await self.send_raw(format_event_handler(handler), payload)

    async def send_raw(self, name: str, payload: Any) -> str:
        event = Event(name=name, payload=payload, router_data=self._router_data())
        stream = self.owner.processor.enqueue_stream_delta(self.token, event)
        try:
            deltas = [delta async for delta in stream]
        except Exception as ex:  # the handler's own exception, as the processor would log it
            self.owner.exceptions.append(ex)
            return ""
        return json.dumps(deltas, ensure_ascii=False, default=str)

    async def open_page(self, path: str | None = None) -> str:
        """A full page load: a new websocket, with the cookie as it is now, sends the boot event."""
        self.path = path or self.path
        self.sid = uuid.uuid4().hex
        return await self.send(BOOT)

    async def root(self) -> BaseState:
        """The whole tree as the state manager keeps it for this tab."""
        manager = self.owner.manager
        root = await manager.get_state(BaseStateToken(ident=self.token, cls=State))
        for state_cls in State.get_substates():
            await root.get_state(state_cls)
        return root

    async def stored(self) -> bytes:
        """Every state of the tab as the manager writes it (the pickles on disk or in Redis)."""
        root = await self.root()
        return b"".join(_serialized(root))


def _serialized(state: BaseState) -> list[bytes]:
    out = [state._serialize()]
    for sub in state.substates.values():
        out.extend(_serialized(sub))
    return out


@asynccontextmanager
async def processing(manager: StateManager) -> AsyncIterator[Processor]:
    """The app's event processor (its middleware included) on `manager`, as a server just
    started: its event limits full (another test's thousands of events are not this one's)."""
    EVENT_LIMITER.forget()
    holder: list[Processor] = []
    processor = BaseStateEventProcessor(
        middleware=app, backend_exception_handler=lambda ex: holder[0].exceptions.append(ex)
    )
    processor.configure(state_manager=manager)
    holder.append(Processor(processor, manager))
    async with processor:
        yield holder[0]
    await manager.close()


def every_app_state() -> list[type[BaseState]]:
    return sorted(
        (s for s in State.get_substates() if s.__module__.startswith("portail_famille.")),
        key=lambda s: s.get_full_name(),
    )


def run(main: Coroutine[Any, Any, None]) -> None:
    """Runs `main` on an event loop of its own, in a thread: the browser tests' Playwright keeps a
    loop running in this thread for the whole session, and asyncio.run refuses to nest in it.
    The thread runs in a copy of this context: Reflex finds its registered handlers there."""
    failures: list[BaseException] = []
    context = contextvars.copy_context()

    def target() -> None:
        try:
            context.run(asyncio.run, main)
        except BaseException as error:  # re-raised in the test's own thread
            failures.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]
