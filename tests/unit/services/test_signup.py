"""Sign-up: a code only for an address staff registered; the mail, not the page, tells the truth."""

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import CodePurpose, VerificationCode
from portail_famille.services.access import guardian_links
from portail_famille.services.accounts import AccountError, account_by_email, authenticate
from portail_famille.services.demo import GUARDIAN_WITHOUT_ACCOUNT_EMAIL, PARENT_EMAIL
from portail_famille.services.signup import complete_sign_up, request_sign_up
from tests.accounts import code_in
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

LUC = GUARDIAN_WITHOUT_ACCOUNT_EMAIL
SOPHIE = "sophie.roy@example.org"
STRANGER = "nobody.on.file@example.org"
GOOD_PASSWORD = "Velo-rouge-du-lac-42"


def _codes_sent_to(session: Session, email: str) -> list[VerificationCode]:
    """Codes that could open an account (a decoy, stored void, could not)."""
    return list(
        session.exec(
            select(VerificationCode).where(
                VerificationCode.email == email,
                VerificationCode.purpose == CodePurpose.SIGN_UP,
                col(VerificationCode.voided_at).is_(None),
            )
        ).all()
    )


def test_a_registered_address_gets_a_code_that_opens_the_account(
    session: Session, mailbox: Mailbox
) -> None:
    request_sign_up(session, LUC.upper(), "en")
    mail = mailbox.text_of_last_to(LUC)
    assert "account creation code" in mail
    user = complete_sign_up(session, LUC, code_in(mail), GOOD_PASSWORD, "en")
    assert user.email == LUC
    assert user.password_hash is not None and user.password_hash.startswith("$argon2id$")
    assert authenticate(session, LUC, GOOD_PASSWORD) == user
    assert authenticate(session, LUC, GOOD_PASSWORD + "x") is None


def test_an_unknown_address_is_told_to_ask_the_school(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, STRANGER, "en")
    mail = mailbox.text_of_last_to(STRANGER)
    assert "not on file" in mail and "school office" in mail
    assert _codes_sent_to(session, STRANGER) == []


def test_an_address_with_an_account_is_told_to_sign_in(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, PARENT_EMAIL, "en")
    mail = mailbox.text_of_last_to(PARENT_EMAIL)
    assert "already have an account" in mail and "/connexion" in mail
    assert _codes_sent_to(session, PARENT_EMAIL) == []


def test_asking_again_voids_the_previous_code(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, SOPHIE, "fr")
    first = code_in(mailbox.text_of_last_to(SOPHIE))
    request_sign_up(session, SOPHIE, "fr")
    latest = code_in(mailbox.text_of_last_to(SOPHIE))
    if first != latest:
        with pytest.raises(AccountError, match=r"code\.wrong"):
            complete_sign_up(session, SOPHIE, first, GOOD_PASSWORD, "fr")
    assert complete_sign_up(session, SOPHIE, latest, GOOD_PASSWORD, "fr").email == SOPHIE


@pytest.mark.parametrize("email", ["", "luc", "luc@", "@example.org", "luc gagnon@example.org"])
def test_a_malformed_address_is_refused(session: Session, mailbox: Mailbox, email: str) -> None:
    with pytest.raises(AccountError, match=r"signup\.email_invalid"):
        request_sign_up(session, email, "fr")
    assert mailbox.messages == []


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Court-1", "password.too_short"),
        ("password1234", "password.too_common"),
        ("Luc.Gagnon#2026", "password.contains_email"),
    ],
)
def test_a_weak_password_is_refused_before_the_code_is_checked(
    session: Session, mailbox: Mailbox, password: str, problem: str
) -> None:
    request_sign_up(session, LUC, "fr")
    code = code_in(mailbox.text_of_last_to(LUC))
    for _ in range(6):  # more than the code's tries, with the right code: none is spent
        with pytest.raises(AccountError) as refused:
            complete_sign_up(session, LUC, code, password, "fr")
        assert refused.value.code == problem
    assert account_by_email(session, LUC) is None
    assert complete_sign_up(session, LUC, code, GOOD_PASSWORD, "fr").email == LUC


def test_a_wrong_code_costs_one_of_five_tries(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, LUC, "fr")
    code = code_in(mailbox.text_of_last_to(LUC))
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        with pytest.raises(AccountError, match=r"code\.wrong"):
            complete_sign_up(session, LUC, wrong, GOOD_PASSWORD, "fr")
    with pytest.raises(AccountError, match=r"code\.spent"):
        complete_sign_up(session, LUC, wrong, GOOD_PASSWORD, "fr")
    with pytest.raises(AccountError, match=r"code\.spent"):
        complete_sign_up(session, LUC, code, GOOD_PASSWORD, "fr")
    assert account_by_email(session, LUC) is None


def test_a_code_opens_one_account_once(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, LUC, "fr")
    code = code_in(mailbox.text_of_last_to(LUC))
    complete_sign_up(session, LUC, code, GOOD_PASSWORD, "fr")
    with pytest.raises(AccountError, match=r"code\.spent"):
        complete_sign_up(session, LUC, code, "Un-autre-mot-de-passe-7", "fr")
    assert authenticate(session, LUC, GOOD_PASSWORD) is not None


def test_a_new_account_sees_no_child_until_it_links_one(session: Session, mailbox: Mailbox) -> None:
    request_sign_up(session, LUC, "fr")
    code = code_in(mailbox.text_of_last_to(LUC))
    user = complete_sign_up(session, LUC, code, GOOD_PASSWORD, "fr")
    assert user.id is not None
    assert guardian_links(session, user.id) == []
