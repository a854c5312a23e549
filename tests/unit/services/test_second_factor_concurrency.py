"""One code, two sign-ins at the same instant (a double submit, or a thief racing the owner):
exactly one is accepted, for an authenticator code as for a recovery code.

The second sign-in reads the factor while the first has used the code but not committed yet, the
worst interleaving; PostgreSQL only (SQLite serialises whole transactions, so it cannot happen).
"""

from __future__ import annotations

import threading
import time

import pyotp
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import UserAccount
from portail_famille.services import recovery_codes, second_factor
from portail_famille.services.demo import ADMIN_EMAIL
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET

pytestmark = pytest.mark.db


@pytest.fixture
def admin_id(engine: Engine) -> int:
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks and READ COMMITTED re-checks are PostgreSQL's")
    with Session(engine) as session:
        admin = session.exec(select(UserAccount).where(UserAccount.email == ADMIN_EMAIL)).one()
        assert admin.id is not None
        return admin.id


def _interleaved(engine: Engine, user_id: int, code: str) -> tuple[str | None, str | None]:
    """The first sign-in uses `code`; the second tries it before the first commits."""
    second: list[str | None] = []
    errors: list[Exception] = []

    def other() -> None:
        try:
            with Session(engine) as session:
                second.append(second_factor.verify(session, user_id, code))
                session.commit()
        except Exception as error:  # reported by the test
            errors.append(error)

    with Session(engine) as session:
        first = second_factor.verify(session, user_id, code)
        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.5)  # the other sign-in has read the factor and waits on the row
        session.commit()
    thread.join()
    assert errors == []
    return first, second[0]


def test_a_code_given_twice_at_once_is_accepted_once(engine: Engine, admin_id: int) -> None:
    code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
    assert _interleaved(engine, admin_id, code) == ("totp", None)


def test_a_recovery_code_given_twice_at_once_is_accepted_once(
    engine: Engine, admin_id: int
) -> None:
    with Session(engine) as session:
        codes = recovery_codes.replace_all(session, admin_id)
        session.commit()
    assert _interleaved(engine, admin_id, codes[0]) == ("recovery", None)
