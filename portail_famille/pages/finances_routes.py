"""The Finances tile and the console's finance screens, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.finances import finances_page
from portail_famille.pages.finances_console import (
    consents_console_page,
    finances_console_page,
    statements_console_page,
)
from portail_famille.paths import FINANCES_PAGE, STAFF_CONSENTS, STAFF_FINANCES, STAFF_STATEMENTS
from portail_famille.state.finances import FinancesState
from portail_famille.state.finances_console import (
    ConsentState,
    FinanceConsoleState,
    StatementBatchState,
)

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(finances_page, route=FINANCES_PAGE, title=TITLE, on_load=FinancesState.load)
    app.add_page(
        finances_console_page,
        route=STAFF_FINANCES,
        title=TITLE,
        on_load=FinanceConsoleState.load,
    )
    app.add_page(
        statements_console_page,
        route=STAFF_STATEMENTS,
        title=TITLE,
        on_load=StatementBatchState.load,
    )
    app.add_page(
        consents_console_page, route=STAFF_CONSENTS, title=TITLE, on_load=ConsentState.load
    )
