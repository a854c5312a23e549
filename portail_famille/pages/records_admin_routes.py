"""Records, audit log and organisation settings pages, and the audit CSV route, in one call."""

from __future__ import annotations

import reflex as rx

from portail_famille.pages.audit_log import audit_log_page
from portail_famille.pages.organisation_settings import organisation_settings_page
from portail_famille.pages.record_viewers import record_viewers_page
from portail_famille.pages.staff_child import staff_child_page
from portail_famille.pages.staff_records import staff_records_page
from portail_famille.paths import (
    RECORD_VIEWERS_PAGE,
    STAFF_AUDIT_LOG,
    STAFF_CHILD_RECORD,
    STAFF_ORGANISATION,
    STAFF_RECORDS,
)
from portail_famille.state.audit_views import AuditLogState, RecordViewersState
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.organisation_settings import OrganisationSettingsState
from portail_famille.state.schools import SchoolsState
from portail_famille.state.staff_child import StaffChildState
from portail_famille.state.staff_records import StaffRecordsState

TITLE = "Portail Famille"


def register(app: rx.App) -> None:

    app.add_page(
        staff_records_page, route=STAFF_RECORDS, title=TITLE, on_load=StaffRecordsState.load
    )
    app.add_page(
        staff_child_page, route=STAFF_CHILD_RECORD, title=TITLE, on_load=StaffChildState.load
    )
    app.add_page(audit_log_page, route=STAFF_AUDIT_LOG, title=TITLE, on_load=AuditLogState.load)
    app.add_page(
        organisation_settings_page,
        route=STAFF_ORGANISATION,
        title=TITLE,
        on_load=[OrganisationSettingsState.load, SchoolsState.load],
    )
    app.add_page(
        record_viewers_page,
        route=RECORD_VIEWERS_PAGE,
        title=TITLE,
        on_load=[ChildSelectionState.load, RecordViewersState.load],
    )
