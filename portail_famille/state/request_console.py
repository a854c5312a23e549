"""The staff console's request queue: filter, read field by field, decide, approve in bulk.

Each handler asks who the user is and goes through services/request_decisions.py, which checks
the staff member's organisation and school on every call. The page gets positions, never ids.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n.catalog import translate
from portail_famille.paths import GUARDIAN_HOME, SIGN_IN_PAGE
from portail_famille.services.access import Forbidden
from portail_famille.services.request_decisions import (
    AlreadyDecided,
    DecisionFailed,
    QueueFilters,
    RequestConflict,
    approve_whole,
    decide,
    queue_page,
    queue_schools,
)
from portail_famille.services.request_registry import registered_categories
from portail_famille.state.code_flow import MAIL_ERRORS
from portail_famille.state.form_values import is_checked
from portail_famille.state.lang import LangState, current_language
from portail_famille.state.request_views import ConsoleRow, console_row, in_each_language
from portail_famille.state.session import SessionState


@dataclass(frozen=True)
class Loaded:
    rows: list[ConsoleRow]
    request_ids: list[int]
    versions: list[int]
    field_names: list[list[str]]
    conflicted: list[bool]
    schools: list[str]
    school_ids: list[int]
    total: int  # every pending request matching the filters, beyond the page too


# The oldest first, a page's worth: filters narrow the rest down.
PAGE_SIZE = 50


def load_console(session: Any, user_id: int, filters: QueueFilters) -> Loaded:
    """The queue as the page shows it (Forbidden for anyone who is not staff)."""
    page = queue_page(session, user_id=user_id, filters=filters, audit_reads=True, limit=PAGE_SIZE)
    items = page.rows
    schools = queue_schools(session, user_id=user_id)
    return Loaded(
        rows=[console_row(item) for item in items],
        request_ids=[item.view.id for item in items],
        versions=[item.view.version for item in items],
        field_names=[[f.name for f in item.view.fields] for item in items],
        conflicted=[bool(item.conflicts) for item in items],
        schools=[s.name for s in schools],
        school_ids=[s.id or 0 for s in schools],
        total=page.total,
    )


def decision_from_form(
    user_id: int,
    request_id: int,
    version: int,
    names: list[str],
    form: dict[str, Any],
    language: str,
) -> tuple[str, str]:
    """Applies one decision in its own transaction; (notice, error) in the reader's language."""
    accepted = {name for i, name in enumerate(names) if is_checked(form, f"accept-{i}")}
    comment = str(form.get("comment", ""))[:2000]
    try:
        with session_scope() as session:
            result = decide(
                session,
                user_id=user_id,
                request_id=request_id,
                accepted_fields=accepted,
                comment=comment,
                expected_version=version,
                apply_conflicts=is_checked(form, "apply_anyway"),
            )
    except Forbidden:
        return "", translate(language, "requests.console.forbidden")
    except AlreadyDecided:
        return "", translate(language, "requests.console.already_decided")
    except RequestConflict:
        return "", translate(language, "requests.console.conflict_error")
    except DecisionFailed as failed:
        return "", translate(language, failed.key)
    except MAIL_ERRORS:
        return "", translate(language, "mail.failed")
    return translate(language, f"requests.console.done.{result.status}"), ""


def approve_one(user_id: int, request_id: int, version: int) -> bool:
    """Bulk approval of one request; False when it was not applied (decided, conflict, failure)."""
    try:
        with session_scope() as session:
            approve_whole(session, user_id=user_id, request_id=request_id, expected_version=version)
    except (AlreadyDecided, RequestConflict, DecisionFailed, Forbidden, *MAIL_ERRORS):
        return False
    return True


class RequestConsoleState(rx.State):
    rows: list[ConsoleRow] = []
    categories: list[dict[str, str]] = []
    schools: list[str] = []
    chosen_category: str = ""  # position in `categories`, as the select sends it
    chosen_school: str = ""
    min_age: str = ""
    max_age: str = ""
    notice: str = ""
    error: str = ""
    total: int = 0
    busy: bool = False
    progress: int = 0
    bulk_done: int = 0
    bulk_total: int = 0
    _request_ids: list[int] = []
    _versions: list[int] = []
    _field_names: list[list[str]] = []
    _conflicted: list[bool] = []
    _school_ids: list[int] = []
    _category_values: list[str] = []

    @rx.event
    async def load(self):
        self.notice, self.error = "", ""
        self._category_values = [str(c) for c in registered_categories()]
        self.categories = [
            in_each_language(f"requests.category.{c}") for c in self._category_values
        ]
        return await self._refresh()

    def _filters(self) -> QueueFilters:
        category = ""
        if self.chosen_category.isdigit() and int(self.chosen_category) < len(
            self._category_values
        ):
            category = self._category_values[int(self.chosen_category)]
        school_id = None
        if self.chosen_school.isdigit() and int(self.chosen_school) < len(self._school_ids):
            school_id = self._school_ids[int(self.chosen_school)]
        return QueueFilters(
            category=category,
            school_id=school_id,
            min_age=int(self.min_age) if self.min_age.isdigit() else None,
            max_age=int(self.max_age) if self.max_age.isdigit() else None,
        )

    async def _user(self) -> int | None:
        return await (await self.get_state(SessionState))._current_user_id()

    async def _refresh(self):
        user_id = await self._user()
        self.rows, self._request_ids, self.total = [], [], 0
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        try:
            with session_scope() as session:
                loaded = load_console(session, user_id, self._filters())
        except Forbidden:
            return rx.redirect(GUARDIAN_HOME)
        self.rows, self._request_ids, self._versions = (
            loaded.rows,
            loaded.request_ids,
            loaded.versions,
        )
        self._field_names, self._conflicted = loaded.field_names, loaded.conflicted
        self.schools, self._school_ids = loaded.schools, loaded.school_ids
        self.total = loaded.total
        return LangState.apply_html_lang

    @rx.event
    async def filter(self, form: dict):
        self.chosen_category = str(form.get("category", ""))[:3]
        self.chosen_school = str(form.get("school", ""))[:3]
        self.min_age = str(form.get("min_age", "")).strip()[:2]
        self.max_age = str(form.get("max_age", "")).strip()[:2]
        self.notice, self.error = "", ""
        return await self._refresh()

    @rx.event
    async def decide(self, form: dict):
        raw = str(form.get("position", ""))
        if not raw.isdigit() or int(raw) >= len(self._request_ids):
            return None
        position = int(raw)
        user_id = await self._user()
        if user_id is None:
            return rx.redirect(SIGN_IN_PAGE)
        language = await current_language(self)
        notice, error = await asyncio.to_thread(
            decision_from_form,
            user_id,
            self._request_ids[position],
            self._versions[position],
            self._field_names[position],
            form,
            language,
        )
        result = await self._refresh()
        self.notice, self.error = notice, error
        return result

    @rx.event(background=True)
    async def approve_all(self):
        """Approves every shown request without a conflict, one transaction each."""
        async with self:
            user_id = await self._user()
            if user_id is None or self.busy:
                return
            language = await current_language(self)
            work = [
                (request_id, version)
                for request_id, version, conflicted in zip(
                    self._request_ids, self._versions, self._conflicted, strict=True
                )
                if not conflicted
            ]
            self.busy, self.progress, self.bulk_done, self.bulk_total = True, 0, 0, len(work)
            self.notice, self.error = "", ""
        applied = 0
        for done, (request_id, version) in enumerate(work, start=1):
            if await asyncio.to_thread(approve_one, user_id, request_id, version):
                applied += 1
            async with self:
                self.bulk_done, self.progress = done, done * 100 // max(len(work), 1)
        async with self:
            self.busy = False
            await self._refresh()
            self.notice = translate(
                language, "requests.console.bulk_done", applied=applied, total=len(work)
            )
