"""Downloads of the documents the portal makes: report cards and child sheets, as PDF.

Links carry an opaque reference, never an id; every request re-checks who asks (session cookie)
and answers 404 with no bytes to anyone else, so a reference's existence is not revealed either.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.i18n import supported_language
from portail_famille.models import Child
from portail_famille.services import audit, sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.child_sheet_pdf import child_sheet_pdf
from portail_famille.services.documents import (
    child_sheet_for_reader,
    is_guardian_reader,
    report_card_for_reader,
)
from portail_famille.services.report_card_pdf import report_card_pdf

REPORT_CARD_PATH = "/api/documents/bulletin/{reference}"
CHILD_SHEET_PATH = "/api/documents/fiche-enfant/{reference}"


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _report_card(cookie: str | None, reference: str) -> bytes | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, session_token_from_header(cookie))
        try:
            card, child = report_card_for_reader(session, user.id if user else None, reference)
        except Forbidden:
            return None
        assert user is not None
        audit.record(
            session,
            action="report_card.viewed",
            actor_user_id=user.id,
            organisation_id=child.organisation_id,
            object_type="child",
            object_id=child.id,
            term=card.term,
        )
        return report_card_pdf(session, card, child, supported_language(user.locale))


def _child_sheet(cookie: str | None, reference: str) -> bytes | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, session_token_from_header(cookie))
        try:
            sheet = child_sheet_for_reader(session, user.id if user else None, reference)
        except Forbidden:
            return None
        assert user is not None and user.id is not None and sheet.record is not None
        child = session.get(Child, sheet.record.child_id)
        assert child is not None
        guardian = is_guardian_reader(session, user.id, child)
        audit.record(
            session,
            action="child_sheet.viewed",
            actor_user_id=user.id,
            organisation_id=child.organisation_id,
            object_type="child",
            object_id=child.id,
        )
        return child_sheet_pdf(sheet, supported_language(user.locale), with_health=guardian)


async def report_card(request: Request) -> Response:
    # Rendering takes a tenth of a second or more: off the event loop.
    pdf = await run_in_threadpool(
        _report_card, request.headers.get("cookie"), request.path_params["reference"][:64]
    )
    return _pdf(pdf, "bulletin.pdf") if pdf else Response(status_code=404)


async def child_sheet(request: Request) -> Response:
    pdf = await run_in_threadpool(
        _child_sheet, request.headers.get("cookie"), request.path_params["reference"][:64]
    )
    return _pdf(pdf, "fiche-enfant.pdf") if pdf else Response(status_code=404)


DOCUMENT_ROUTES = [
    Route(REPORT_CARD_PATH, report_card, methods=["GET"]),
    Route(CHILD_SHEET_PATH, child_sheet, methods=["GET"]),
]


def report_card_href(reference: str) -> str:
    return REPORT_CARD_PATH.format(reference=reference)


def child_sheet_href(reference: str) -> str:
    return CHILD_SHEET_PATH.format(reference=reference)
