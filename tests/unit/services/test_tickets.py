"""Sign-in tickets: one use, two minutes, only a keyed hash stored."""

import secrets
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import VerificationCode
from portail_famille.models.base import utcnow
from portail_famille.services.tickets import issue_ticket, redeem_ticket
from tests.accounts import NewAccount

pytestmark = pytest.mark.db

TAB = "7f0c3e0e-5b1d-4a55-9d7e-2f6a1b8c9d01"  # the Reflex token of the tab that asked


@pytest.mark.parametrize("remember", [True, False])
def test_a_ticket_signs_in_once(session: Session, new_account: NewAccount, remember: bool) -> None:
    user = new_account("ticket.holder@example.org")
    ticket = issue_ticket(session, user, remember=remember, tab=TAB)
    assert redeem_ticket(session, ticket, TAB) == (user, remember)
    assert redeem_ticket(session, ticket, TAB) is None


def test_a_ticket_lasts_two_minutes(session: Session, new_account: NewAccount) -> None:
    user = new_account("ticket.holder@example.org")
    late = issue_ticket(session, user, remember=False, tab=TAB)
    in_time = issue_ticket(session, user, remember=False, tab=TAB)
    soon = utcnow() + timedelta(minutes=1, seconds=50)
    assert redeem_ticket(session, late, TAB, now=soon + timedelta(seconds=15)) is None
    assert redeem_ticket(session, in_time, TAB, now=soon) == (user, False)


def test_a_ticket_is_unguessable_and_stored_hashed(
    session: Session, new_account: NewAccount
) -> None:
    user = new_account("ticket.holder@example.org")
    tickets = [issue_ticket(session, user, remember=False, tab=TAB) for _ in range(20)]
    assert len(set(tickets)) == 20 and min(len(t) for t in tickets) >= 43  # 256 bits
    stored = session.exec(select(VerificationCode).where(VerificationCode.user_id == user.id))
    hashes = {row.code_hash for row in stored}
    assert not hashes & set(tickets)
    assert all(ticket not in h for ticket in tickets for h in hashes)
    for forged in [secrets.token_urlsafe(32), tickets[0][:-1], "", "x" * 500, *hashes]:
        assert redeem_ticket(session, forged, TAB) is None


@pytest.mark.parametrize("other_tab", ["", "a-different-tab-token", TAB + "x", TAB.upper()])
def test_a_ticket_signs_in_only_the_tab_it_was_issued_to_and_is_spent_by_any_other(
    session: Session, new_account: NewAccount, other_tab: str
) -> None:
    """A ticket kept from one's own reset signs nobody else's tab in, and cannot be tried again."""
    user = new_account("ticket.holder@example.org")
    ticket = issue_ticket(session, user, remember=False, tab=TAB)
    assert redeem_ticket(session, ticket, other_tab) is None
    assert redeem_ticket(session, ticket, TAB) is None


def test_a_ticket_needs_a_tab(session: Session, new_account: NewAccount) -> None:
    with pytest.raises(ValueError):
        issue_ticket(session, new_account("ticket.holder@example.org"), remember=False, tab="")
