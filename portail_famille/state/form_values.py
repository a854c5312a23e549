"""Reading what a Reflex form sends to its on_submit handler."""

from __future__ import annotations

from typing import Any


def is_checked(form: dict[str, Any], name: str) -> bool:
    """A checkbox: Reflex sends True for a checkbox it tracks, the browser "on" for others."""
    return form.get(name) in (True, "on", "true")
