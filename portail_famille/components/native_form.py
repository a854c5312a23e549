"""A plain HTML form that the browser submits itself (Reflex's form always cancels the submit).

Used where the server must answer with a redirect and a cookie: sign-in and sign-out.
"""

from __future__ import annotations

from typing import Any

from reflex_components_core.el.elements.forms import Form


class NativeForm(Form):
    @classmethod
    def create(cls, *children: Any, **props: Any) -> Any:
        if "on_submit" in props:
            raise TypeError("a native form is submitted by the browser, not by an event handler")
        props["handle_submit_unique_name"] = "native"  # skips Reflex's submit hook
        return super(Form, cls).create(*children, **props)


native_form = NativeForm.create
