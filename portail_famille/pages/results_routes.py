"""The Results and Record tiles' pages, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.record import record_page
from portail_famille.pages.results import results_page
from portail_famille.paths import RECORD_PAGE, RESULTS_PAGE
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.record import RecordState
from portail_famille.state.request_form import RequestFormState
from portail_famille.state.results import ResultsState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        results_page,
        route=RESULTS_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, ResultsState.load],
    )
    app.add_page(
        record_page,
        route=RECORD_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, RecordState.load, RequestFormState.reset_form],
    )
