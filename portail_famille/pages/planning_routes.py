"""The Planning pages (family tile and staff console), added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.planning import planning_page
from portail_famille.pages.planning_console import planning_console_page
from portail_famille.pages.planning_settings import planning_settings_page
from portail_famille.paths import PLANNING_PAGE, STAFF_PLANNING, STAFF_PLANNING_SETTINGS
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.planning import PlanningState
from portail_famille.state.planning_console import PlanningConsoleState
from portail_famille.state.planning_settings import PlanningSettingsState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        planning_page,
        route=PLANNING_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, PlanningState.load],
    )
    app.add_page(
        planning_console_page,
        route=STAFF_PLANNING,
        title=TITLE,
        on_load=PlanningConsoleState.load,
    )
    app.add_page(
        planning_settings_page,
        route=STAFF_PLANNING_SETTINGS,
        title=TITLE,
        on_load=PlanningSettingsState.load,
    )
