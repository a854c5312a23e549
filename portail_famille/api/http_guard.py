"""The ASGI layer around the whole portal (pages, websocket, API routes, Reflex's upload route).

- Security headers on every HTTP answer: a Content-Security-Policy without 'unsafe-eval' (the
  page's inline scripts, which Reflex writes into each prerendered page, are allowed by their
  SHA-256 hashes, computed on the answer itself), no framing, no referrer across sites, no
  powerful browser features, HSTS when served over HTTPS.
- Per-client limits on document renders and open websockets (api/limits.py).
- Reflex's upload route (`POST /_upload`) refuses anonymous requests and bodies over the cap
  before any byte is read, and stops reading a body that grows past it (a missing or false
  Content-Length).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
from starlette.concurrency import run_in_threadpool

from portail_famille.api.cookies import session_token_from_header
from portail_famille.api.limits import (
    RENDER_PREFIXES,
    ClientLimiter,
    client_key,
    header,
    refusal_page,
)
from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.services import sessions

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger(__name__)

UPLOAD_PATH = "/_upload"
# Built scripts and styles have hashed names and no inline script: the browser may cache them.
_CACHED_PREFIXES = ("/assets/", "/_upload", "/api/", "/_event")
_CONDITIONAL = {b"if-none-match", b"if-modified-since"}
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S | re.I)
_HASH_CACHE_SIZE = 256

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    # Radix and emotion write <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=()"
)


def _hashes(body: bytes) -> list[str]:
    found = []
    for match in _INLINE_SCRIPT.finditer(body):
        digest = hashlib.sha256(match.group(1)).digest()
        found.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(found))


class _PolicyCache:
    """Each built page's policy once: the HTML files are the same at every request."""

    def __init__(self) -> None:
        self._by_digest: OrderedDict[bytes, str] = OrderedDict()

    def policy(self, body: bytes, encoding: bytes = b"") -> str:
        key = hashlib.blake2b(body, digest_size=16).digest()
        found = self._by_digest.get(key)
        if found is None:
            script = " ".join(["script-src 'self'", *_hashes(_decoded(body, encoding))])
            found = "; ".join([*BASE_POLICY, script])
            self._by_digest[key] = found
            if len(self._by_digest) > _HASH_CACHE_SIZE:
                self._by_digest.popitem(last=False)
        return found


def _decoded(body: bytes, encoding: bytes) -> bytes:
    """The page as the browser runs it: Reflex serves its pages precompressed (gzip only, as
    rxconfig.py asks)."""
    return gzip.decompress(body) if encoding == b"gzip" else body


NO_SCRIPT_POLICY = "; ".join([*BASE_POLICY, "script-src 'self'"])


def _signed_in(cookie: str | None) -> bool:
    with session_scope() as session:
        return sessions.user_for_token(session, session_token_from_header(cookie)) is not None


async def _refuse(send: Send, status: int, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


class HttpGuard:
    def __init__(self, app: ASGIApp, limiter: ClientLimiter | None = None) -> None:
        self.app = app
        self.policies = _PolicyCache()
        self.limiter = limiter or ClientLimiter()

    def _headers(self, policy: str) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"content-security-policy", policy.encode()),
            (b"x-frame-options", b"DENY"),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"permissions-policy", PERMISSIONS_POLICY.encode()),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        if get_settings().secure_cookies:  # served over HTTPS
            headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        return headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if scope.get("method") == "POST" and path.rstrip("/") == UPLOAD_PATH:
            await self._upload(scope, receive, send)
            return
        if scope.get("method") == "GET" and path.startswith(RENDER_PREFIXES):
            await self._render(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD") and not path.startswith(_CACHED_PREFIXES):
            # A page answered "304 Not Modified" has no body to hash, and the browser would
            # apply that answer's policy to its cached copy: pages are always sent whole.
            scope = dict(scope)
            scope["headers"] = [
                (k, v) for k, v in scope.get("headers", []) if k.lower() not in _CONDITIONAL
            ]
        await self.app(scope, receive, self._sender(send))

    async def _render(self, scope: Scope, receive: Receive, send: Send) -> None:
        key, _signed_in = client_key(scope)
        if not self.limiter.start_render(key):
            headers = [
                *self._headers(NO_SCRIPT_POLICY),
                (b"content-type", b"text/html; charset=utf-8"),
                (b"retry-after", b"5"),
                (b"cache-control", b"no-store"),
            ]
            await send({"type": "http.response.start", "status": 429, "headers": headers})
            body = refusal_page(scope, "security.limit.documents")
            await send({"type": "http.response.body", "body": body})
            return
        try:
            await self.app(scope, receive, self._sender(send))
        finally:
            self.limiter.end_render(key)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        key, signed_in = client_key(scope)
        if not self.limiter.open_socket(key, signed_in):
            message = await receive()
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.close", "code": 1008})
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.limiter.close_socket(key)

    async def _upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        guarded = await self._guard_upload(scope, receive, send)
        if guarded is None:
            return
        capped, over = guarded
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if over():
                return  # the body was cut: the 413 below is the answer
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped, self._sender(tracking))
        except Exception:
            if not over():
                raise
        if over() and not started:
            await _refuse(send, 413, self._headers(NO_SCRIPT_POLICY))

    async def _guard_upload(
        self, scope: Scope, receive: Receive, send: Send
    ) -> tuple[Receive, Callable[[], bool]] | None:
        cap = get_settings().upload_max_bytes
        headers = self._headers(NO_SCRIPT_POLICY)
        length = header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > cap):
            log.info("upload refused: %s bytes over the cap of %s", length, cap)
            await _refuse(send, 413, headers)
            return None
        if not await run_in_threadpool(_signed_in, header(scope, b"cookie")):
            await _refuse(send, 401, headers)
            return None
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:  # a body longer than it said: stop reading it
                    log.info("upload stopped after %s bytes (cap %s)", seen, cap)
                    return {"type": "http.disconnect"}
            return message

        return capped, lambda: seen > cap

    def _sender(self, send: Send) -> Send:
        start: Message | None = None
        chunks: list[bytes] = []

        async def sender(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    start = message  # held until the body is known: its scripts are hashed
                    return
                message["headers"] = _merged(message, self._headers(NO_SCRIPT_POLICY))
                await send(message)
                return
            if start is not None and message["type"] == "http.response.pathsend":
                # A static page sent by path (granian's extension): read it to hash its scripts.
                body = await anyio.Path(message["path"]).read_bytes()
                policy = self.policies.policy(body, _encoding(start))
                start["headers"] = _merged(start, self._headers(policy))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            if start is not None and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                policy = self.policies.policy(body, _encoding(start))
                start["headers"] = _merged(start, self._headers(policy))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return sender


def _encoding(message: Message) -> bytes:
    return dict(message.get("headers", [])).get(b"content-encoding", b"").strip().lower()


def _merged(message: Message, extra: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The answer's own headers win: a route that set its own policy keeps it."""
    headers = list(message.get("headers", []))
    present = {key.lower() for key, _value in headers}
    return headers + [(key, value) for key, value in extra if key not in present]
