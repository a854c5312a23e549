"""Crafted calls to every event handler of every state (issue 14, item 9): refused whole, with one
log line, nothing changed and nothing raised; and helpers are not callable as events at all."""

from __future__ import annotations

import inspect
import logging
import typing
from typing import Any

import pytest
from reflex.state import BaseState
from reflex_base.event import EventHandler
from reflex_base.utils.form import FORM_DATA_ENTRIES_KEY
from reflex_base.utils.format import format_event_handler
from sqlmodel import Session

from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.event_arguments import MAX_TEXT, refusal, settle_forms
from portail_famille.state.session import SessionState
from portail_famille.state.staff_child import StaffChildState
from portail_famille.state.staff_records import StaffRecordsState
from tests.unit.state.reflex_events import Tab, every_app_state, processing, run
from tests.unit.state.tab_fixtures import MANAGERS, signed_in

pytestmark = pytest.mark.usefixtures("tab_db")

HELPERS: dict[type[BaseState], list[str]] = {
    SessionState: ["current_token", "current_user_id", "client_address"],
    ChildSelectionState: ["refresh", "child_ids", "selected_child"],
    StaffChildState: ["choose"],
}


def test_internal_helpers_are_not_event_handlers() -> None:
    for state, names in HELPERS.items():
        callable_by_client = [name for name in names if name in state.event_handlers]
        assert not callable_by_client, f"{state.__name__}: {callable_by_client}"


def _handlers() -> list[tuple[type[BaseState], str, EventHandler]]:
    return [
        (state, name, handler)
        for state in every_app_state()
        for name, handler in state.event_handlers.items()
    ]


def _parameters(handler: EventHandler) -> dict[str, Any]:
    hints = typing.get_type_hints(handler.fn)
    names = list(inspect.signature(handler.fn).parameters)[1:]  # after self
    return {name: hints.get(name, Any) for name in names}


def _well_typed(hint: Any) -> Any:
    origin = typing.get_origin(hint) or hint
    return {int: 0, str: "", bool: False, dict: {}, list: []}.get(origin, "")


def _malformed(handler: EventHandler) -> list[Any]:
    """Payloads no page sends: keys missing or extra, values of the wrong type or size."""
    params = _parameters(handler)
    fitting = {name: _well_typed(hint) for name, hint in params.items()}
    crafted: list[Any] = ["a string, not an object", {**fitting, "extra": 1}]
    if params:
        crafted.append({})
    for name, hint in params.items():
        wrong: list[Any] = [None, [1, 2], {"nested": {"a": 1}}, "x" * (MAX_TEXT + 1)]
        if hint is not str:
            wrong += ["abc"]
        if hint is not int:
            wrong += [-1]
        if hint is int:
            wrong += [True, 1.5, 10**12]
        if typing.get_origin(hint) is dict or hint is dict:
            wrong += ["name=Léa&reason=x", {"reason": ["a", "b"]}, {"reason": 5}]
            wrong += [{FORM_DATA_ENTRIES_KEY: "abc"}, {FORM_DATA_ENTRIES_KEY: [["reason"]]}]
            wrong += [{FORM_DATA_ENTRIES_KEY: [["reason", {"a": 1}]]}]
        crafted += [{**fitting, name: value} for value in wrong]
    return crafted


async def _open_tabs(processor: Any, db: Session) -> list[Tab]:
    """A guardian's tab and a secretary's, each with every state loaded (lists to point into)."""
    tabs = [
        processor.tab(signed_in(db, PARENT_EMAIL), "/famille"),
        processor.tab(signed_in(db, SECRETARY_EMAIL), "/console"),
    ]
    for tab in tabs:
        await tab.open_page()
        for state in every_app_state():
            if "load" in state.event_handlers:
                await tab.send(state.event_handlers["load"])
    return tabs


def test_every_handler_refuses_malformed_calls_with_nothing_changed(
    tab_db: Session, caplog: pytest.LogCaptureFixture
) -> None:
    handlers = _handlers()
    assert len(handlers) > 150  # every handler of every state, not a sample

    async def main() -> None:
        async with processing(MANAGERS["memory"]()) as processor:
            tabs = await _open_tabs(processor, tab_db)
            assert processor.exceptions == []
            calls = 0
            for tab in tabs:
                for state, name, handler in handlers:
                    for payload in _malformed(handler):
                        before = await tab.stored()
                        caplog.clear()
                        with caplog.at_level(logging.INFO):
                            received = await tab.send_raw(format_event_handler(handler), payload)
                        where = f"{state.__name__}.{name}({str(payload)[:60]})"
                        assert processor.exceptions == [], where
                        assert received == "[]", f"{where} answered {received[:200]}"
                        assert await tab.stored() == before, f"{where} changed the tab"
                        lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
                        assert [r.name for r in lines] == ["portail_famille.events"], where
                        assert lines[0].exc_info is None and "\n" not in lines[0].getMessage()
                        calls += 1
            assert calls > 1500

    run(main())


def _hostile_but_well_typed(handler: EventHandler) -> list[dict[str, Any]]:
    """Payloads of the right shape with values no page sends: out-of-range numbers, odd forms."""
    params = _parameters(handler)
    fitting = {name: _well_typed(hint) for name, hint in params.items()}
    crafted: list[dict[str, Any]] = []
    for name, hint in params.items():
        origin = typing.get_origin(hint) or hint
        if origin is int:
            values: list[Any] = [-1, -(2**31) + 1, 10**6, 2**31 - 1]
        elif origin is str:
            values = ["", "abc", "é" * MAX_TEXT]
        elif origin is dict:
            values = [{}, {"reason": True, "query": True, "body": True}, {"x" * 300: "y"}]
        else:
            continue
        crafted += [{**fitting, name: value} for value in values]
    return crafted


def test_every_handler_takes_out_of_range_values_without_raising(tab_db: Session) -> None:
    async def main() -> None:
        async with processing(MANAGERS["memory"]()) as processor:
            tabs = await _open_tabs(processor, tab_db)
            failures: list[str] = []
            for tab in tabs:
                for state, name, handler in _handlers():
                    if name == "setvar":
                        continue
                    for payload in _hostile_but_well_typed(handler):
                        await tab.send(handler, **payload)
                        if processor.exceptions:
                            error = processor.exceptions.pop()
                            failures.append(
                                f"{state.__name__}.{name}({str(payload)[:50]}): {error!r}"
                            )
                            processor.exceptions.clear()
            assert not failures, "\n".join(failures)

    run(main())


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"position": 1}, None),
        ({}, "missing argument 'position'"),
        ({"position": 1, "right": "abc"}, "unexpected argument 'right'"),
        ({"position": "1"}, "argument 'position' is not a valid int"),
        ({"position": True}, "argument 'position' is not a valid int"),
    ],
)
def test_refusal_says_what_does_not_fit(payload: dict[str, Any], reason: str | None) -> None:
    assert refusal(ChildSelectionState.event_handlers["select"].fn, payload) == reason


def test_a_form_as_a_page_submits_it_fits() -> None:
    search = StaffRecordsState.event_handlers["search"].fn
    submitted = {FORM_DATA_ENTRIES_KEY: [["query", "Léa"], ["exact", True]]}
    assert refusal(search, {"form": submitted}) is None
    assert refusal(search, {"form": {"query": "Léa"}}) is None
    assert refusal(search, {"form": {FORM_DATA_ENTRIES_KEY: [["query", None]]}}) is not None
    # ...until the guard settles it: an unchecked tracked checkbox is sent as null (seen from
    # the console's "apply anyway" box), an empty field as a browser's own post has it.
    unchecked = {"form": {FORM_DATA_ENTRIES_KEY: [["query", "Léa"], ["anyway", None]]}}
    settle_forms(unchecked)
    assert refusal(search, unchecked) is None
    assert unchecked["form"][FORM_DATA_ENTRIES_KEY][1] == ["anyway", ""]
