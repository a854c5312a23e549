"""Account settings: password, e-mail, notification addresses and devices, each behind a proof."""

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import AuthSession, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services import account_settings as settings
from portail_famille.services.accounts import AccountError, account_by_email, authenticate
from portail_famille.services.demo import DEMO_PASSWORD, PARENT_EMAIL
from portail_famille.services.sessions import open_session, token_hash, user_for_token
from tests.accounts import NewAccount, code_in
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

OWNER = "owner.settings@example.org"
NEW_PASSWORD = "Trois-chats-sur-le-toit"


@pytest.fixture
def owner(session: Session, new_account: NewAccount) -> UserAccount:
    user = new_account(OWNER)
    user.locale = "en"  # the mails it gets read in English
    session.add(user)
    return user


def _id(user: UserAccount) -> int:
    assert user.id is not None
    return user.id


def _signed_in(session: Session, user: UserAccount, minutes_ago: int = 0) -> str:
    now = utcnow() - timedelta(minutes=minutes_ago)
    return open_session(session, user, remember=True, now=now).token


def test_changing_the_password_signs_out_every_other_device(
    session: Session, owner: UserAccount
) -> None:
    here, phone, tablet = (_signed_in(session, owner) for _ in range(3))
    settings.change_password(session, _id(owner), DEMO_PASSWORD, NEW_PASSWORD, here)
    assert user_for_token(session, here) == owner
    assert user_for_token(session, phone) is None and user_for_token(session, tablet) is None
    assert authenticate(session, OWNER, NEW_PASSWORD) == owner
    assert authenticate(session, OWNER, DEMO_PASSWORD) is None


def test_a_wrong_current_password_changes_nothing_and_is_throttled(
    session: Session, owner: UserAccount
) -> None:
    here, phone = _signed_in(session, owner), _signed_in(session, owner)
    for _ in range(5):
        with pytest.raises(AccountError, match=r"settings\.current_password_wrong"):
            settings.change_password(session, _id(owner), "Not-my-password-1", NEW_PASSWORD, here)
    with pytest.raises(AccountError, match=r"signin\.throttled"):
        settings.change_password(session, _id(owner), DEMO_PASSWORD, NEW_PASSWORD, here)
    assert authenticate(session, OWNER, DEMO_PASSWORD) == owner
    assert user_for_token(session, phone) == owner


@pytest.mark.parametrize(
    ("new_password", "problem"),
    [
        ("Court-1", "password.too_short"),
        ("password1234", "password.too_common"),
        ("owner.settings-2026", "password.contains_email"),
    ],
)
def test_the_new_password_follows_the_policy(
    session: Session, owner: UserAccount, new_password: str, problem: str
) -> None:
    phone = _signed_in(session, owner)
    with pytest.raises(AccountError) as refused:
        settings.change_password(session, _id(owner), DEMO_PASSWORD, new_password, None)
    assert refused.value.code == problem
    assert authenticate(session, OWNER, DEMO_PASSWORD) == owner
    assert user_for_token(session, phone) == owner


def test_a_forgotten_password_is_reset_by_code_and_every_device_signed_out(
    session: Session, owner: UserAccount, mailbox: Mailbox
) -> None:
    phone, laptop = _signed_in(session, owner), _signed_in(session, owner)
    settings.request_password_reset(session, OWNER, "en")
    code = code_in(mailbox.text_of_last_to(OWNER))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    with pytest.raises(AccountError, match=r"code\.wrong"):
        settings.reset_password(session, OWNER, wrong, NEW_PASSWORD)
    assert settings.reset_password(session, OWNER, code, NEW_PASSWORD) == owner
    assert user_for_token(session, phone) is None and user_for_token(session, laptop) is None
    assert authenticate(session, OWNER, NEW_PASSWORD) == owner
    with pytest.raises(AccountError, match=r"code\.spent"):
        settings.reset_password(session, OWNER, code, "Encore-un-autre-mot-9")


def test_no_reset_code_for_an_address_without_account(session: Session, mailbox: Mailbox) -> None:
    """The address's owner is told there is no account (the page says the same as for any)."""
    settings.request_password_reset(session, "no.account@example.org", "en")
    told = mailbox.text_of_last_to("no.account@example.org")
    assert "no active account" in told and "/inscription" in told
    assert not re.search(r"\b\d{6}\b", told)


def test_a_new_address_is_confirmed_by_a_code_sent_to_it(
    session: Session, owner: UserAccount, mailbox: Mailbox
) -> None:
    new_address = "owner.new@example.org"
    settings.request_email_change(session, _id(owner), DEMO_PASSWORD, new_address.upper())
    assert [str(m["To"]) for m in mailbox.messages] == [new_address]
    code = code_in(mailbox.text_of_last_to(new_address))
    assert owner.email == OWNER and account_by_email(session, new_address) is None
    settings.confirm_email_change(session, _id(owner), new_address, code)
    assert owner.email == new_address
    assert authenticate(session, new_address, DEMO_PASSWORD) == owner
    told = mailbox.text_of_last_to(OWNER)
    assert "address changed" in told and new_address in told


def test_changing_the_address_needs_the_current_password(
    session: Session, owner: UserAccount, mailbox: Mailbox
) -> None:
    with pytest.raises(AccountError, match=r"settings\.current_password_wrong"):
        settings.request_email_change(
            session, _id(owner), "Not-my-password-1", "owner.new@example.org"
        )
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("new_address", "problem"),
    [
        (PARENT_EMAIL, "settings.email_taken"),
        (OWNER.upper(), "settings.email_same"),
        ("owner.new@", "signup.email_invalid"),
    ],
)
def test_an_address_of_another_account_is_refused(
    session: Session, owner: UserAccount, mailbox: Mailbox, new_address: str, problem: str
) -> None:
    with pytest.raises(AccountError) as refused:
        settings.request_email_change(session, _id(owner), DEMO_PASSWORD, new_address)
    assert refused.value.code == problem
    assert mailbox.messages == []


def test_an_address_taken_meanwhile_is_refused_at_confirmation(
    session: Session, owner: UserAccount, new_account: NewAccount, mailbox: Mailbox
) -> None:
    new_address = "owner.new@example.org"
    settings.request_email_change(session, _id(owner), DEMO_PASSWORD, new_address)
    code = code_in(mailbox.text_of_last_to(new_address))
    new_account(new_address)
    with pytest.raises(AccountError, match=r"settings\.email_taken"):
        settings.confirm_email_change(session, _id(owner), new_address, code)
    assert owner.email == OWNER


def test_another_account_cannot_confirm_the_code(
    session: Session, owner: UserAccount, new_account: NewAccount, mailbox: Mailbox
) -> None:
    new_address = "owner.new@example.org"
    settings.request_email_change(session, _id(owner), DEMO_PASSWORD, new_address)
    code = code_in(mailbox.text_of_last_to(new_address))
    intruder = new_account("intruder@example.org")
    with pytest.raises(AccountError):
        settings.confirm_email_change(session, _id(intruder), new_address, code)
    assert intruder.email == "intruder@example.org"


def test_up_to_three_distinct_notification_addresses(session: Session, owner: UserAccount) -> None:
    user_id = _id(owner)
    for address in ["a@example.org", "B@Example.org", "c@example.org"]:
        settings.add_notification_email(session, user_id, address)
    refusals = {
        "d@example.org": "settings.notification_limit",
        "a@example.org": "settings.notification_duplicate",
        OWNER.upper(): "settings.notification_duplicate",
        "not an address": "signup.email_invalid",
    }
    for address, problem in refusals.items():
        with pytest.raises(AccountError) as refused:
            settings.add_notification_email(session, user_id, address)
        assert refused.value.code == problem
    expected = ["a@example.org", "b@example.org", "c@example.org"]
    assert settings.notification_emails(session, user_id) == expected
    settings.remove_notification_email(session, user_id, "A@example.org")
    settings.add_notification_email(session, user_id, "d@example.org")
    assert settings.notification_emails(session, user_id) == [*expected[1:], "d@example.org"]


def test_a_login_address_is_no_notification_copy(session: Session, owner: UserAccount) -> None:
    with pytest.raises(AccountError, match=r"settings\.notification_duplicate"):
        settings.add_notification_email(session, _id(owner), f" {OWNER} ")
    assert settings.notification_emails(session, _id(owner)) == []


def _session_id(session: Session, token: str) -> int:
    row = session.exec(select(AuthSession).where(AuthSession.token_hash == token_hash(token))).one()
    assert row.id is not None
    return row.id


def test_devices_list_the_accounts_own_sessions_this_one_first(
    session: Session, owner: UserAccount, new_account: NewAccount
) -> None:
    here = _signed_in(session, owner, minutes_ago=20)
    phone = _signed_in(session, owner, minutes_ago=1)
    _signed_in(session, new_account("someone.else@example.org"))
    listed = settings.devices(session, _id(owner), here)
    assert [d.session_id for d in listed] == [
        _session_id(session, here),
        _session_id(session, phone),
    ]
    assert [d.current for d in listed] == [True, False]


def test_signing_out_a_device_of_another_account_does_nothing(
    session: Session, owner: UserAccount, new_account: NewAccount
) -> None:
    other = new_account("someone.else@example.org")
    theirs = _signed_in(session, other)
    mine = _signed_in(session, owner)
    settings.sign_out_device(session, _id(owner), _session_id(session, theirs))
    assert user_for_token(session, theirs) == other
    settings.sign_out_device(session, _id(owner), _session_id(session, mine))
    assert user_for_token(session, mine) is None
