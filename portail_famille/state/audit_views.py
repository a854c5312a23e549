"""Reading the audit log: the guardian's "who viewed or changed my child's record" (two lists) and
the admin's search.

The admin's CSV export is a plain GET to api/audit_export.py carrying the same filters: the
browser sends the session cookie and the route re-checks the admin's rights.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.api.audit_export import AUDIT_CSV_PATH
from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_moment, locale_for
from portail_famille.paths import SIGN_IN_PAGE, STAFF_HOME
from portail_famille.services.access import Forbidden
from portail_famille.services.audit_log import (
    LogFilters,
    ViewerRow,
    filters_query,
    parse_filters,
    search_log,
    viewers_for_guardian,
)
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.session import SessionState


@dataclass
class ViewerView:
    at: dict[str, str]
    name: str
    role: str
    organisation: str
    action_key: str


def _viewer_views(rows: list[ViewerRow], timezone: str, country: str) -> list[ViewerView]:
    return [
        ViewerView(
            at={
                lang: format_moment(row.at, timezone, locale_for(lang, country))
                for lang in LANGUAGES
            },
            name=row.name,
            role=row.role.value,
            organisation=row.organisation,
            action_key=row.action_key,
        )
        for row in rows
    ]


class RecordViewersState(rx.State):
    """The guardian's page: who only looked at the record, and who changed or decided on it."""

    loaded: bool = False
    child_name: str = ""
    views: list[ViewerView] = []
    changes: list[ViewerView] = []

    @rx.event
    async def load(self):
        self.loaded, self.views, self.changes, self.child_name = False, [], [], ""
        chosen = await (await self.get_state(ChildSelectionState))._selected_child("view")
        if chosen is None:
            return None
        try:
            with session_scope() as session:
                found = viewers_for_guardian(session, user_id=chosen[0], child_id=chosen[1])
        except Forbidden:
            return None
        self.child_name = found.child_name
        self.views = _viewer_views(found.views, found.timezone, found.country)
        self.changes = _viewer_views(found.changes, found.timezone, found.country)
        self.loaded = True
        return None


@dataclass
class LogRowView:
    at: dict[str, str]
    actor: str
    role: str
    organisation: str
    action: str
    kind: str
    child: str
    file_number: str
    detail: str


class AuditLogState(rx.State):
    rows: list[LogRowView] = []
    total: int = 0  # every entry matching the filters; the list shows the newest
    errors: dict[str, str] = {}
    export_href: str = AUDIT_CSV_PATH
    searched: bool = False

    @rx.event
    async def load(self):
        self.errors, self.searched = {}, False
        return await self._refresh(LogFilters())

    @rx.event
    async def search(self, form: dict):
        language = await current_language(self)
        filters, errors = parse_filters(form)
        self.errors = {name: translate(language, key) for name, key in errors.items()}
        if errors:
            return None
        self.searched = True
        return await self._refresh(filters)

    async def _refresh(self, filters: LogFilters):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.rows, self.total = [], 0
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                page = search_log(session, user_id=user_id, filters=filters, limit=200)
        except Forbidden:
            return rx.redirect(STAFF_HOME)
        self.export_href = f"{AUDIT_CSV_PATH}?{filters_query(filters)}"
        self.total = page.total
        self.rows = [
            LogRowView(
                at={
                    lang: format_moment(row.at, page.timezone, locale_for(lang, page.country))
                    for lang in LANGUAGES
                },
                actor=row.actor,
                role=row.role,
                organisation=row.organisation,
                action=row.action,
                kind=row.kind.value,
                child=row.child,
                file_number=row.file_number,
                detail=row.detail,
            )
            for row in page.rows
        ]
        return LangState.apply_html_lang
