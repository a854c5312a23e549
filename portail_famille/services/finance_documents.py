"""The invoice or statement PDF a signed-in reader may open (guardian or staff), or Forbidden.

A statement's PDF is the stored one when it is in the reader's language; one the batch has not
rendered yet is rendered now and stored (only if still missing: the batch may have got there).
"""

from __future__ import annotations

from sqlmodel import Session

from portail_famille.models import Statement
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.finance_pdf import invoice_pdf, statement_pdf
from portail_famille.services.invoice_views import (
    InvoiceView,
    invoice_for_guardian,
    invoice_for_staff,
)
from portail_famille.services.statement_access import statement_for_guardian, statement_for_staff
from portail_famille.services.statement_batch import store_pdf


def readable_invoice(session: Session, user_id: int, reference: str) -> InvoiceView:
    try:
        return invoice_for_guardian(session, user_id=user_id, reference=reference)
    except Forbidden:
        return invoice_for_staff(session, user_id=user_id, reference=reference)


def invoice_document(session: Session, user_id: int, reference: str, language: str) -> bytes:
    return invoice_pdf(readable_invoice(session, user_id, reference), language)


def _readable_statement(session: Session, user_id: int, reference: str) -> Statement:
    try:
        return statement_for_guardian(session, user_id=user_id, reference=reference)
    except Forbidden:
        statement = statement_for_staff(session, user_id=user_id, reference=reference)
        audit.record(
            session,
            action="statement.viewed",
            actor_user_id=user_id,
            organisation_id=statement.organisation_id,
            object_type="child",
            object_id=statement.child_id,
        )
        return statement


def statement_document(session: Session, user_id: int, reference: str, language: str) -> bytes:
    statement = _readable_statement(session, user_id, reference)
    stored_language = str(statement.snapshot.get("language") or "fr")
    if statement.pdf is not None and stored_language == language:
        return statement.pdf
    pdf = statement_pdf(statement.snapshot, language)
    if statement.pdf is None and stored_language == language:
        assert statement.id is not None
        store_pdf(session, statement.id, pdf)  # first open before the batch reached it
    return pdf
