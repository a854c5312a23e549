"""Receipts and yearly tax receipts as PDF, for their payer, their household and their staff.

Same rules as api/documents.py: links carry an opaque reference (a receipt) or the reader's own
organisation and year (a tax receipt, which is always the signed-in payer's own); anyone else gets
404 with no bytes.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.api.documents import _pdf
from portail_famille.db import session_scope
from portail_famille.i18n import supported_language
from portail_famille.services import audit, sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.receipts import receipt_for_reader, tax_receipt_for_reader
from portail_famille.services.receipts_pdf import receipt_pdf, tax_receipt_pdf

RECEIPT_PATH = "/api/paiements/recu/{reference}"
TAX_RECEIPT_PATH = "/api/paiements/releve-fiscal/{organisation}/{year:int}"


def _receipt(cookie: str | None, reference: str, language: str | None) -> tuple[bytes, str] | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, session_token_from_header(cookie))
        try:
            receipt = receipt_for_reader(session, user.id if user else None, reference)
        except Forbidden:
            return None
        assert user is not None
        audit.record(
            session,
            action="payment_receipt.viewed",
            actor_user_id=user.id,
            organisation_id=receipt.payment.organisation_id,
            object_type="payment",
            object_id=receipt.payment.id,
        )
        lang = supported_language(language or user.locale)
        return receipt_pdf(receipt, lang), receipt.payment.receipt_number


def _tax_receipt(
    cookie: str | None, organisation: str, year: int, language: str | None
) -> bytes | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, session_token_from_header(cookie))
        try:
            receipt = tax_receipt_for_reader(session, user.id if user else None, organisation, year)
        except Forbidden:
            return None
        assert user is not None
        return tax_receipt_pdf(receipt, supported_language(language or user.locale))


async def receipt(request: Request) -> Response:
    found = await run_in_threadpool(
        _receipt,
        request.headers.get("cookie"),
        request.path_params["reference"][:64],
        request.query_params.get("lang"),
    )
    if found is None:
        return Response(status_code=404)
    pdf, number = found
    return _pdf(pdf, f"recu-{number}.pdf")


async def tax_receipt(request: Request) -> Response:
    year = int(request.path_params["year"])
    pdf = await run_in_threadpool(
        _tax_receipt,
        request.headers.get("cookie"),
        request.path_params["organisation"][:64],
        year,
        request.query_params.get("lang"),
    )
    return _pdf(pdf, f"releve-fiscal-{year}.pdf") if pdf else Response(status_code=404)


PAYMENT_DOCUMENT_ROUTES = [
    Route(RECEIPT_PATH, receipt, methods=["GET"]),
    Route(TAX_RECEIPT_PATH, tax_receipt, methods=["GET"]),
]


def receipt_href(reference: str) -> str:
    return RECEIPT_PATH.format(reference=reference)


def tax_receipt_href(organisation_slug: str, year: int) -> str:
    return f"/api/paiements/releve-fiscal/{organisation_slug}/{year}"
