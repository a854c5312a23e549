"""What a client may send to an event handler: checked once, for every handler, before it runs.

Any public method of a state is callable by the client with any payload. Rather than each handler
guarding its own arguments, the tab guard checks the payload against the handler's signature:
the same keys (none missing, none extra) and values of the annotated type and bounded size. A call
that does not fit is refused whole, so nothing changes and nothing raises.
"""

from __future__ import annotations

import functools
import inspect
import typing
from typing import Any

import reflex as rx
from reflex_base.utils.form import FORM_DATA_ENTRIES_KEY

MAX_TEXT = 20_000  # the longest text any field takes (a message body)
MAX_FORM_FIELDS = 200
MAX_INT = 2**31 - 1  # positions, steps and ids all fit a database integer


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INT


def _is_form_value(value: Any) -> bool:
    """What a browser form sends: text, or a tracked checkbox's boolean."""
    return _is_text(value) or isinstance(value, bool)


def _is_form(value: Any) -> bool:
    """A form's fields, as a dict or as the ordered [name, value] entries a page submits."""
    if not isinstance(value, dict):
        return False
    if FORM_DATA_ENTRIES_KEY in value:
        entries = value[FORM_DATA_ENTRIES_KEY]
        if len(value) != 1 or not isinstance(entries, list) or len(entries) > MAX_FORM_FIELDS:
            return False
        if not all(isinstance(entry, list) and len(entry) == 2 for entry in entries):
            return False
        pairs = [(name, item) for name, item in entries]
    else:
        pairs = list(value.items())
    return len(pairs) <= MAX_FORM_FIELDS and all(
        _is_text(name) and _is_form_value(item) for name, item in pairs
    )


def _is_upload_list(value: Any) -> bool:
    # Only Reflex's upload route builds these; a websocket payload cannot.
    return isinstance(value, list) and all(isinstance(item, rx.UploadFile) for item in value)


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint) or hint
    if hint is Any:
        return False  # every handler says what it takes
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return _is_int(value)
    if hint is str:
        return _is_text(value)
    if origin is dict:
        return _is_form(value)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        if item is rx.UploadFile:
            return _is_upload_list(value)
        return False
    return False


def settle_forms(payload: Any) -> None:
    """An unchecked tracked checkbox arrives as null: it is an empty field, as in a browser's own
    form post (handlers read fields as text). Changed in place, before `refusal` checks it."""
    if not isinstance(payload, dict):
        return
    for value in payload.values():
        if not isinstance(value, dict):
            continue
        entries = value.get(FORM_DATA_ENTRIES_KEY)
        if isinstance(entries, list):
            for entry in entries:
                if isinstance(entry, list) and len(entry) == 2 and entry[1] is None:
                    entry[1] = ""
        for name, item in list(value.items()):
            if item is None:
                value[name] = ""


def refusal(handler_fn: Any, payload: Any) -> str | None:
    """Why `payload` cannot be passed to `handler_fn`, or None when it fits its signature."""
    if not isinstance(payload, dict):
        return "payload is not an object"
    parameters = _parameters(handler_fn)
    extra = [key for key in payload if key not in parameters]
    if extra:
        return f"unexpected argument {str(extra[0])[:40]!r}"
    for name, (hint, required) in parameters.items():
        if name not in payload:
            if required:
                return f"missing argument {name!r}"
        elif not _fits(payload[name], hint):
            return f"argument {name!r} is not a valid {getattr(hint, '__name__', hint)}"
    return None


@functools.cache
def _parameters(handler_fn: Any) -> dict[str, tuple[Any, bool]]:
    """Each argument's type hint and whether it is required, read once per handler."""
    hints = typing.get_type_hints(handler_fn)
    return {
        name: (hints.get(name, Any), parameter.default is inspect.Parameter.empty)
        for name, parameter in inspect.signature(handler_fn).parameters.items()
        if name != "self"
    }


def item_at(items: list[Any], position: Any) -> Any:
    """The element at a position the page sent, or None when it is not one of the list's."""
    if _is_int(position) and 0 <= position < len(items):
        return items[position]
    return None
