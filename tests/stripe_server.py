"""A Stripe-compatible server on loopback: the Checkout endpoints the portal calls, a hosted page.

localstripe does not implement Checkout Sessions, so this implements what Stripe's API reference
documents for them: form-encoded POST /v1/checkout/sessions (Bearer secret key, Idempotency-Key
replayed as Stripe does), GET /v1/checkout/sessions/{id}, POST .../{id}/expire, POST /v1/refunds
and GET /v1/refunds/{id} (on a payment intent a completed session charged, never more than is
left to refund), answering JSON shaped like Stripe's objects; and the hosted checkout page at the
session's url, whose Pay button completes the session, posts `checkout.session.completed` to the
portal's webhook signed exactly as Stripe signs it (`Stripe-Signature: t=<ts>,v1=<HMAC-SHA256 of
"<ts>.<body>">`), then redirects to success_url. With `hold_webhooks` set, the events wait in
`held` (a late webhook) until a test delivers them; with `delay_payments`, a session completes
unpaid (a bank debit) until a test calls settle().
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.smtp import free_port

SECRET_KEY = "sk_test_loopback"
WEBHOOK_SECRET = "whsec_loopback_test_secret"


def parse_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding: line_items[0][price_data][currency]=cad -> nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value

    def listify(node: Any) -> Any:
        if isinstance(node, dict):
            if node and all(k.isdigit() for k in node):
                return [listify(node[k]) for k in sorted(node, key=int)]
            return {k: listify(v) for k, v in node.items()}
        return node

    return listify(root)


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `payload`, as Stripe computes it."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def _error(status: int, message: str, kind: str = "invalid_request_error") -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message}}, status_code=status)


@dataclass
class StripeServer:
    url: str = ""
    webhook_url: str = ""  # the portal's webhook; set once the portal's address is known
    webhook_secret: str = WEBHOOK_SECRET
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotent: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    deliveries: list[tuple[str, int]] = field(default_factory=list)  # (event type, HTTP status)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    hold_webhooks: bool = False  # a late webhook: events wait in `held`
    delay_payments: bool = False  # a bank debit: complete now, paid when a test calls settle()
    held: list[dict[str, Any]] = field(default_factory=list)

    # --- what tests use directly ---------------------------------------------------------
    def event(self, session: dict[str, Any], event_type: str) -> dict[str, Any]:
        return {
            "id": f"evt_{secrets.token_hex(12)}",
            "object": "event",
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "data": {"object": dict(session)},
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": event_type,
        }

    def complete(self, session_id: str) -> dict[str, Any]:
        """Marks the session paid, as a customer paying on the hosted page would."""
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status="paid",
            payment_intent=session["payment_intent"] or f"pi_{secrets.token_hex(12)}",
        )
        return session

    def settle(self, session_id: str) -> httpx.Response:
        """A delayed payment succeeds: the session is paid and Stripe says so to the webhook."""
        session = self.sessions[session_id]
        session.update(payment_status="paid")
        return self.deliver(self.event(session, "checkout.session.async_payment_succeeded"))

    def deliver(self, event: dict[str, Any], *, header: str | None = None) -> httpx.Response:
        """Posts `event` to the portal's webhook, signed as Stripe signs (or with `header`)."""
        body = json.dumps(event).encode()
        response = httpx.post(
            self.webhook_url,
            content=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Stripe-Signature": header
                if header is not None
                else sign(body, self.webhook_secret),
                "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
            },
            timeout=30,
        )
        self.deliveries.append((str(event["type"]), response.status_code))
        return response

    # --- the HTTP API --------------------------------------------------------------------
    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization", "") == f"Bearer {SECRET_KEY}"

    async def create_session(self, request: Request) -> Response:
        self.requests.append(("POST", request.url.path))
        if not self._authorised(request):
            return _error(401, "Invalid API Key provided")
        params = parse_form(list((await request.form()).multi_items()))  # type: ignore[arg-type]
        key = request.headers.get("idempotency-key")
        replayed = self._replayed(key, params)
        if replayed is not None:
            return replayed
        items = params.get("line_items") or []
        if params.get("mode") != "payment" or not items or not params.get("success_url"):
            return _error(400, "Missing required param: line_items, mode or success_url.")
        currencies = {item["price_data"]["currency"] for item in items}
        if len(currencies) != 1:
            return _error(400, "All line items must use the same currency.")
        amount = sum(
            int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1)) for item in items
        )
        session_id = f"cs_test_{secrets.token_hex(16)}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount,
            "amount_total": amount,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": int(time.time()),
            "currency": currencies.pop(),
            "customer_email": params.get("customer_email"),
            "expires_at": int(params.get("expires_at") or time.time() + 86400),
            "livemode": False,
            "locale": params.get("locale"),
            "metadata": params.get("metadata") or {},
            "mode": "payment",
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params["success_url"],
            "ui_mode": "hosted_page",
            "url": f"{self.url}/c/pay/{session_id}",
        }
        self.sessions[session_id] = session
        self._line_items[session_id] = items
        if key:
            self.idempotent[key] = (params, session)
        return JSONResponse(session)

    async def retrieve_session(self, request: Request) -> Response:
        self.requests.append(("GET", request.url.path))
        if not self._authorised(request):
            return _error(401, "Invalid API Key provided")
        session = self.sessions.get(request.path_params["session_id"])
        if session is None:
            return _error(404, "No such checkout.session")
        return JSONResponse(session)

    async def expire_session(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "Invalid API Key provided")
        session = self.sessions.get(request.path_params["session_id"])
        if session is None:
            return _error(404, "No such checkout.session")
        if session["status"] != "open":
            return _error(400, "Only Checkout Sessions with a status of open can be expired.")
        session["status"] = "expired"
        return JSONResponse(session)

    def _replayed(self, key: str | None, params: dict[str, Any]) -> Response | None:
        """Stripe's idempotency: the same key and parameters give the first answer again."""
        if not key or key not in self.idempotent:
            return None
        earlier_params, answer = self.idempotent[key]
        if earlier_params != params:
            return _error(
                400,
                "Keys for idempotent requests can only be used with the same parameters "
                "they were first used with.",
                "idempotency_error",
            )
        return JSONResponse(answer, headers={"Idempotent-Replayed": "true"})

    async def create_refund(self, request: Request) -> Response:
        self.requests.append(("POST", request.url.path))
        if not self._authorised(request):
            return _error(401, "Invalid API Key provided")
        params = parse_form(list((await request.form()).multi_items()))  # type: ignore[arg-type]
        key = request.headers.get("idempotency-key")
        replayed = self._replayed(key, params)
        if replayed is not None:
            return replayed
        intent = params.get("payment_intent")
        charged = [
            s for s in self.sessions.values() if intent and s.get("payment_intent") == intent
        ]
        if not charged or charged[0]["payment_status"] != "paid":
            return _error(404, f"No such payment_intent: '{intent}'", "invalid_request_error")
        total = int(charged[0]["amount_total"])
        refunded = sum(r["amount"] for r in self.refunds.values() if r["payment_intent"] == intent)
        amount = int(params.get("amount") or total - refunded)
        if amount <= 0 or refunded + amount > total:
            return _error(400, f"Charge for {intent} has already been refunded.")
        refund = {
            "id": f"re_{secrets.token_hex(12)}",
            "object": "refund",
            "amount": amount,
            "created": int(time.time()),
            "currency": charged[0]["currency"],
            "metadata": params.get("metadata") or {},
            "payment_intent": intent,
            "reason": params.get("reason"),
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        if key:
            self.idempotent[key] = (params, refund)
        return JSONResponse(refund)

    async def retrieve_refund(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, "Invalid API Key provided")
        refund = self.refunds.get(request.path_params["refund_id"])
        if refund is None:
            return _error(404, "No such refund")
        return JSONResponse(refund)

    # --- the hosted page -----------------------------------------------------------------
    async def checkout_page(self, request: Request) -> Response:
        session = self.sessions.get(request.path_params["session_id"])
        if session is None:
            return HTMLResponse("<h1>Not found</h1>", status_code=404)
        items = "".join(
            f"<li>{escape(str(i['price_data']['product_data']['name']))} — "
            f"{int(i['price_data']['unit_amount']) / 100:.2f} {session['currency'].upper()}</li>"
            for i in self._line_items[session["id"]]
        )
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width"><title>Loopback Checkout</title>'
            f"</head><body><main><h1>Test checkout</h1><ul>{items}</ul>"
            f'<p id="total">Total {session["amount_total"] / 100:.2f} '
            f"{session['currency'].upper()}</p>"
            f'<p id="status">{escape(session["status"])}</p>'
            f'<form method="post" action="/c/pay/{session["id"]}">'
            '<button id="stripe-pay" type="submit">Pay</button></form>'
            f'<a id="stripe-cancel" href="{escape(str(session["cancel_url"]))}">Cancel</a>'
            "</main></body></html>"
        )
        return HTMLResponse(page)

    async def pay(self, request: Request) -> Response:
        session = self.sessions.get(request.path_params["session_id"])
        if session is None or session["status"] != "open":
            return HTMLResponse("<h1>This session is no longer open</h1>", status_code=400)
        self.complete(session["id"])
        if self.delay_payments:
            session["payment_status"] = "unpaid"
        event = self.event(session, "checkout.session.completed")
        if self.hold_webhooks:
            self.held.append(event)
        elif self.webhook_url:
            await _in_thread(self.deliver, event)
        target = str(session["success_url"]).replace("{CHECKOUT_SESSION_ID}", session["id"])
        return RedirectResponse(target, status_code=303)

    def __post_init__(self) -> None:
        self._line_items: dict[str, list[dict[str, Any]]] = {}

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/checkout/sessions", self.create_session, methods=["POST"]),
                Route("/v1/checkout/sessions/{session_id}", self.retrieve_session, methods=["GET"]),
                Route(
                    "/v1/checkout/sessions/{session_id}/expire",
                    self.expire_session,
                    methods=["POST"],
                ),
                Route("/v1/refunds", self.create_refund, methods=["POST"]),
                Route("/v1/refunds/{refund_id}", self.retrieve_refund, methods=["GET"]),
                Route("/c/pay/{session_id}", self.checkout_page, methods=["GET"]),
                Route("/c/pay/{session_id}", self.pay, methods=["POST"]),
            ]
        )


async def _in_thread(function: Any, *args: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(function, *args)


@contextmanager
def serve(app: Any, port: int | None = None) -> Iterator[str]:
    """Serves an ASGI app with uvicorn on loopback in a thread; yields its address."""
    port = port or free_port()
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not runner.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the loopback server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        runner.should_exit = True
        thread.join(timeout=10)


@contextmanager
def stripe_server() -> Iterator[StripeServer]:
    """Runs the Stripe-compatible server on a free loopback port while the block runs."""
    port = free_port()
    server = StripeServer(url=f"http://127.0.0.1:{port}")
    with serve(server.app(), port):
        yield server
