"""Routes served on the app's own port beside the Reflex pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from portail_famille.api.attachments import ATTACHMENT_ROUTES
from portail_famille.api.client import request_client_address
from portail_famille.api.cookies import (
    clear_session_cookie,
    device_cookie_from_header,
    session_token_from_header,
    set_device_cookie,
    set_language_cookie,
    set_session_cookie,
)
from portail_famille.db import get_engine, session_scope
from portail_famille.domain.codes import normalise_email
from portail_famille.models import AccountStatus, UserAccount
from portail_famille.paths import (
    GUARDIAN_HOME,
    PUBLIC_HOME,
    SECOND_FACTOR_PAGE,
    SECOND_FACTOR_SETTINGS,
    SIGN_IN_PAGE,
    STAFF_HOME,
)
from portail_famille.services import second_factor, sessions, throttle, tickets
from portail_famille.services.accounts import account_by_email, authenticate
from portail_famille.services.health import database_answers
from portail_famille.services.known_devices import (
    DEVICE_LIFETIME,
    device_cookie_value,
    known_device,
)

# A school or a town hall puts many families behind one address: more room before slowing it.
CLIENT_FREE_FAILURES = 30


async def healthz(_request: Request) -> Response:
    if database_answers(get_engine()):
        return JSONResponse({"status": "ok"})
    return JSONResponse({"status": "database unavailable"}, status_code=503)


def _same_origin(request: Request) -> bool:
    """Refuses form posts from another site (login CSRF): browsers send Origin on every POST."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host")


async def sign_in(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    form = await request.form()
    email = normalise_email(str(form.get("email", ""))[:254])
    password = str(form.get("password", ""))[:1024]
    remember = form.get("remember") in ("on", "1", "true")
    device_cookie = device_cookie_from_header(request.headers.get("cookie"))
    with session_scope() as session:
        # Per account and per client address: a growing wait after five failures. A browser that
        # signed in to this account before is throttled on its own instead, so that others'
        # failures do not lock the owner out.
        account = account_by_email(session, email)
        device = known_device(device_cookie, account.id) if account and account.id else None
        if device is not None:
            buckets = [("signin_device", f"{email}\0{device}", throttle.FREE_FAILURES)]
        else:
            buckets = [
                ("signin_email", email, throttle.FREE_FAILURES),
                ("signin_client", request_client_address(request), CLIENT_FREE_FAILURES),
            ]
        if max(throttle.wait_seconds(session, kind, key, free=free) for kind, key, free in buckets):
            return RedirectResponse(f"{SIGN_IN_PAGE}?erreur=attente", status_code=303)
        user = authenticate(session, email, password)
        if user is None:
            for kind, key, _free in buckets:
                throttle.record_failure(session, kind, key)
            return RedirectResponse(f"{SIGN_IN_PAGE}?erreur=identifiants", status_code=303)
        throttle.clear(session, "signin_email", email)
        if device is not None:
            throttle.clear(session, *buckets[0][:2])
        return signed_in_response(session, user, remember=remember, request=request)


async def redeem_sign_in_ticket(request: Request) -> Response:
    """The hop from a page's handler (sign-up, password reset) to an HttpOnly session cookie.

    Only a same-origin POST from the tab the ticket was issued to: a link or another site's
    form (login CSRF) redeems nothing."""
    if request.method != "POST":
        return RedirectResponse(SIGN_IN_PAGE, status_code=303)
    if not _same_origin(request):
        return Response(status_code=403)
    form = await request.form()
    ticket, tab = str(form.get("t", ""))[:200], str(form.get("tab", ""))[:200]
    with session_scope() as session:
        redeemed = tickets.redeem_ticket(session, ticket, tab)
        if redeemed is None:
            return RedirectResponse(SIGN_IN_PAGE, status_code=303)
        user, remember = redeemed
        if user.status != AccountStatus.ACTIVE:
            return RedirectResponse(SIGN_IN_PAGE, status_code=303)
        return signed_in_response(session, user, remember=remember, request=request)


def signed_in_response(
    session: Session,
    user: UserAccount,
    *,
    remember: bool,
    request: Request,
    second_factor_passed: bool = False,
) -> Response:
    """Opens a session for `user` and sends the browser home with its cookies (staff with a
    second factor to the code's page first, administrators without one to enrol it).

    Whoever was signed in on this browser before (another account, or the same) is signed out:
    their token must not stay valid behind the new cookie."""
    assert user.id is not None
    sessions.close_session(session, session_token_from_header(request.headers.get("cookie")))
    new = sessions.open_session(
        session,
        user,
        remember=remember,
        user_agent=request.headers.get("user-agent"),
        second_factor_passed=second_factor_passed,
    )
    target = STAFF_HOME if sessions.is_staff(session, user.id) else GUARDIAN_HOME
    if new.second_factor_pending:
        target = SECOND_FACTOR_PAGE
    elif second_factor.must_enrol(session, user.id):
        target = SECOND_FACTOR_SETTINGS
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, new.token, new.max_age_seconds)
    if not new.second_factor_pending:
        # This browser is now known to the account: strangers' failures will not lock it out
        # (only once the whole sign-in passed: a password alone is not enough for staff).
        set_device_cookie(
            response, device_cookie_value(user.id), int(DEVICE_LIFETIME.total_seconds())
        )
    set_language_cookie(response, user.locale)
    return response


async def sign_out(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    token = session_token_from_header(request.headers.get("cookie"))
    everywhere = (await request.form()).get("everywhere") == "1"
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if everywhere and user is not None and user.id is not None:
            sessions.close_all_sessions(session, user.id)
        else:
            sessions.close_session(session, token)
    response = RedirectResponse(PUBLIC_HOME, status_code=303)
    clear_session_cookie(response)
    return response


def create_api() -> Starlette:
    from portail_famille.api.audit_export import AUDIT_ROUTES
    from portail_famille.api.calendar import CALENDAR_ROUTES
    from portail_famille.api.documents import DOCUMENT_ROUTES
    from portail_famille.api.finance_documents import FINANCE_ROUTES
    from portail_famille.api.letters import LETTERS_PATH, letters
    from portail_famille.api.oidc import OIDC_ROUTES  # imported here: it uses signed_in_response
    from portail_famille.api.payment_routes import PAYMENT_ROUTES
    from portail_famille.api.request_documents import REQUEST_DOCUMENT_ROUTES
    from portail_famille.api.second_factor import SECOND_FACTOR_ROUTES

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/api/auth/signin", sign_in, methods=["POST"]),
            Route("/api/auth/signout", sign_out, methods=["POST"]),
            Route(tickets.TICKET_PATH, redeem_sign_in_ticket, methods=["GET", "POST"]),
            *OIDC_ROUTES,
            *SECOND_FACTOR_ROUTES,
            *ATTACHMENT_ROUTES,
            *DOCUMENT_ROUTES,
            *CALENDAR_ROUTES,
            *REQUEST_DOCUMENT_ROUTES,
            *PAYMENT_ROUTES,
            *FINANCE_ROUTES,
            *AUDIT_ROUTES,
            Route(LETTERS_PATH, letters, methods=["POST"]),
        ]
    )
