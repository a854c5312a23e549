"""POST /api/payments/stripe/webhook: Stripe tells us a Checkout Session was paid or expired.

The signature is checked exactly as Stripe documents it (`Stripe-Signature: t=…,v1=…`, an
HMAC-SHA256 of "t.body" with the webhook secret, 300 s tolerance) before the body is even parsed.
Anything unsigned, forged or stale gets 400 and changes nothing.
"""

from __future__ import annotations

import json
import logging

import stripe
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.models import Payment
from portail_famille.services.card_events import event_recorded, handle_event
from portail_famille.services.receipt_mail import send_receipt_mail

WEBHOOK_PATH = "/api/payments/stripe/webhook"
TOLERANCE_SECONDS = 300
_log = logging.getLogger(__name__)


def _process(event: dict[str, object]) -> tuple[str, int]:
    """(outcome, HTTP status): 2xx only for an event now recorded as processed or a true twin.

    Any other failure rolls the whole event back and answers 500, so that Stripe delivers it
    again later; a generic "duplicate" answer here once hid lost payments.
    """
    event_id = str(event.get("id", ""))[:255]
    try:
        with session_scope() as session:
            outcome, payment_id = handle_event(session, event)
    except IntegrityError:
        if _recorded(event_id):
            return "duplicate", 200  # the same event, delivered twice at once: the other won
        _log.exception("Stripe event %s not processed (integrity); Stripe will retry", event_id)
        return "failed", 500
    except Exception:
        _log.exception("Stripe event %s not processed; Stripe will retry", event_id)
        return "failed", 500
    if outcome == "invalid":
        return outcome, 400
    if payment_id is not None:
        _mail_receipt(payment_id)
    return outcome, 200


def _recorded(event_id: str) -> bool:
    try:
        with session_scope() as session:
            return event_recorded(session, event_id)
    except Exception:
        _log.exception("could not tell whether Stripe event %s was recorded", event_id)
        return False


def _mail_receipt(payment_id: int) -> None:
    # The payment is saved whatever happens to the mail: a mail server down loses no money.
    try:
        with session_scope() as session:
            payment = session.get(Payment, payment_id)
            if payment is not None:
                send_receipt_mail(session, payment)
    except Exception:
        _log.exception("receipt mail for payment %s not sent", payment_id)


async def stripe_webhook(request: Request) -> Response:
    secret = get_settings().stripe_webhook_secret
    if secret is None:
        return JSONResponse({"error": "card payment not configured"}, status_code=503)
    payload = await request.body()  # the raw bytes: the signature covers them exactly
    header = request.headers.get("stripe-signature", "")
    try:
        stripe.WebhookSignature.verify_header(
            payload, header, secret.get_secret_value(), tolerance=TOLERANCE_SECONDS
        )
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError):
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    if not isinstance(event, dict):
        return JSONResponse({"error": "invalid event"}, status_code=400)
    outcome, status = await run_in_threadpool(_process, event)
    return JSONResponse({"received": status < 300, "outcome": outcome}, status_code=status)


WEBHOOK_ROUTES = [Route(WEBHOOK_PATH, stripe_webhook, methods=["POST"])]
