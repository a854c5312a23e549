"""The Requests tile: pending requests and those decided in the last month, field by field.

The page gets positions; request ids stay in a backend var and the service re-checks the guardian
(own pending request only) when one is withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import reflex as rx

from portail_famille.api.request_documents import request_document_url
from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_moment, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.family_places import guardian_place
from portail_famille.services.requests import RequestView, requests_for_guardian, withdraw_request
from portail_famille.state.request_form_views import texts
from portail_famille.state.session import SessionState


@dataclass
class ChangeRow:
    label: dict[str, str]
    before: dict[str, str]
    proposed: dict[str, str]
    decision: str  # pending | accepted | refused


@dataclass
class DocumentRow:
    name: str
    href: str  # an opaque address; the route checks the reader again


@dataclass
class RequestRow:
    category: dict[str, str]
    status: str
    status_label: dict[str, str]
    child_name: str
    asked: dict[str, str]
    decided: dict[str, str] = field(default_factory=dict)
    comment: str = ""
    changes: list[ChangeRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    can_withdraw: bool = False


def _value(text: str, translated: bool) -> dict[str, str]:
    return texts(text) if translated and text else dict.fromkeys(LANGUAGES, text)


def request_rows(views: list[RequestView], country: str, timezone: str) -> list[RequestRow]:
    """What the list shows of each request, in every language (ids left out)."""

    def moments(value: datetime | None) -> dict[str, str]:
        if value is None:
            return {}
        return {
            lang: format_moment(value, timezone, locale_for(lang, country)) for lang in LANGUAGES
        }

    return [
        RequestRow(
            category=texts(view.category_key),
            status=view.status,
            status_label=texts(view.status_key),
            child_name=view.child_name,
            asked=moments(view.created_at),
            decided=moments(view.decided_at),
            comment=view.staff_comment,
            changes=[
                ChangeRow(
                    label=texts(change.label_key),
                    before=_value(change.before, change.translated),
                    proposed=_value(change.proposed, change.translated),
                    decision=change.decision,
                )
                for change in view.fields
            ],
            documents=[
                DocumentRow(doc.filename, request_document_url(doc.reference))
                for doc in view.documents
            ],
            can_withdraw=view.can_withdraw,
        )
        for view in views
    ]


class RequestsState(rx.State):
    requests: list[RequestRow] = []
    notice: dict[str, str] = {}
    _request_ids: list[int] = []

    @rx.event
    async def load(self):
        self.notice = {}
        await self._refresh()

    async def _refresh(self) -> int | None:
        user_id = await (await self.get_state(SessionState))._current_user_id()
        self.requests, self._request_ids = [], []
        if user_id is None:
            return None
        try:
            with session_scope() as session:
                views = requests_for_guardian(session, user_id=user_id)
                country, timezone = guardian_place(session, user_id)
        except Forbidden:
            return None
        self._request_ids = [view.id for view in views]
        self.requests = request_rows(views, country, timezone)
        return user_id

    @rx.event
    async def withdraw(self, position: int):
        user_id = await (await self.get_state(SessionState))._current_user_id()
        valid = isinstance(position, int) and 0 <= position < len(self._request_ids)
        if user_id is None or not valid:
            return
        try:
            with session_scope() as session:
                withdraw_request(session, user_id=user_id, request_id=self._request_ids[position])
            self.notice = texts("requests_family.withdrawn")
        except Forbidden:
            self.notice = texts("requests_family.error.not_withdrawable")
        await self._refresh()
