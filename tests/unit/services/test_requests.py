"""The family's side of requests: what is checked, what is stored, what the guardian sees."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlmodel import Session, col, select

from portail_famille.models import ChildRecord
from portail_famille.models.requests import (
    ChangeRequest,
    RequestCategory,
    RequestDocument,
    RequestField,
    RequestStatus,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.request_registry import registered_categories
from portail_famille.services.requests import (
    RequestInvalid,
    category_fields,
    current_values,
    pending_count_for_guardian,
    requests_for_guardian,
    submit_request,
    withdraw_request,
)
from portail_famille.services.sealing import unseal
from tests.unit.services.request_fixtures import CLAIRE_EMAIL, JEAN_EMAIL, child_named, user_id

pytestmark = pytest.mark.db


def _jpeg(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_every_core_category_is_registered() -> None:
    core = set(RequestCategory) - {RequestCategory.LATE_BOOKING, RequestCategory.ABSENCE}
    assert core <= set(registered_categories())
    assert len(core) == 13


def test_health_request_stores_before_and_proposed_sealed(session: Session) -> None:
    jean = user_id(session, JEAN_EMAIL)
    felix = child_named(session, "Félix")
    pending = pending_count_for_guardian(session, user_id=jean)
    request = submit_request(
        session,
        user_id=jean,
        category=RequestCategory.HEALTH,
        child_id=felix.id,
        values={"allergies": "Arachides", "medication": "", "doctor_name": "", "doctor_phone": ""},
    )
    rows = session.exec(select(RequestField).where(RequestField.request_id == request.id)).all()
    assert [r.name for r in rows] == ["allergies"]
    assert rows[0].sealed and "Arachides" not in rows[0].proposed
    assert unseal(rows[0].proposed) == "Arachides"
    assert request.school_id is not None and request.child_id == felix.id
    views = requests_for_guardian(session, user_id=jean)
    assert views[0].fields[0].proposed == "Arachides"
    assert pending_count_for_guardian(session, user_id=jean) == pending + 1
    assert pending_count_for_guardian(session, user_id=user_id(session, CLAIRE_EMAIL)) == 3


def test_nothing_changed_is_refused(session: Session) -> None:
    jean = user_id(session, JEAN_EMAIL)
    felix = child_named(session, "Félix")
    values = current_values(session, user_id=jean, category="health", child_id=felix.id)
    with pytest.raises(RequestInvalid) as refused:
        submit_request(session, user_id=jean, category="health", child_id=felix.id, values=values)
    assert refused.value.errors == {"": "requests.error.nothing_changed"}


def test_a_guardian_cannot_ask_for_another_family_s_child(session: Session) -> None:
    claire = user_id(session, CLAIRE_EMAIL)
    felix = child_named(session, "Félix")
    with pytest.raises(Forbidden):
        submit_request(
            session, user_id=claire, category="health", child_id=felix.id, values={"allergies": "x"}
        )


@pytest.mark.parametrize(
    "account",
    ["FR76 3000 6000 0112 3456 7890 189", "12345-678-1234567", "00123 003 123456789012"],
)
def test_valid_bank_accounts_are_sealed_and_shown_masked(session: Session, account: str) -> None:
    jean = user_id(session, JEAN_EMAIL)
    request = submit_request(
        session,
        user_id=jean,
        category="bank",
        values={"bank_holder": "Jean Côté", "bank_account": account},
    )
    row = session.exec(
        select(RequestField).where(
            RequestField.request_id == request.id, RequestField.name == "bank_account"
        )
    ).one()
    assert row.sealed and account[-3:] not in row.proposed
    view = requests_for_guardian(session, user_id=jean)[0]
    shown = next(f for f in view.fields if f.name == "bank_account")
    assert shown.proposed.startswith("••••") and len(shown.proposed) == 9


@pytest.mark.parametrize(
    "account", ["FR76 3000 6000 0112 3456 7890 188", "1234-678-1234567", "12345-678-123456", "x"]
)
def test_invalid_bank_accounts_are_refused(session: Session, account: str) -> None:
    jean = user_id(session, JEAN_EMAIL)
    with pytest.raises(RequestInvalid) as refused:
        submit_request(
            session,
            user_id=jean,
            category="bank",
            values={"bank_holder": "Jean Côté", "bank_account": account},
        )
    assert refused.value.errors == {"bank_account": "requests.error.account"}


def test_photo_is_reencoded_as_jpeg(session: Session) -> None:
    jean = user_id(session, JEAN_EMAIL)
    felix = child_named(session, "Félix")
    request = submit_request(
        session,
        user_id=jean,
        category="photo",
        child_id=felix.id,
        values={},
        documents=[("moi.png", _jpeg())],
    )
    document = session.exec(
        select(RequestDocument).where(RequestDocument.request_id == request.id)
    ).one()
    assert document.is_photo and document.data.startswith(b"\xff\xd8\xff")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"%PDF-1.4 not a photo", "requests.photo.not_image"),
        (b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "requests.photo.not_image"),
        (b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024), "requests.photo.too_large"),
    ],
)
def test_a_photo_that_is_not_an_image_or_too_large_stores_nothing(
    session: Session, data: bytes, key: str
) -> None:
    jean = user_id(session, JEAN_EMAIL)
    felix = child_named(session, "Félix")
    before = session.exec(select(col(ChangeRequest.id))).all()
    with pytest.raises(RequestInvalid) as refused:
        submit_request(
            session,
            user_id=jean,
            category="photo",
            child_id=felix.id,
            values={},
            documents=[("photo.jpg", data)],
        )
    assert refused.value.errors == {"photo": key}
    assert session.exec(select(col(ChangeRequest.id))).all() == before
    assert session.exec(select(RequestDocument)).all() == []
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == felix.id)).first()
    assert record is None or record.photo_jpeg is None


def test_withdraw_only_own_pending_request(session: Session) -> None:
    jean = user_id(session, JEAN_EMAIL)
    claire = user_id(session, CLAIRE_EMAIL)
    request = submit_request(
        session, user_id=jean, category="caf", values={"caf_number": "1234567"}
    )
    assert request.id is not None
    with pytest.raises(Forbidden):
        withdraw_request(session, user_id=claire, request_id=request.id)
    withdraw_request(session, user_id=jean, request_id=request.id)
    session.refresh(request)
    assert request.status == RequestStatus.WITHDRAWN
    with pytest.raises(Forbidden):
        withdraw_request(session, user_id=jean, request_id=request.id)
    [view] = [v for v in requests_for_guardian(session, user_id=jean) if v.id == request.id]
    assert view.status == "withdrawn" and not view.can_withdraw


def test_fields_for_a_form_with_choices_from_the_records(session: Session) -> None:
    jean = user_id(session, JEAN_EMAIL)
    specs = category_fields("add_child", session, user_id=jean)
    school = next(s for s in specs if s.name == "school")
    assert [label for _v, label in school.choices] == [
        "École primaire des Érables",
        "École secondaire du Boisé",
    ]
    assert [s.name for s in category_fields("health")] == [
        "allergies",
        "medication",
        "doctor_name",
        "doctor_phone",
    ]


def test_fixed_choices_and_yes_no_are_catalogue_keys_in_the_views(session: Session) -> None:
    claire = user_id(session, CLAIRE_EMAIL)
    hugo = child_named(session, "Hugo")
    submit_request(
        session,
        user_id=claire,
        category="pickup",
        child_id=hugo.id,
        values={"action": "add", "name": "Tonton Marc", "relation": "Oncle"},
    )
    view = requests_for_guardian(session, user_id=claire)[0]
    action = next(f for f in view.fields if f.name == "action")
    assert (action.before, action.proposed, action.translated) == ("", "requests.pickup.add", True)
    name = next(f for f in view.fields if f.name == "name")
    assert (name.proposed, name.translated) == ("Tonton Marc", False)
