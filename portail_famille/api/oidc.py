"""Sign in with an OpenID Connect provider: /api/auth/oidc/{provider}/login and .../callback.

The endpoints are plain functions, so Starlette runs them in its thread pool: the calls to the
provider never hold up the event loop that serves every page.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portail_famille.api.routes import signed_in_response
from portail_famille.config import get_settings, oidc_providers
from portail_famille.db import session_scope
from portail_famille.i18n import supported_language
from portail_famille.paths import SIGN_IN_PAGE
from portail_famille.services import audit, oidc, oidc_logins
from portail_famille.services.oidc_accounts import SignInRefused, account_for
from portail_famille.services.staff_providers import provider_opens_console

_log = logging.getLogger(__name__)

BROWSER_COOKIE = "pf_oidc"
_COOKIE_PATH = "/api/auth/oidc"
# SignInRefused.reason -> the ?erreur= code the sign-in page knows (state/signin.py).
_ERROR_CODES = {
    "unverified": "oidc_non_verifie",
    "unknown": "oidc_inconnu",
    "disabled": "oidc_desactive",
    "staff_provider": "oidc_personnel",
}
FAILED = "oidc_echec"


def _redirect_uri(provider: str) -> str:
    return f"{get_settings().base_url}/api/auth/oidc/{provider}/callback"


def _back_to_sign_in(code: str) -> Response:
    return RedirectResponse(f"{SIGN_IN_PAGE}?erreur={code}", status_code=303)


def _refuse(provider: str, reason: str, user_id: int | None = None) -> Response:
    with session_scope() as session:
        audit.record(
            session,
            action="auth.oidc_refused",
            actor_user_id=user_id,
            provider=provider,
            reason=reason,
        )
    return _back_to_sign_in(_ERROR_CODES.get(reason, FAILED))


def _browser_secret(request: Request) -> str | None:
    value = request.cookies.get(BROWSER_COOKIE)
    return value if value and 32 <= len(value) <= 100 else None


def login(request: Request) -> Response:
    name = request.path_params["provider"]
    provider = oidc_providers().get(name)
    if provider is None:
        return Response(status_code=404)
    # Reused when present, so two tabs signing in at once do not void each other.
    browser_secret = _browser_secret(request) or oidc_logins.new_browser_secret()
    try:
        with session_scope() as session:
            started = oidc_logins.start(
                session,
                provider=name,
                browser_secret=browser_secret,
                remember=request.query_params.get("remember") == "1",
            )
            url = oidc.authorization_url(
                provider,
                redirect_uri=_redirect_uri(name),
                state=started.state,
                nonce=started.nonce,
                code_verifier=started.code_verifier,
            )
    except oidc.OidcFailure as failure:
        _log.warning("OpenID Connect provider %s unavailable: %s", name, failure)
        return _refuse(name, "provider_unavailable")
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        BROWSER_COOKIE,
        browser_secret,
        max_age=int(oidc_logins.LIFETIME.total_seconds()),
        path=_COOKIE_PATH,
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back to the callback
        secure=get_settings().secure_cookies,
    )
    return response


def callback(request: Request) -> Response:
    name = request.path_params["provider"]
    provider = oidc_providers().get(name)
    if provider is None:
        return Response(status_code=404)
    with session_scope() as session:
        # Committed before anything else: a state is spent even if what follows fails.
        pending = oidc_logins.consume(
            session,
            provider=name,
            state=request.query_params.get("state"),
            browser_secret=_browser_secret(request),
        )
    if pending is None:
        return _refuse(name, "state")
    code = request.query_params.get("code")
    if request.query_params.get("error") or not code:
        return _refuse(name, "provider_error")
    try:
        account = oidc.finish(
            provider,
            redirect_uri=_redirect_uri(name),
            code=code,
            code_verifier=pending.code_verifier,
            nonce=pending.nonce,
        )
    except oidc.OidcFailure as failure:
        _log.warning("OpenID Connect sign-in with %s failed: %s", name, failure)
        return _refuse(name, "token")
    language = supported_language(request.cookies.get("pf_lang") or get_settings().default_locale)
    try:
        with session_scope() as session:
            user = account_for(session, provider=name, account=account, locale=language)
            assert user.id is not None
            if not provider_opens_console(session, user.id, name):
                raise SignInRefused("staff_provider", user.id)
            audit.record(session, action="auth.oidc_sign_in", actor_user_id=user.id, provider=name)
            return signed_in_response(session, user, remember=pending.remember, request=request)
    except SignInRefused as refusal:
        return _refuse(name, refusal.reason, refusal.user_id)


OIDC_ROUTES = [
    Route("/api/auth/oidc/{provider}/login", login, methods=["GET"]),
    Route("/api/auth/oidc/{provider}/callback", callback, methods=["GET"]),
]
