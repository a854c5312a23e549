"""POST /api/auth/second-factor: the authenticator's code (or a recovery code) after the password.

A pending session opens nothing (services/sessions.py); a right code ends it and opens a fresh
session with a new token, so nobody who saw the pending cookie holds a signed-in one.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.api.routes import _same_origin, signed_in_response
from portail_famille.db import session_scope
from portail_famille.paths import SECOND_FACTOR_PAGE, SIGN_IN_PAGE
from portail_famille.services import audit, second_factor, sessions, throttle

THROTTLE_KIND = second_factor.THROTTLE_KIND


def _again(code: str) -> Response:
    return RedirectResponse(f"{SECOND_FACTOR_PAGE}?erreur={code}", status_code=303)


async def give_second_factor(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    code = str((await request.form()).get("code", ""))[:64]
    # Off the event loop: the database work must not hold up every other page of this worker.
    return await run_in_threadpool(_check_code, request, code)


def _check_code(request: Request, code: str) -> Response:
    token = session_token_from_header(request.headers.get("cookie"))
    with session_scope() as session:
        restricted = sessions.restricted_user_for_token(session, token)
        if restricted is None or restricted[1] != "verify":
            return RedirectResponse(SIGN_IN_PAGE, status_code=303)
        user = restricted[0]
        assert user.id is not None
        key = str(user.id)
        if throttle.wait_seconds(session, THROTTLE_KIND, key):
            return _again("attente")
        kind = second_factor.verify(session, user.id, code)
        if kind is None:
            throttle.record_failure(session, THROTTLE_KIND, key)
            audit.record(session, action="auth.second_factor_failed", actor_user_id=user.id)
            return _again("code")
        throttle.clear(session, THROTTLE_KIND, key)
        audit.record(session, action="auth.second_factor_passed", actor_user_id=user.id, kind=kind)
        sessions.close_session(session, token)
        return signed_in_response(
            session, user, remember=False, request=request, second_factor_passed=True
        )


SECOND_FACTOR_ROUTES = [
    Route("/api/auth/second-factor", give_second_factor, methods=["POST"]),
]
