"""Invoice and statement PDFs, and the accounting CSV exports.

Links carry an opaque reference, never an id; every request finds the signed-in user again from
the session cookie and answers 404 with no bytes to anyone not allowed (a guardian whose link
does not give the right, staff of another organisation or school).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.i18n import supported_language
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.accounting_export import invoices_csv, payments_csv
from portail_famille.services.finance_documents import invoice_document, statement_document

INVOICE_PATH = "/api/finances/facture/{reference}"
STATEMENT_PATH = "/api/finances/etat-de-compte/{reference}"
EXPORT_PATH = "/api/finances/export/{kind}.csv"

_EXPORTS: dict[str, Callable[..., str]] = {"factures": invoices_csv, "paiements": payments_csv}


def _as_user(
    cookie: str | None, make: Callable[[Session, int, str], bytes | str]
) -> bytes | str | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, session_token_from_header(cookie))
        if user is None or user.id is None:
            return None
        try:
            return make(session, user.id, supported_language(user.locale))
        except Forbidden:
            return None


def _pdf(content: bytes | str | None, filename: str) -> Response:
    if not isinstance(content, bytes):
        return Response(status_code=404)
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


async def invoice(request: Request) -> Response:
    reference = request.path_params["reference"][:64]
    content = await run_in_threadpool(
        _as_user,
        request.headers.get("cookie"),
        lambda s, uid, lang: invoice_document(s, uid, reference, lang),
    )
    return _pdf(content, "facture.pdf")


async def statement(request: Request) -> Response:
    reference = request.path_params["reference"][:64]
    content = await run_in_threadpool(
        _as_user,
        request.headers.get("cookie"),
        lambda s, uid, lang: statement_document(s, uid, reference, lang),
    )
    return _pdf(content, "etat-de-compte.pdf")


async def export(request: Request) -> Response:
    make = _EXPORTS.get(request.path_params["kind"])
    if make is None:
        return Response(status_code=404)
    content = await run_in_threadpool(
        _as_user,
        request.headers.get("cookie"),
        lambda s, uid, lang: make(s, user_id=uid, language=lang),
    )
    if not isinstance(content, str):
        return Response(status_code=404)
    return Response(
        content.encode("utf-8-sig"),  # the BOM makes spreadsheets read the accents right
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{request.path_params["kind"]}.csv"',
            "Cache-Control": "private, no-store",
        },
    )


FINANCE_ROUTES = [
    Route(INVOICE_PATH, invoice, methods=["GET"]),
    Route(STATEMENT_PATH, statement, methods=["GET"]),
    Route(EXPORT_PATH, export, methods=["GET"]),
]


def invoice_href(reference: str) -> str:
    return INVOICE_PATH.format(reference=reference)


def statement_href(reference: str) -> str:
    return STATEMENT_PATH.format(reference=reference)


def export_href(kind: str) -> str:
    return EXPORT_PATH.format(kind=kind)
