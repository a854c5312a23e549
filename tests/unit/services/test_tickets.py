"""Sign-in tickets: one use, two minutes, only a keyed hash stored."""

import secrets
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session, select

from portail_famille.models import VerificationCode
from portail_famille.models.base import utcnow
from portail_famille.services.tickets import TICKET_PATH, issue_ticket, redeem_ticket
from tests.accounts import NewAccount

pytestmark = pytest.mark.db


def _ticket(address: str) -> str:
    parts = urlsplit(address)
    assert parts.path == TICKET_PATH
    return parse_qs(parts.query)["t"][0]


@pytest.mark.parametrize("remember", [True, False])
def test_a_ticket_signs_in_once(session: Session, new_account: NewAccount, remember: bool) -> None:
    user = new_account("ticket.holder@example.org")
    ticket = _ticket(issue_ticket(session, user, remember=remember))
    assert redeem_ticket(session, ticket) == (user, remember)
    assert redeem_ticket(session, ticket) is None


def test_a_ticket_lasts_two_minutes(session: Session, new_account: NewAccount) -> None:
    user = new_account("ticket.holder@example.org")
    late = _ticket(issue_ticket(session, user, remember=False))
    in_time = _ticket(issue_ticket(session, user, remember=False))
    soon = utcnow() + timedelta(minutes=1, seconds=50)
    assert redeem_ticket(session, late, now=soon + timedelta(seconds=15)) is None
    assert redeem_ticket(session, in_time, now=soon) == (user, False)


def test_a_ticket_is_unguessable_and_stored_hashed(
    session: Session, new_account: NewAccount
) -> None:
    user = new_account("ticket.holder@example.org")
    tickets = [_ticket(issue_ticket(session, user, remember=False)) for _ in range(20)]
    assert len(set(tickets)) == 20 and min(len(t) for t in tickets) >= 43  # 256 bits
    stored = session.exec(select(VerificationCode).where(VerificationCode.user_id == user.id))
    hashes = {row.code_hash for row in stored}
    assert not hashes & set(tickets)
    assert all(ticket not in h for ticket in tickets for h in hashes)
    for forged in [secrets.token_urlsafe(32), tickets[0][:-1], "", "x" * 500, *hashes]:
        assert redeem_ticket(session, forged) is None
