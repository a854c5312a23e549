"""Staff invitations: an 8-digit code kept hashed, 72 hours, 5 attempts, once, newest only."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import StaffRole, UserAccount, VerificationCode
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.accounts import authenticate
from portail_famille.services.demo import ADMIN_EMAIL, SECRETARY_EMAIL
from portail_famille.services.staff import StaffError
from portail_famille.services.staff_invitations import accept_invitation, invite_staff
from tests.unit.services.staff_fixtures import (
    commune_admin,
    last_code_mailed_to,
    organisation_id,
    school_id,
    user_id,
)

pytestmark = pytest.mark.db

NEW = "nouvelle.secretaire@example.org"
PASSWORD = "trois pommes vertes au marché"


def _invite(session: Session, email: str = NEW, **changes: object) -> VerificationCode:
    options: dict = {
        "email": email,
        "name": "Nadia Secrétaire",
        "role": "secretary",
        "organisation_id": organisation_id(session, "css-mille-lacs"),
        "school_id": school_id(session, "001"),
    }
    options.update(changes)
    return invite_staff(session, user_id(session, ADMIN_EMAIL), **options)


def test_the_code_is_eight_digits_mailed_and_only_its_hash_kept(session: Session) -> None:
    invitation = _invite(session)
    code = last_code_mailed_to(session, NEW)
    assert len(code) == 8 and code not in invitation.code_hash
    assert len(invitation.code_hash) == 64
    assert invitation.expires_at - invitation.created_at == timedelta(hours=72)
    assert invitation.attempts_left == 5
    assert invitation.payload["role"] == "secretary"


def test_accepting_creates_a_secretary_of_that_school_only_and_works_once(
    session: Session,
) -> None:
    _invite(session)
    code = last_code_mailed_to(session, NEW)
    user = accept_invitation(session, email=NEW.upper(), code=code, password=PASSWORD)
    assert user is not None and user.id is not None
    scope = staff_scope(session, user.id)
    css = organisation_id(session, "css-mille-lacs")
    assert scope.allows_school(css, school_id(session, "001"))
    assert not scope.allows_school(css, school_id(session, "002"))
    assert authenticate(session, NEW, PASSWORD) is not None
    assert accept_invitation(session, email=NEW, code=code, password=PASSWORD) is None


def test_wrong_codes_use_up_the_five_attempts(session: Session) -> None:
    invitation = _invite(session)
    code = last_code_mailed_to(session, NEW)
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    for left in range(4, -1, -1):
        assert accept_invitation(session, email=NEW, code=wrong, password=PASSWORD) is None
        assert invitation.attempts_left == left
    assert accept_invitation(session, email=NEW, code=code, password=PASSWORD) is None
    assert session.exec(select(UserAccount).where(UserAccount.email == NEW)).first() is None


def test_an_unknown_address_gets_the_same_answer(session: Session) -> None:
    _invite(session)
    code = last_code_mailed_to(session, NEW)
    assert accept_invitation(session, email="x@example.org", code=code, password=PASSWORD) is None


def test_the_code_expires_after_72_hours(session: Session) -> None:
    invitation = _invite(session)
    code = last_code_mailed_to(session, NEW)
    late = invitation.created_at + timedelta(hours=72, seconds=1)
    assert accept_invitation(session, email=NEW, code=code, password=PASSWORD, now=late) is None


def test_a_new_invitation_voids_the_older_one(session: Session) -> None:
    first = _invite(session)
    old_code = last_code_mailed_to(session, NEW)
    second = _invite(session, role="childhood_service", school_id=None)
    new_code = last_code_mailed_to(session, NEW)
    assert first.voided_at is not None and second.voided_at is None
    if old_code != new_code:  # one chance in 10^8 that both codes are the same
        assert accept_invitation(session, email=NEW, code=old_code, password=PASSWORD) is None
    user = accept_invitation(session, email=NEW, code=new_code, password=PASSWORD)
    assert user is not None and user.id is not None
    assert staff_scope(session, user.id).schools_by_organisation == {
        organisation_id(session, "css-mille-lacs"): None
    }


def test_a_weak_password_is_refused_without_costing_an_attempt(session: Session) -> None:
    invitation = _invite(session)
    code = last_code_mailed_to(session, NEW)
    with pytest.raises(StaffError) as refused:
        accept_invitation(session, email=NEW, code=code, password="motdepasse")
    assert refused.value.code == "password.too_short"
    assert invitation.attempts_left == 5


def test_an_existing_account_gets_the_role_and_signs_in_again(session: Session) -> None:
    parent = "claire.martin@example.org"
    _invite(session, email=parent)
    parent_id = user_id(session, parent)
    account = session.get(UserAccount, parent_id)
    assert account is not None
    phone = sessions.open_session(session, account, remember=True)
    user = accept_invitation(
        session, email=parent, code=last_code_mailed_to(session, parent), password=PASSWORD
    )
    assert user is not None and user.id == parent_id
    assert sessions.user_for_token(session, phone.token) is None
    assert staff_scope(session, parent_id).organisation_ids == {
        organisation_id(session, "css-mille-lacs")
    }


def test_a_commune_admin_cannot_invite_into_the_school_service_centre(session: Session) -> None:
    mayor = commune_admin(session)
    commune = organisation_id(session, "saint-aubin")
    css = organisation_id(session, "css-mille-lacs")
    base: dict = {"email": NEW, "name": "X", "role": "secretary"}
    with pytest.raises(Forbidden):
        invite_staff(session, mayor, **base, organisation_id=css, school_id=None)
    with pytest.raises(Forbidden):  # a commune role narrowed to the centre's school
        invite_staff(
            session, mayor, **base, organisation_id=commune, school_id=school_id(session, "001")
        )
    assert (
        invite_staff(
            session, mayor, **base, organisation_id=commune, school_id=school_id(session, "E01")
        ).payload["organisation_id"]
        == commune
    )


def test_a_secretary_cannot_invite(session: Session) -> None:
    with pytest.raises(Forbidden):
        invite_staff(
            session,
            user_id(session, SECRETARY_EMAIL),
            email=NEW,
            name="X",
            role="secretary",
            organisation_id=organisation_id(session, "css-mille-lacs"),
            school_id=None,
        )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"role": StaffRole.ADMIN.value}, "staff.error.admin_school"),
        ({"role": "director"}, "staff.error.role"),
        ({"email": "pas une adresse"}, "staff.error.email"),
        ({"name": "  "}, "staff.error.name"),
    ],
)
def test_bad_invitations_are_refused(session: Session, changes: dict, code: str) -> None:
    with pytest.raises(StaffError) as refused:
        _invite(session, **changes)
    assert refused.value.code == code
