"""The session cookie: HttpOnly so scripts never see it, SameSite=Lax against cross-site posts.

Over HTTPS its name carries the __Host- prefix: browsers then accept it only if it is Secure, for
path / and set by this host itself, so a neighbouring subdomain cannot plant one (session fixation).
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.responses import Response

from portail_famille.config import get_settings
from portail_famille.services.sessions import COOKIE_NAME

LANGUAGE_COOKIE = "pf_lang"


DEVICE_COOKIE = "pf_device"  # services/known_devices.py: this browser signed in before


def _host_cookie(name: str) -> str:
    return f"__Host-{name}" if get_settings().secure_cookies else name


def session_cookie_name() -> str:
    return _host_cookie(COOKIE_NAME)


def _cookie_from_header(cookie_header: str | None, name: str) -> str | None:
    if not cookie_header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header)
    except Exception:  # a malformed header is an anonymous visitor, not an error
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def session_token_from_header(cookie_header: str | None) -> str | None:
    """The session token in a raw Cookie header (as the websocket handshake carries it)."""
    return _cookie_from_header(cookie_header, session_cookie_name())


def language_from_header(cookie_header: str | None) -> str | None:
    """The language a visitor chose (the page's pf_lang cookie), unchecked."""
    return _cookie_from_header(cookie_header, LANGUAGE_COOKIE)


def device_cookie_from_header(cookie_header: str | None) -> str | None:
    return _cookie_from_header(cookie_header, _host_cookie(DEVICE_COOKIE))


def set_device_cookie(response: Response, value: str, max_age: int) -> None:
    response.set_cookie(
        _host_cookie(DEVICE_COOKIE),
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )


def set_session_cookie(response: Response, token: str, max_age: int | None) -> None:
    response.set_cookie(
        session_cookie_name(),
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(
        session_cookie_name(),
        path="/",
        httponly=True,
        samesite="lax",
        secure=get_settings().secure_cookies,
    )


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
