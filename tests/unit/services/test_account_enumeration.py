"""Sign-up and the forgotten password tell nobody which addresses are on file: not by what the
page can say, not by how long the answer takes. Only the mail, read by the address's owner, does.
"""

import statistics
import time
from collections.abc import Callable

import pytest
from sqlmodel import Session, delete

from portail_famille.models import ThrottleEvent
from portail_famille.services.account_settings import request_password_reset
from portail_famille.services.demo import GUARDIAN_WITHOUT_ACCOUNT_EMAIL, PARENT_EMAIL
from portail_famille.services.signup import request_sign_up
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

STRANGER = "nobody.on.file@example.org"
Ask = Callable[[Session, str, str], object]
ROUNDS = 31
# Generous: a busy shared machine blurs single calls, not the median of 31 interleaved ones.
# Measured before the fix (reset): 3.3 to 5.1 times longer for a known address (a code and its
# mail against nothing); after it, 1.0 to 1.4 on SQLite and PostgreSQL alike.
SLOWER_AT_MOST = 2.0


@pytest.mark.parametrize(
    ("ask", "known"),
    [(request_password_reset, PARENT_EMAIL), (request_sign_up, GUARDIAN_WITHOUT_ACCOUNT_EMAIL)],
)
def test_asking_twice_answers_the_page_the_same_for_every_address(
    session: Session, mailbox: Mailbox, ask: Ask, known: str
) -> None:
    """The page shows what the service returns; a replaced code must not show only when on file."""
    answers = {email: [ask(session, email, "fr") for _ in range(2)] for email in (known, STRANGER)}
    assert answers[known] == answers[STRANGER]
    assert mailbox.last_to(known) is not None and mailbox.last_to(STRANGER) is not None


@pytest.mark.parametrize(
    ("ask", "known"),
    [(request_password_reset, PARENT_EMAIL), (request_sign_up, GUARDIAN_WITHOUT_ACCOUNT_EMAIL)],
)
def test_the_answer_takes_as_long_for_an_unknown_address(
    session: Session, mailbox: Mailbox, ask: Ask, known: str
) -> None:
    timings: dict[str, list[float]] = {known: [], STRANGER: []}
    for _ in range(ROUNDS):
        for email in (known, STRANGER):  # interleaved: a slow moment hits both alike
            session.exec(delete(ThrottleEvent))  # the per-address mail limit is not measured here
            sent_before = len(mailbox.messages)
            start = time.perf_counter()
            ask(session, email, "fr")
            session.flush()
            timings[email].append(time.perf_counter() - start)
            assert len(mailbox.messages) == sent_before + 1  # the same work: one mail each
    known_ms, stranger_ms = (statistics.median(timings[e]) * 1000 for e in (known, STRANGER))
    ratio = max(known_ms, stranger_ms) / min(known_ms, stranger_ms)
    name = getattr(ask, "__name__", "ask")
    print(f"{name}: median {known_ms:.2f} ms on file, {stranger_ms:.2f} ms not, x{ratio:.2f}")
    assert ratio < SLOWER_AT_MOST
