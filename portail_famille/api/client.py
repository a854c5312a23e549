"""The client's address for a route, read the one way every throttle reads it."""

from __future__ import annotations

from starlette.requests import Request

from portail_famille.config import get_settings
from portail_famille.domain.client_address import client_address


def request_client_address(request: Request) -> str:
    return client_address(
        request.client.host if request.client else None,
        ", ".join(request.headers.getlist("x-forwarded-for")),
        get_settings().trusted_proxy_networks,
    )
