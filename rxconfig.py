"""Reflex configuration. Nothing secret here: settings come from PORTAIL_* variables."""

import os
from urllib.parse import urlsplit

import reflex as rx
from reflex_base.constants import StateManagerMode

from portail_famille.config import get_settings

_settings = get_settings()


def _allowed_origins(base_url: str) -> list[str]:
    """Only the portal's own origin may open the websocket or read API answers with cookies."""
    parts = urlsplit(base_url)
    origins = [f"{parts.scheme}://{parts.netloc}"]
    if parts.hostname == "localhost":
        origins.append(f"{parts.scheme}://127.0.0.1" + (f":{parts.port}" if parts.port else ""))
    return origins


# One worker keeps tabs' states in its own memory, never on disk (Reflex's default writes every
# tab's state to .states/ in clear); several workers share them through Redis when
# REFLEX_REDIS_URL is set. Either way an abandoned tab's state lasts tab_state_minutes.
_state_manager = (
    StateManagerMode.REDIS if os.environ.get("REFLEX_REDIS_URL") else StateManagerMode.MEMORY
)

config = rx.Config(
    app_name="portail_famille",
    telemetry_enabled=False,
    frontend_port=_settings.port,
    backend_port=_settings.port,
    cors_allowed_origins=_allowed_origins(_settings.base_url),
    show_built_with_reflex=False,
    # Only gzip: the security headers hash each page's inline scripts (api/http_guard.py).
    frontend_compression_formats=["gzip"],
    plugins=[],
    disable_plugins=[rx.plugins.sitemap.SitemapPlugin],
    redis_token_expiration=_settings.tab_state_minutes * 60,
    state_manager_mode=_state_manager,
)
