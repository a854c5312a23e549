"""Linking a child by identity or access-letter codes; a refusal never says which field failed."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import (
    AuditEntry,
    Child,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    Relationship,
    ThrottleEvent,
    UserAccount,
)
from portail_famille.services.access import guardian_links
from portail_famille.services.demo import CHILD_CODES, GUARDIAN_WITHOUT_ACCOUNT_EMAIL, PAYER_CODES
from portail_famille.services.linking import (
    IdentityProof,
    LinkRefused,
    LinkThrottled,
    link_by_codes,
    link_by_identity,
)
from tests.accounts import NewAccount

pytestmark = pytest.mark.db

KARIM = "karim.bernard@example.org"


def _organisation(session: Session, slug: str) -> int:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
    assert organisation.id is not None
    return organisation.id


def _lea(session: Session) -> IdentityProof:
    """Léa as her father Luc reads it off her report card."""
    return IdentityProof(
        organisation_id=_organisation(session, "css-mille-lacs"),
        first_name="Léa",
        last_name="Gagnon",
        birth_date=date(2017, 3, 14),
        identifier="1000001",
    )


def _id(user: UserAccount) -> int:
    assert user.id is not None
    return user.id


def _children_of(session: Session, user: UserAccount) -> set[str]:
    return {child.first_name for _g, _l, child in guardian_links(session, _id(user))}


def _audit(session: Session, user: UserAccount, action: str) -> list[AuditEntry]:
    return list(
        session.exec(
            select(AuditEntry).where(
                AuditEntry.actor_user_id == user.id, AuditEntry.action == action
            )
        ).all()
    )


@pytest.mark.parametrize(
    ("first_name", "last_name", "identifier"),
    [
        ("Léa", "Gagnon", "1000001"),
        ("lea", "GAGNON", "GAGL14531701"),
        (" LÉA ", "gagnon", "gagl 1453 1701"),
    ],
)
def test_a_guardian_links_his_child_by_identity(
    session: Session, new_account: NewAccount, first_name: str, last_name: str, identifier: str
) -> None:
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    proof = replace(
        _lea(session), first_name=first_name, last_name=last_name, identifier=identifier
    )
    lea = link_by_identity(session, _id(luc), proof)
    assert lea.first_name == "Léa"
    assert _children_of(session, luc) == {"Léa"}
    assert [e.object_id for e in _audit(session, luc, "child.linked")] == [lea.id]


def test_names_compare_without_hyphens_or_accents(
    session: Session, new_account: NewAccount
) -> None:
    sophie_record = session.exec(
        select(Guardian).join(GuardianEmail).where(GuardianEmail.email == "sophie.roy@example.org")
    ).one()
    child = Child(
        organisation_id=sophie_record.organisation_id,
        first_name="Anne-Sophie",
        last_name="Lévesque-Roy",
        birth_date=date(2020, 5, 1),
        file_number="1000099",
    )
    session.add(child)
    session.flush()
    assert child.id is not None and sophie_record.id is not None
    session.add(
        GuardianChildLink(
            guardian_id=sophie_record.id, child_id=child.id, relationship=Relationship.MOTHER
        )
    )
    sophie = new_account("sophie.roy@example.org")
    proof = IdentityProof(
        organisation_id=sophie_record.organisation_id,
        first_name="anne sophie",
        last_name="LEVESQUE ROY",
        birth_date=date(2020, 5, 1),
        identifier="1000099",
    )
    assert link_by_identity(session, _id(sophie), proof).id == child.id


def _wrong(session: Session, field: str) -> IdentityProof:
    lea = _lea(session)
    return {
        "organisation": replace(lea, organisation_id=_organisation(session, "saint-aubin")),
        "first name": replace(lea, first_name="Thomas"),
        "last name": replace(lea, last_name="Tremblay"),
        "birth date": replace(lea, birth_date=date(2017, 3, 15)),
        "file number": replace(lea, identifier="1000002"),
        "permanent code": replace(lea, identifier="GAGT02091301"),
        "no identifier": replace(lea, identifier=""),
    }[field]


@pytest.mark.parametrize(
    "field",
    [
        "organisation",
        "first name",
        "last name",
        "birth date",
        "file number",
        "permanent code",
        "no identifier",
    ],
)
def test_one_wrong_field_gets_the_same_refusal(
    session: Session, new_account: NewAccount, field: str
) -> None:
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    with pytest.raises(LinkRefused) as refused:
        link_by_identity(session, _id(luc), _wrong(session, field))
    assert refused.value.args == () and str(refused.value) == ""
    assert _children_of(session, luc) == set()
    assert len(_audit(session, luc, "child.link_refused")) == 1


def test_another_familys_child_is_refused_with_every_detail_right(
    session: Session, new_account: NewAccount
) -> None:
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    emile = IdentityProof(
        organisation_id=_organisation(session, "css-mille-lacs"),
        first_name="Émile",
        last_name="Roy",
        birth_date=date(2019, 1, 20),
        identifier="ROYE20011901",
    )
    with pytest.raises(LinkRefused):
        link_by_identity(session, _id(luc), emile)
    assert _children_of(session, luc) == set()


def test_a_record_already_bound_to_another_account_is_refused(
    session: Session, new_account: NewAccount
) -> None:
    """Staff added a second address to Marie's record: it opens an account, not her children."""
    marie_record = session.exec(
        select(Guardian).where(Guardian.first_name == "Marie", Guardian.last_name == "Tremblay")
    ).one()
    assert marie_record.id is not None and marie_record.user_id is not None
    session.add(GuardianEmail(guardian_id=marie_record.id, email="marie.bureau@example.org"))
    other = new_account("marie.bureau@example.org")
    with pytest.raises(LinkRefused):
        link_by_identity(session, _id(other), _lea(session))
    session.refresh(marie_record)
    assert marie_record.user_id != other.id


@pytest.mark.parametrize(
    ("child_code", "payer_code"),
    [
        (CHILD_CODES["ines"], PAYER_CODES["Karim"]),
        (CHILD_CODES["ines"].lower(), PAYER_CODES["Karim"].lower()),
        (CHILD_CODES["ines"].replace("-", "").lower(), PAYER_CODES["Karim"].replace("-", "")),
    ],
)
def test_the_access_letter_codes_link_the_child(
    session: Session, new_account: NewAccount, child_code: str, payer_code: str
) -> None:
    karim = new_account(KARIM)
    assert link_by_codes(session, _id(karim), child_code, payer_code).first_name == "Inès"
    assert _children_of(session, karim) == {"Inès"}
    assert len(_audit(session, karim, "child.linked")) == 1


@pytest.mark.parametrize(
    ("child_code", "payer_code"),
    [
        (CHILD_CODES["jade"], PAYER_CODES["Karim"]),  # another family's child
        (CHILD_CODES["ines"], PAYER_CODES["Aurélie"]),  # another family's payer
        (CHILD_CODES["ines"], ""),
        ("", PAYER_CODES["Karim"]),
        (PAYER_CODES["Karim"], CHILD_CODES["ines"]),  # swapped
    ],
)
def test_codes_of_different_families_are_refused(
    session: Session, new_account: NewAccount, child_code: str, payer_code: str
) -> None:
    karim = new_account(KARIM)
    with pytest.raises(LinkRefused):
        link_by_codes(session, _id(karim), child_code, payer_code)
    assert _children_of(session, karim) == set()
    assert len(_audit(session, karim, "child.link_refused")) == 1


def test_codes_of_a_payer_who_has_an_account_are_refused_to_others(
    session: Session, new_account: NewAccount
) -> None:
    """Claire Martin claimed her record: a copy of her letter does not open Jade to a stranger."""
    stranger = new_account("found.the.letter@example.org")
    with pytest.raises(LinkRefused):
        link_by_codes(session, _id(stranger), CHILD_CODES["jade"], PAYER_CODES["Claire"])
    assert _children_of(session, stranger) == set()


def _time_passes(session: Session, seconds: int) -> None:
    for event in session.exec(select(ThrottleEvent)).all():
        event.at -= timedelta(seconds=seconds)
        session.add(event)


def test_after_five_refusals_even_the_right_answer_waits_longer_each_time(
    session: Session, new_account: NewAccount
) -> None:
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    for _ in range(5):
        with pytest.raises(LinkRefused):
            link_by_identity(session, _id(luc), _wrong(session, "birth date"))
    with pytest.raises(LinkThrottled) as first_wait:
        link_by_identity(session, _id(luc), _lea(session))
    with pytest.raises(LinkThrottled):
        link_by_codes(session, _id(luc), CHILD_CODES["ines"], PAYER_CODES["Karim"])
    assert 0 < first_wait.value.seconds <= 2
    _time_passes(session, first_wait.value.seconds)
    with pytest.raises(LinkRefused):
        link_by_identity(session, _id(luc), _wrong(session, "file number"))
    with pytest.raises(LinkThrottled) as second_wait:
        link_by_identity(session, _id(luc), _lea(session))
    assert second_wait.value.seconds > first_wait.value.seconds
    _time_passes(session, second_wait.value.seconds)
    assert link_by_identity(session, _id(luc), _lea(session)).first_name == "Léa"
    assert len(_audit(session, luc, "child.link_refused")) == 6


def test_one_accounts_refusals_do_not_slow_another(
    session: Session, new_account: NewAccount
) -> None:
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    karim = new_account(KARIM)
    for _ in range(5):
        with pytest.raises(LinkRefused):
            link_by_codes(session, _id(karim), "XXXX-XXXX-XX", "YYYY-YYYY-YY")
    with pytest.raises(LinkThrottled):
        link_by_codes(session, _id(karim), CHILD_CODES["ines"], PAYER_CODES["Karim"])
    assert link_by_identity(session, _id(luc), _lea(session)).first_name == "Léa"


def test_an_organisation_that_does_not_exist_gets_the_same_recorded_refusal(
    session: Session, new_account: NewAccount
) -> None:
    """A client may send any organisation id: the refusal and its cost are still saved."""
    luc = new_account(GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    with pytest.raises(LinkRefused):
        link_by_identity(session, _id(luc), replace(_lea(session), organisation_id=987654))
    session.flush()
    assert len(_audit(session, luc, "child.link_refused")) == 1
    assert session.exec(select(ThrottleEvent).where(ThrottleEvent.kind == "link_child")).first()
