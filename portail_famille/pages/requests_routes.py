"""The request pages of the staff console, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.request_console import request_console_page
from portail_famille.paths import STAFF_REQUESTS
from portail_famille.state.request_console import RequestConsoleState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        request_console_page, route=STAFF_REQUESTS, title=TITLE, on_load=RequestConsoleState.load
    )
