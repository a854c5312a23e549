"""Per-client limits on what costs the server most: document renders and open websockets.

One parent who taps twenty PDF links at once, or a script that opens sockets in a loop, must not
slow everybody else. Limits are per signed-in session (its cookie) and, for anonymous
connections, per client address; a refusal answers at once (429, or a closed socket) with a
message in the visitor's language, and one line in the log.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict, deque
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from portail_famille.api.cookies import language_from_header, session_token_from_header
from portail_famille.i18n import supported_language
from portail_famille.i18n.catalog import translate

log = logging.getLogger(__name__)

# Routes that render a PDF or build an export: the expensive downloads.
RENDER_PREFIXES = (
    "/api/documents/",
    "/api/finances/",
    "/api/paiements/",
    "/api/console/letters",
    "/api/console/journal.csv",
)


@dataclass(frozen=True)
class Limits:
    renders_at_once: int = 2  # per session (or address): the others wait their turn by retrying
    renders_per_minute: int = 30
    sockets_per_session: int = 12  # tabs of one signed-in browser
    sockets_per_address: int = 60  # anonymous tabs behind one address (a school's network)


@dataclass
class _Client:
    running: int = 0
    recent: deque[float] = field(default_factory=deque)
    sockets: int = 0


def header(scope: MutableMapping[str, Any], name: bytes) -> str | None:
    """One header of an ASGI request, as text (None when absent)."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def client_key(scope: MutableMapping[str, Any]) -> tuple[str, bool]:
    """(key, signed in): the session's cookie, hashed, or the client's address."""
    token = session_token_from_header(header(scope, b"cookie"))
    if token:
        return "s:" + hashlib.sha256(token.encode()).hexdigest()[:32], True
    client = scope.get("client") or ("unknown", 0)
    return f"a:{client[0]}", False


def refusal_page(scope: MutableMapping[str, Any], key: str) -> bytes:
    language = supported_language(language_from_header(header(scope, b"cookie")))
    text = escape(translate(language, key))
    return (
        f'<!doctype html><html lang="{language}"><meta charset="utf-8">'
        f"<title>{text}</title><p>{text}</p></html>"
    ).encode()


class ClientLimiter:
    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._clients: defaultdict[str, _Client] = defaultdict(_Client)

    def _forget_idle(self, key: str) -> None:
        client = self._clients.get(key)
        if client and not client.running and not client.sockets and not client.recent:
            del self._clients[key]

    def start_render(self, key: str, now: float | None = None) -> bool:
        """Takes a render slot for `key`; False when it has too many at once or this minute."""
        now = time.monotonic() if now is None else now
        client = self._clients[key]
        while client.recent and now - client.recent[0] > 60:
            client.recent.popleft()
        if (
            client.running >= self.limits.renders_at_once
            or len(client.recent) >= self.limits.renders_per_minute
        ):
            log.info("render refused for %s (%s running)", key[:10], client.running)
            return False
        client.running += 1
        client.recent.append(now)
        return True

    def end_render(self, key: str) -> None:
        self._clients[key].running -= 1
        self._forget_idle(key)

    def open_socket(self, key: str, signed_in: bool) -> bool:
        client = self._clients[key]
        most = self.limits.sockets_per_session if signed_in else self.limits.sockets_per_address
        if client.sockets >= most:
            log.info("websocket refused for %s (%s open)", key[:10], client.sockets)
            return False
        client.sockets += 1
        return True

    def close_socket(self, key: str) -> None:
        self._clients[key].sockets -= 1
        self._forget_idle(key)
