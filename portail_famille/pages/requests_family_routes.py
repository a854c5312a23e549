"""The family's Requests tile, added to the app in one call (the record page's forms ride on
the Record tile's page; see pages/results_routes.py)."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.requests import requests_page
from portail_famille.paths import REQUESTS_PAGE
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.enrolment_period import EnrolmentPeriodState
from portail_famille.state.request_form import RequestFormState
from portail_famille.state.requests import RequestsState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        requests_page,
        route=REQUESTS_PAGE,
        title=TITLE,
        on_load=[
            ChildSelectionState.load,
            RequestFormState.reset_form,
            RequestsState.load,
            EnrolmentPeriodState.load,
        ],
    )
