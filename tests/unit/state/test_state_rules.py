"""Reflex state rules: no automatic setters, ids only in backend vars."""

import reflex as rx
from reflex_base.config import get_config

import portail_famille.portail_famille
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.console import ConsoleState
from portail_famille.state.family import FamilyHomeState
from portail_famille.state.session import SessionState


def test_no_state_gets_automatic_setters() -> None:
    assert get_config().state_auto_setters is False
    for state in (FamilyHomeState, ConsoleState, SessionState):
        assert not [name for name in state.event_handlers if name.startswith("set_")]


def test_child_ids_never_reach_the_page() -> None:
    assert "_child_ids" in ChildSelectionState.__annotations__
    assert "_child_ids" not in ChildSelectionState.vars
    assert "_child_ids" not in ChildSelectionState.base_vars
    sent = set().union(
        *(s.vars for s in (FamilyHomeState, SessionState, ConsoleState, ChildSelectionState))
    )
    ours = {name for name in sent if not name.startswith("rx_")}  # rx_*: Reflex's router data
    assert not [name for name in ours if name.endswith("_id") or name.endswith("_ids")]


def test_the_app_is_a_reflex_app() -> None:
    assert isinstance(portail_famille.portail_famille.app, rx.App)


def _all_states(root: type[rx.State]) -> list[type[rx.State]]:
    found = []
    for sub in root.__subclasses__():
        found.append(sub)
        found.extend(_all_states(sub))
    return found


# Shown to their owner on purpose, once: the authenticator's key while it is being added, and the
# recovery codes right after they are made (both emptied as soon as the step is over).
SHOWN_ONCE = {("SecondFactorSettingsState", "secret"), ("SecondFactorSettingsState", "codes")}


def test_no_secret_is_ever_a_var_the_page_receives() -> None:
    ours = [s for s in _all_states(rx.State) if s.__module__.startswith("portail_famille.")]
    assert len(ours) >= 8
    for state in ours:
        sent = {**state.base_vars, **state.computed_vars}
        leaking = [
            name
            for name, var in sent.items()
            if any(word in name for word in ("password", "token", "hash", "secret", "code"))
            and var._var_type is not bool  # "has_password" says whether, never what
            and (state.__name__, name) not in SHOWN_ONCE
        ]
        assert not leaking, f"{state.__name__} sends {leaking} to the page"
