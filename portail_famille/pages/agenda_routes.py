"""The Agenda and Absences pages (family and console), added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.absences import absences_page
from portail_famille.pages.absences_console import absences_console_page
from portail_famille.pages.agenda import agenda_page
from portail_famille.paths import ABSENCES_PAGE, AGENDA_PAGE, STAFF_ABSENCES
from portail_famille.state.absences import AbsencesState
from portail_famille.state.absences_console import AbsenceConsoleState
from portail_famille.state.agenda import AgendaState
from portail_famille.state.children import ChildSelectionState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        agenda_page,
        route=AGENDA_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, AgendaState.load],
    )
    app.add_page(
        absences_page,
        route=ABSENCES_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, AbsencesState.load],
    )
    app.add_page(
        absences_console_page, route=STAFF_ABSENCES, title=TITLE, on_load=AbsenceConsoleState.load
    )
