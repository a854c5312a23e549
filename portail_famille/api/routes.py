"""Routes served on the app's own port beside the Reflex pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlmodel import Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from portail_famille.api.attachments import ATTACHMENT_ROUTES
from portail_famille.api.cookies import (
    clear_session_cookie,
    session_token_from_header,
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
from portail_famille.services.accounts import authenticate
from portail_famille.services.health import database_answers

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
    client = request.client.host if request.client else "unknown"
    with session_scope() as session:
        # Per account and per client address: a growing wait after five failures.
        if max(
            throttle.wait_seconds(session, "signin_email", email),
            throttle.wait_seconds(session, "signin_client", client, free=CLIENT_FREE_FAILURES),
        ):
            return RedirectResponse(f"{SIGN_IN_PAGE}?erreur=attente", status_code=303)
        user = authenticate(session, email, password)
        if user is None:
            throttle.record_failure(session, "signin_email", email)
            throttle.record_failure(session, "signin_client", client)
            return RedirectResponse(f"{SIGN_IN_PAGE}?erreur=identifiants", status_code=303)
        throttle.clear(session, "signin_email", email)
        return signed_in_response(session, user, remember=remember, request=request)


async def redeem_sign_in_ticket(request: Request) -> Response:
    """The hop from a page's handler (sign-up, password reset) to an HttpOnly session cookie."""
    with session_scope() as session:
        redeemed = tickets.redeem_ticket(session, request.query_params.get("t", ""))
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
    second factor to the code's page first, administrators without one to enrol it)."""
    assert user.id is not None
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
    from portail_famille.api.calendar import CALENDAR_ROUTES
    from portail_famille.api.documents import DOCUMENT_ROUTES
    from portail_famille.api.finance_documents import FINANCE_ROUTES
    from portail_famille.api.oidc import OIDC_ROUTES  # imported here: it uses signed_in_response
    from portail_famille.api.payment_routes import PAYMENT_ROUTES
    from portail_famille.api.request_documents import REQUEST_DOCUMENT_ROUTES
    from portail_famille.api.second_factor import SECOND_FACTOR_ROUTES

    return Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/api/auth/signin", sign_in, methods=["POST"]),
            Route("/api/auth/signout", sign_out, methods=["POST"]),
            Route(tickets.TICKET_PATH, redeem_sign_in_ticket, methods=["GET"]),
            *OIDC_ROUTES,
            *SECOND_FACTOR_ROUTES,
            *ATTACHMENT_ROUTES,
            *DOCUMENT_ROUTES,
            *CALENDAR_ROUTES,
            *REQUEST_DOCUMENT_ROUTES,
            *PAYMENT_ROUTES,
            *FINANCE_ROUTES,
        ]
    )
