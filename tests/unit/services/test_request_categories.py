"""Every core category through the whole workflow: the guardian asks, staff approve, the record
holds the new value (and a refusal leaves it as it was)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from PIL import Image
from sqlmodel import Session, col, select

from portail_famille.models import (
    ActivityRegistration,
    Child,
    ChildRecord,
    Enrolment,
    Family,
    FamilyRecord,
    Guardian,
    GuardianChildLink,
    OrganisationSettings,
    PickupPerson,
    SchoolYear,
)
from portail_famille.models.requests import RequestStatus
from portail_famille.services.access import guardian_links
from portail_famille.services.request_decisions import approve_whole, decide
from portail_famille.services.request_registry import RequestInvalid
from portail_famille.services.requests import submit_request
from portail_famille.services.sealing import unseal
from tests.unit.services.request_fixtures import (
    ADMIN_EMAIL,
    CLAIRE_EMAIL,
    COMMUNE_AGENT_EMAIL,
    JEAN_EMAIL,
    child_named,
    user_id,
)

pytestmark = pytest.mark.db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def _approve(session: Session, staff_email: str, request_id: int | None) -> None:
    assert request_id is not None
    result = approve_whole(
        session, user_id=user_id(session, staff_email), request_id=request_id, expected_version=0
    )
    assert result.status == RequestStatus.ACCEPTED


def _jean_family(session: Session) -> int:
    guardian = session.exec(
        select(Guardian).where(Guardian.user_id == user_id(session, JEAN_EMAIL))
    ).one()
    return guardian.family_id


def _family_record(session: Session) -> FamilyRecord:
    return session.exec(
        select(FamilyRecord).where(FamilyRecord.family_id == _jean_family(session))
    ).one()


# (category, child's first name or None, values, documents, check after approval)
Check = Callable[[Session], None]


def _guardian_check(session: Session) -> None:
    guardian = session.exec(
        select(Guardian).where(Guardian.user_id == user_id(session, JEAN_EMAIL))
    ).one()
    family = session.get(Family, guardian.family_id)
    assert guardian.phone == "+1 819 555-0142" and family is not None
    assert family.address == "22, chemin du Lac, Lac-Vert"


def _spouse_check(session: Session) -> None:
    assert _family_record(session).spouse_name == "Nadia Côté"


def _tax_check(session: Session) -> None:
    record = _family_record(session)
    assert (record.tax_number, record.tax_year, record.family_quotient) == ("123456789", 2025, 850)


def _caf_check(session: Session) -> None:
    assert _family_record(session).caf_number == "7654321"


def _bank_check(session: Session) -> None:
    record = _family_record(session)
    assert record.bank_account_sealed is not None and "1234567" not in record.bank_account_sealed
    assert unseal(record.bank_account_sealed) == "00123-815-1234567"


def _pickup_check(session: Session) -> None:
    felix = child_named(session, "Félix")
    people = session.exec(select(PickupPerson).where(PickupPerson.child_id == felix.id)).all()
    assert [(p.name, p.relation) for p in people] == [("Mamie Côté", "Grand-mère")]


def _record(session: Session, name: str) -> ChildRecord:
    child = child_named(session, name)
    return session.exec(select(ChildRecord).where(ChildRecord.child_id == child.id)).one()


def _complementary_check(session: Session) -> None:
    record = _record(session, "Félix")
    assert record.transport == "Autobus 3" and record.may_leave_alone and not record.photo_consent


def _health_check(session: Session) -> None:
    record = _record(session, "Félix")
    assert (record.allergies, record.doctor_name) == ("Pollen", "Dr Roy")


def _photo_check(session: Session) -> None:
    photo = _record(session, "Félix").photo_jpeg
    assert photo is not None and photo.startswith(b"\xff\xd8\xff")


def _new_child_check(year_current: bool) -> Check:
    def check(session: Session) -> None:
        child = session.exec(select(Child).where(Child.first_name == "Zoé")).one()
        jean = user_id(session, JEAN_EMAIL)
        assert any(c.id == child.id for _g, _l, c in guardian_links(session, jean))
        enrolment, year = session.exec(
            select(Enrolment, SchoolYear)
            .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
            .where(Enrolment.child_id == child.id)
        ).one()
        assert year.is_current is year_current and enrolment.grade == "Maternelle"
        assert session.exec(
            select(GuardianChildLink).where(GuardianChildLink.child_id == child.id)
        ).all()

    return check


def _reenrolment_check(session: Session) -> None:
    felix = child_named(session, "Félix")
    enrolment, _year = session.exec(
        select(Enrolment, SchoolYear)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(Enrolment.child_id == felix.id, SchoolYear.label == "2027-2028")
    ).one()
    assert enrolment.grade == "Secondaire 1"


def _activity_check(session: Session) -> None:
    felix = child_named(session, "Félix")
    assert session.exec(
        select(ActivityRegistration).where(ActivityRegistration.child_id == felix.id)
    ).one()


NEW_CHILD: dict[str, object] = {
    "first_name": "Zoé",
    "last_name": "Côté",
    "birth_date": "2021-03-14",
    "relationship": "father",
    "school": "1",
    "grade": "Maternelle",
}
CASES: list[tuple[str, str | None, dict[str, object], list[tuple[str, bytes]], str, Check]] = [
    (
        "guardian",
        None,
        {"phone": "+1 819 555-0142", "address": "22, chemin du Lac, Lac-Vert"},
        [],
        ADMIN_EMAIL,
        _guardian_check,
    ),
    ("spouse", None, {"spouse_name": "Nadia Côté"}, [], ADMIN_EMAIL, _spouse_check),
    (
        "tax",
        None,
        {"tax_number": "123456789", "tax_year": "2025", "family_quotient": "850"},
        [("avis.pdf", b"%PDF-1.4 avis")],
        ADMIN_EMAIL,
        _tax_check,
    ),
    ("caf", None, {"caf_number": "7654321"}, [], ADMIN_EMAIL, _caf_check),
    (
        "bank",
        None,
        {"bank_holder": "Jean Côté", "bank_account": "00123 815 1234567"},
        [],
        ADMIN_EMAIL,
        _bank_check,
    ),
    (
        "pickup",
        "Félix",
        {"action": "add", "name": "Mamie Côté", "relation": "Grand-mère"},
        [],
        ADMIN_EMAIL,
        _pickup_check,
    ),
    (
        "complementary",
        "Félix",
        {"transport": "Autobus 3", "may_leave_alone": True, "photo_consent": False},
        [],
        ADMIN_EMAIL,
        _complementary_check,
    ),
    (
        "health",
        "Félix",
        {"allergies": "Pollen", "doctor_name": "Dr Roy"},
        [],
        ADMIN_EMAIL,
        _health_check,
    ),
    ("photo", "Félix", {}, [("felix.png", _png())], ADMIN_EMAIL, _photo_check),
    ("add_child", None, NEW_CHILD, [], ADMIN_EMAIL, _new_child_check(True)),
    ("preregistration", None, NEW_CHILD, [], ADMIN_EMAIL, _new_child_check(False)),
    (
        "reenrolment",
        "Félix",
        {"school": "2", "grade": "Secondaire 1"},
        [],
        ADMIN_EMAIL,
        _reenrolment_check,
    ),
    ("activity_enrolment", "Félix", {"activity": "1"}, [], ADMIN_EMAIL, _activity_check),
]


@pytest.mark.parametrize(
    ("category", "child", "values", "documents", "staff", "check"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_each_category_is_applied_when_approved(
    session: Session,
    category: str,
    child: str | None,
    values: dict[str, object],
    documents: list[tuple[str, bytes]],
    staff: str,
    check: Check,
) -> None:
    request = submit_request(
        session,
        user_id=user_id(session, JEAN_EMAIL),
        category=category,
        child_id=child_named(session, child).id if child else None,
        values=values,
        documents=documents,
    )
    _approve(session, staff, request.id)
    check(session)


def test_reenrolment_only_during_the_period(session: Session) -> None:
    felix = child_named(session, "Félix")
    settings = session.exec(
        select(OrganisationSettings).where(
            OrganisationSettings.organisation_id == felix.organisation_id
        )
    ).one()
    settings.reenrolment_opens_on = date(2020, 1, 1)
    settings.reenrolment_closes_on = date(2020, 2, 1)
    session.add(settings)
    session.flush()
    with pytest.raises(RequestInvalid) as refused:
        submit_request(
            session,
            user_id=user_id(session, JEAN_EMAIL),
            category="reenrolment",
            child_id=felix.id,
            values={"school": "1", "grade": "6e année"},
        )
    assert refused.value.errors == {"": "requests.error.reenrolment_closed"}


def test_a_pickup_change_and_removal_of_a_person_on_file(session: Session) -> None:
    claire, agent = user_id(session, CLAIRE_EMAIL), COMMUNE_AGENT_EMAIL
    hugo = child_named(session, "Hugo")
    changed = submit_request(
        session,
        user_id=claire,
        category="pickup",
        child_id=hugo.id,
        values={"action": "change", "person": "2", "relation": "Voisine et amie"},
    )
    _approve(session, agent, changed.id)
    removed = submit_request(
        session,
        user_id=claire,
        category="pickup",
        child_id=hugo.id,
        values={"action": "remove", "person": "1"},
    )
    _approve(session, agent, removed.id)
    people = session.exec(select(PickupPerson).where(PickupPerson.child_id == hugo.id)).all()
    assert [(p.name, p.relation) for p in people] == [("Léna Rousseau", "Voisine et amie")]


def test_a_refused_request_changes_nothing(session: Session) -> None:
    request = submit_request(
        session, user_id=user_id(session, JEAN_EMAIL), category="caf", values={"caf_number": "1"}
    )
    decide(
        session,
        user_id=user_id(session, ADMIN_EMAIL),
        request_id=request.id or 0,
        accepted_fields=set(),
        comment="Numéro incomplet",
        expected_version=0,
    )
    record = session.exec(
        select(FamilyRecord).where(FamilyRecord.family_id == _jean_family(session))
    ).first()
    assert record is None or record.caf_number is None
