"""The staff-administration, inbox and help pages, added to the app in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.contact_form import contact_form_page
from portail_famille.pages.help import contacts_page, faq_page
from portail_famille.pages.inbox import inbox_page
from portail_famille.pages.invitation import invitation_page
from portail_famille.pages.staff_admin import staff_people_page
from portail_famille.paths import (
    HELP_CONTACT_FORM,
    HELP_CONTACTS,
    HELP_FAQ,
    STAFF_INBOX,
    STAFF_INVITATION,
    STAFF_PEOPLE,
)
from portail_famille.state.help import ContactFormState, ContactsState
from portail_famille.state.inbox import InboxState
from portail_famille.state.invitation import InvitationState
from portail_famille.state.session import SessionState
from portail_famille.state.staff_admin import StaffAdminState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:
    public = SessionState.load  # public pages still offer a signed-in visitor their home
    app.add_page(faq_page, route=HELP_FAQ, title=TITLE, on_load=public)
    app.add_page(
        contacts_page, route=HELP_CONTACTS, title=TITLE, on_load=[public, ContactsState.load]
    )
    app.add_page(
        contact_form_page,
        route=HELP_CONTACT_FORM,
        title=TITLE,
        on_load=[public, ContactFormState.load],
    )
    app.add_page(invitation_page, route=STAFF_INVITATION, title=TITLE, on_load=InvitationState.load)
    app.add_page(staff_people_page, route=STAFF_PEOPLE, title=TITLE, on_load=StaffAdminState.load)
    app.add_page(inbox_page, route=STAFF_INBOX, title=TITLE, on_load=InboxState.load)
