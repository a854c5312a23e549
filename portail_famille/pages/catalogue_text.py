"""Text for a catalogue key that a state chose at run time (an error, a notice)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reflex as rx

from portail_famille.state.lang import t


def text_of(key: Any, keys: Iterable[str]) -> Any:
    """The current language's text of `key`, one of `keys` (anything else shows nothing)."""
    return rx.match(key, *[(known, t(known)) for known in keys], "")
