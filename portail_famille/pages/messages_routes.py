"""The message and resources pages, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.messages import messages_page
from portail_famille.pages.publications import publications_page
from portail_famille.pages.resources import resources_page
from portail_famille.pages.staff_messages import staff_messages_page
from portail_famille.paths import (
    MESSAGES_PAGE,
    RESOURCES_PAGE,
    STAFF_PUBLICATIONS,
    STAFF_THREADS,
)
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.messages import MessagesState
from portail_famille.state.publications import PublicationsState
from portail_famille.state.resources import ResourcesState
from portail_famille.state.staff_messages import StaffMessagesState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    app.add_page(
        messages_page,
        route=MESSAGES_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, MessagesState.load],
    )
    app.add_page(
        resources_page,
        route=RESOURCES_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, ResourcesState.load],
    )
    app.add_page(
        staff_messages_page, route=STAFF_THREADS, title=TITLE, on_load=StaffMessagesState.load
    )
    app.add_page(
        publications_page, route=STAFF_PUBLICATIONS, title=TITLE, on_load=PublicationsState.load
    )
