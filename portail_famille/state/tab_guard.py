"""Runs before every event of every tab: whose tab it is, and whether the call fits its handler.

Reflex keeps each tab's states on the server under a token the page holds, across page loads. A
tab's states are filled for one signed-in user; when the session cookie an event carries belongs to
someone else, or to nobody (signed out, expired, password changed, account disabled), every state of
that tab is reset before the event runs, and the page is given a new token.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from typing import TYPE_CHECKING

from reflex.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event
from reflex_base.registry import RegistrationContext

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.services import sessions
from portail_famille.state.event_arguments import refusal, settle_forms
from portail_famille.state.session import SessionState

if TYPE_CHECKING:
    from reflex.app import App

_log = logging.getLogger("portail_famille.events")

# The page's own boot events (hydrate, on-load dispatch) belong to Reflex, not to a state of ours.
_REFLEX_MODULES = ("reflex.", "reflex_base.")


def signed_in_user_id(cookie_header: str | None) -> int | None:
    """The account behind the session cookie, checked against the database now."""
    token = session_token_from_header(cookie_header)
    if token is None:
        return None
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        return user.id if user is not None else None


async def reset_tab(root: BaseState) -> None:
    """Every state of the tab back to its defaults (Reflex's own bookkeeping states aside)."""
    for state_cls in type(root).get_substates():
        if state_cls.__module__.startswith(_REFLEX_MODULES):
            continue
        substate = await root.get_state(state_cls)
        if not _pristine(substate):
            substate.reset()


def _pristine(state: BaseState) -> bool:
    """Still at its defaults: resetting it would only cost a write of an empty state."""
    cls = type(state)
    fields = cls.get_fields()
    parent = cls.get_parent_state()
    inherited = parent.get_fields() if parent is not None else {}
    own = [name for name in fields if name not in inherited]
    return all(getattr(state, name) == fields[name].default_value() for name in own) and all(
        _pristine(sub) for sub in state.substates.values()
    )


@dataclasses.dataclass
class TabGuard(Middleware):
    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        await self._claim_for_cookie_user(app, state)
        registered = RegistrationContext.get().event_handlers.get(event.name)
        if registered is None or registered.states[0].__module__.startswith(_REFLEX_MODULES):
            return None
        handler = registered.handler
        settle_forms(event.payload)
        reason = (
            "setvar is not offered"
            if event.name.endswith(".setvar")
            else refusal(handler.fn, event.payload)
        )
        if reason is None:
            return None
        # One line, no values: a crafted flood must not fill the disk with tracebacks.
        _log.warning("refused event %s: %s", handler.fn.__qualname__, reason)
        return StateUpdate()

    async def _claim_for_cookie_user(self, app: App, root: BaseState) -> None:
        user_id = await asyncio.to_thread(signed_in_user_id, root.router.headers.cookie)
        session_state = await root.get_state(SessionState)
        if session_state._tab_claimed and session_state._tab_user_id == user_id:
            return
        previous = session_state._tab_user_id if session_state._tab_claimed else None
        # An unclaimed tab is reset too: its record may have expired before its other states did.
        await reset_tab(root)
        session_state._tab_claimed, session_state._tab_user_id = True, user_id
        if previous is not None:
            await _give_new_token(app, root)


async def _give_new_token(app: App, root: BaseState) -> None:
    """The page stores a fresh token (Reflex's own "new_token" message), used from its next load."""
    namespace = app.event_namespace
    sid = root.router.session.session_id
    if namespace is not None and sid:
        await namespace.emit("new_token", str(uuid.uuid4()), to=sid)
