"""The session cookie: HttpOnly so scripts never see it, SameSite=Lax against cross-site posts."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.responses import Response

from portail_famille.config import get_settings
from portail_famille.services.sessions import COOKIE_NAME

LANGUAGE_COOKIE = "pf_lang"


def session_token_from_header(cookie_header: str | None) -> str | None:
    """The session token in a raw Cookie header (as the websocket handshake carries it)."""
    if not cookie_header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # a malformed header is an anonymous visitor, not an error
        return None
    morsel = jar.get(COOKIE_NAME)
    return morsel.value if morsel else None


def set_session_cookie(response: Response, token: str, max_age: int | None) -> None:
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")


def set_language_cookie(response: Response, language: str) -> None:
    # Read by the page (LangState) so the interface opens in the account's language.
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=365 * 24 * 3600,
        samesite="lax",
        path="/",
        secure=get_settings().secure_cookies,
    )
