"""The parent's payments page and the console's payments screen, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.payments import payments_page
from portail_famille.pages.payments_console import payments_console_page
from portail_famille.paths import PAYMENTS_PAGE, STAFF_PAYMENTS
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.payments import PaymentsState
from portail_famille.state.payments_console import PaymentsConsoleState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        payments_page,
        route=PAYMENTS_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, PaymentsState.load],
    )
    app.add_page(
        payments_console_page, route=STAFF_PAYMENTS, title=TITLE, on_load=PaymentsConsoleState.load
    )
