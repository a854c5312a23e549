"""Accepting a staff invitation: e-mail, the 8-digit code, and a new password typed twice."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.services.password_policy import password_problem
from portail_famille.services.staff import StaffError
from portail_famille.services.staff_invitations import accept_invitation
from portail_famille.state.lang import LangState
from portail_famille.state.signals import focus_element

INVITATION_FIELDS = ("email", "code", "password", "confirm")
# Every key always present: the page reads each one, and a missing key would be `undefined`.
NO_ERRORS = dict.fromkeys((*INVITATION_FIELDS, "form"), "")


class InvitationState(rx.State):
    errors: dict[str, str] = NO_ERRORS  # field -> catalogue key; "form": the code as a whole
    done: bool = False

    @rx.event
    def load(self):
        self.errors, self.done = dict(NO_ERRORS), False
        return LangState.apply_html_lang

    @rx.event
    def accept(self, form: dict):
        values = {name: str(form.get(name, ""))[:300] for name in INVITATION_FIELDS}
        errors = {name: "staff.invitation.required" for name in values if not values[name]}
        if "password" not in errors:
            problem = password_problem(values["password"], email=values["email"])
            if problem:
                errors["password"] = problem
        if not errors and values["password"] != values["confirm"]:
            errors["confirm"] = "staff.invitation.mismatch"
        if errors:
            self.errors = {**NO_ERRORS, **errors}
            return _focus(next(name for name in INVITATION_FIELDS if name in errors))
        try:
            # The wrong code's lost attempt must be saved: the outcome is a value, not a raise.
            with session_scope() as session:
                user = accept_invitation(
                    session, email=values["email"], code=values["code"], password=values["password"]
                )
        except StaffError as problem:
            self.errors = {**NO_ERRORS, "password": problem.code}
            return _focus("invitation-password")
        if user is None:
            self.errors = {**NO_ERRORS, "form": "staff.invitation.invalid"}
            return _focus("invitation-code")
        self.errors, self.done = dict(NO_ERRORS), True
        return _focus("invitation-done")


def _focus(element_id: str):
    """Moves keyboard focus to the first field to fix (ids are ours, never the client's)."""
    if not element_id.startswith("invitation-"):
        element_id = f"invitation-{element_id}"
    return focus_element(element_id)
