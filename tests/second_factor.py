"""Signing in as staff with a second factor, the way a browser does it, for route tests.

Tests sign in as the demo administrator many times a minute; a person cannot, and a code is
accepted once per 30-second step. So before giving the code, the helper forgets the step last
accepted for that account: exactly what waiting for the next step would do.
"""

from __future__ import annotations

import httpx
import pyotp
from sqlalchemy.engine import Engine
from sqlmodel import col, select, update
from starlette.testclient import TestClient

from portail_famille.db import make_engine, session_scope
from portail_famille.models import TotpFactor, UserAccount
from portail_famille.paths import SECOND_FACTOR_PAGE
from portail_famille.services import sessions
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET

ORIGIN = {"origin": "http://testserver"}


def forget_last_code(user_id: int, engine: Engine | None = None) -> None:
    with session_scope(engine) as session:
        session.exec(
            update(TotpFactor).where(col(TotpFactor.user_id) == user_id).values(last_used_step=None)
        )


def current_code_for(email: str, database_url: str, secret: str = DEMO_TOTP_SECRET) -> str:
    """The code an authenticator shows now, for a portal running on `database_url` (browser
    tests), its last accepted step forgotten first."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            user_id = session.exec(select(UserAccount.id).where(UserAccount.email == email)).one()
        assert user_id is not None
        forget_last_code(user_id, engine)
    finally:
        engine.dispose()
    return pyotp.TOTP(secret).now()


def finish_second_factor(
    client: TestClient, response: httpx.Response, secret: str = DEMO_TOTP_SECRET
) -> httpx.Response:
    """`response` when the sign-in asked for no code; otherwise the answer to the right code."""
    if response.headers.get("location") != SECOND_FACTOR_PAGE:
        return response
    with session_scope() as session:
        restricted = sessions.restricted_user_for_token(
            session, client.cookies.get(sessions.COOKIE_NAME)
        )
        assert restricted is not None and restricted[0].id is not None
        user_id = restricted[0].id
    forget_last_code(user_id)
    return client.post(
        "/api/auth/second-factor", data={"code": pyotp.TOTP(secret).now()}, headers=ORIGIN
    )
