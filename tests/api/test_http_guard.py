"""The layer around every answer: security headers (a CSP without 'unsafe-eval'), and Reflex's
upload route closed to anonymous and oversized bodies before a byte of them is read."""

from __future__ import annotations

import base64
import gzip
import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from portail_famille.api.http_guard import HttpGuard
from portail_famille.api.limits import ClientLimiter, Limits
from portail_famille.api.routes import create_api
from portail_famille.config import get_settings
from portail_famille.services.demo import DEMO_PASSWORD, PARENT_EMAIL
from portail_famille.services.sessions import COOKIE_NAME

pytestmark = pytest.mark.db

INLINE = "window.__ctx = {a: 1};"
PAGE = f"<html><head><script>{INLINE}</script><script src='/a.js'></script></head></html>"


class Reader:
    """An inner app that records how many body bytes reached it."""

    def __init__(self) -> None:
        self.bytes_read = 0
        self.called = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.called = True
        if scope["path"] == "/page":
            response: Response = HTMLResponse(PAGE)
        elif scope["path"] == "/gz":
            response = Response(
                gzip.compress(PAGE.encode()),
                headers={"content-encoding": "gzip", "content-type": "text/html; charset=utf-8"},
            )
        else:
            request = Request(scope, receive)
            async for chunk in request.stream():
                self.bytes_read += len(chunk)
            response = Response("stored")
        await response(scope, receive, send)


@pytest.fixture
def reader() -> Reader:
    return Reader()


@pytest.fixture
def guarded(portal_env: None, reader: Reader) -> Iterator[TestClient]:
    yield TestClient(HttpGuard(reader), base_url="http://testserver")


def _script_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def _policy(response: Any) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["content-security-policy"].split(";")]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] if " " in p else "" for p in parts}


@pytest.mark.parametrize("path", ["/page", "/gz"])
def test_a_page_allows_its_own_inline_scripts_by_hash_and_never_eval(
    guarded: TestClient, path: str
) -> None:
    response = guarded.get(path)
    policy = _policy(response)
    assert _script_hash(INLINE) in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in response.headers  # plain HTTP on this base URL


def test_every_api_route_carries_the_headers(portal_env: None) -> None:
    client = TestClient(HttpGuard(create_api()), base_url="http://testserver")
    for response in (
        client.get("/healthz"),
        client.get("/api/documents/bulletin/nothing"),
        client.post("/api/auth/signin", data={}, headers={"origin": "https://evil.example"}),
    ):
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"


def test_hsts_when_the_portal_is_served_over_https(
    portal_env: None, monkeypatch: pytest.MonkeyPatch, reader: Reader
) -> None:
    monkeypatch.setenv("PORTAIL_BASE_URL", "https://portail.example.org")
    get_settings.cache_clear()
    try:
        response = TestClient(HttpGuard(reader)).get("/page")
        assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    finally:
        get_settings.cache_clear()


def _signed_in_cookie() -> str:
    client = TestClient(create_api(), base_url="http://testserver", follow_redirects=False)
    response = client.post(
        "/api/auth/signin",
        data={"email": PARENT_EMAIL, "password": DEMO_PASSWORD},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 303
    return f"{COOKIE_NAME}={client.cookies[COOKIE_NAME]}"


def test_an_anonymous_upload_is_refused_before_reading(guarded: TestClient, reader: Reader) -> None:
    response = guarded.post("/_upload", content=b"x" * 100_000)
    assert response.status_code == 401
    assert not reader.called and reader.bytes_read == 0


def test_a_body_over_the_cap_is_refused_by_its_length_before_reading(
    guarded: TestClient, reader: Reader
) -> None:
    cap = get_settings().upload_max_bytes
    huge = 200 * 1024 * 1024

    def never_sent() -> Iterator[bytes]:
        raise AssertionError("the body was read")
        yield b""

    response = guarded.post(
        "/_upload",
        content=never_sent(),
        headers={"content-length": str(huge), "cookie": _signed_in_cookie()},
    )
    assert huge > cap
    assert response.status_code == 413
    assert not reader.called


def test_a_body_longer_than_announced_stops_at_the_cap(guarded: TestClient, reader: Reader) -> None:
    cap = get_settings().upload_max_bytes
    chunk = b"x" * (1024 * 1024)
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(cap // len(chunk) + 20):
            sent += len(chunk)
            yield chunk

    response = guarded.post("/_upload", content=body(), headers={"cookie": _signed_in_cookie()})
    assert response.status_code == 413
    assert reader.bytes_read <= cap + len(chunk)


def test_a_signed_in_upload_under_the_cap_goes_through(guarded: TestClient, reader: Reader) -> None:
    response = guarded.post(
        "/_upload", content=b"x" * 1000, headers={"cookie": _signed_in_cookie()}
    )
    assert response.status_code == 200 and reader.bytes_read == 1000


def test_a_route_keeps_a_policy_it_set_itself(portal_env: None) -> None:
    async def own(_request: Request) -> Response:
        return Response("x", headers={"content-security-policy": "sandbox"})

    app = HttpGuard(Starlette(routes=[Route("/own", own)]))
    assert TestClient(app).get("/own").headers["content-security-policy"] == "sandbox"


class SlowDocuments:
    """A document route that takes a while and counts how many run at once."""

    def __init__(self) -> None:
        self.running = self.most = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            socket = WebSocket(scope, receive, send)
            await socket.accept()
            await socket.receive_text()
            await socket.close()
            return
        self.running += 1
        self.most = max(self.most, self.running)
        await anyio.sleep(0.3)
        self.running -= 1
        await Response(b"%PDF", media_type="application/pdf")(scope, receive, send)


def test_twenty_downloads_at_once_render_two_at_a_time_and_tell_the_rest(
    portal_env: None,
) -> None:
    documents = SlowDocuments()
    client = TestClient(HttpGuard(documents), base_url="http://testserver")
    cookie = {"cookie": "pf_session=same-parent; pf_lang=fr"}
    with ThreadPoolExecutor(20) as pool:
        answers = list(
            pool.map(lambda _i: client.get("/api/documents/bulletin/x", headers=cookie), range(20))
        )
    statuses = sorted(a.status_code for a in answers)
    assert documents.most <= 2
    assert statuses.count(200) >= 2 and 429 in statuses
    refused = next(a for a in answers if a.status_code == 429)
    assert "Réessayez" in refused.text and refused.headers["retry-after"] == "5"
    other = client.get("/api/documents/bulletin/x", headers={"cookie": "pf_session=another"})
    assert other.status_code == 200  # another family is not slowed by the first


def test_a_browser_cannot_hold_more_sockets_than_its_limit(portal_env: None) -> None:
    guard = HttpGuard(SlowDocuments(), ClientLimiter(Limits(sockets_per_session=2)))
    client = TestClient(guard)
    headers = {"cookie": "pf_session=tabs"}
    with client.websocket_connect("/_event", headers=headers) as first:
        with client.websocket_connect("/_event", headers=headers) as second:
            with (
                pytest.raises(WebSocketDisconnect) as refused,
                client.websocket_connect("/_event", headers=headers) as third,
            ):
                third.send_text("x")
            assert refused.value.code == 1008
            second.send_text("bye")
        first.send_text("bye")
    with client.websocket_connect("/_event", headers=headers) as again:  # slots come back
        again.send_text("bye")


def test_a_page_is_always_sent_whole_so_its_policy_matches_its_scripts(
    guarded: TestClient,
) -> None:
    """A 304 would carry a policy computed without the page's scripts onto the cached copy."""
    conditional = {"if-none-match": '"abc"', "if-modified-since": "Tue, 01 Dec 2026 00:00:00 GMT"}

    seen: list[list[tuple[bytes, bytes]]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(list(scope["headers"]))
        await HTMLResponse(PAGE)(scope, receive, send)

    response = TestClient(HttpGuard(app)).get("/connexion", headers=conditional)
    assert _script_hash(INLINE) in _policy(response)["script-src"]
    assert not any(k in (b"if-none-match", b"if-modified-since") for k, _v in seen[0])
