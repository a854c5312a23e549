"""Child categories: authorised pickup persons, complementary data, health data, photo."""

from __future__ import annotations

import hashlib
import secrets

from sqlmodel import Session, col, select

from portail_famille.models import ChildRecord, PickupPerson
from portail_famille.models.requests import ChangeRequest, RequestCategory, RequestDocument
from portail_famille.services.request_registry import (
    ApplyFailed,
    CategoryHandler,
    Cleaned,
    FieldSpec,
    RequestInvalid,
    Target,
    register_category,
    static_fields,
)


def child_record(session: Session, child_id: int, *, create: bool = False) -> ChildRecord | None:
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == child_id)).first()
    if record is None and create:
        record = ChildRecord(child_id=child_id, reference=secrets.token_urlsafe(24)[:32])
        session.add(record)
    return record


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _child_id(target: Target) -> int:
    assert target.child_id is not None
    return target.child_id


# --- Authorised pickup persons: add one, change one, remove one.

PICKUP_ACTIONS = (
    ("add", "requests.pickup.add"),
    ("change", "requests.pickup.change"),
    ("remove", "requests.pickup.remove"),
)
_PICKUP_COLUMNS = ("name", "relation", "phone")


def _pickups(session: Session, child_id: int) -> list[PickupPerson]:
    return list(
        session.exec(
            select(PickupPerson)
            .where(PickupPerson.child_id == child_id)
            .order_by(col(PickupPerson.id))
        ).all()
    )


def _pickup_fields(session: Session | None, target: Target | None) -> list[FieldSpec]:
    people: tuple[tuple[str, str], ...] = ()
    if session is not None and target is not None and target.child_id is not None:
        people = tuple(
            (str(i), p.name) for i, p in enumerate(_pickups(session, target.child_id), start=1)
        )
    return [
        FieldSpec("action", "requests.field.pickup_action", "choice", True, PICKUP_ACTIONS),
        FieldSpec("person", "requests.field.pickup_person", "choice", False, people),
        FieldSpec("name", "requests.field.pickup_name", max_length=200),
        FieldSpec("relation", "requests.field.pickup_relation", max_length=100),
        FieldSpec("phone", "requests.field.pickup_phone", "phone", max_length=32),
    ]


def _pickup_current(session: Session, target: Target) -> dict[str, str]:
    person = session.get(PickupPerson, target.ref_id) if target.ref_id else None
    if person is None or person.child_id != target.child_id:
        return {"action": "", "person": "", "name": "", "relation": "", "phone": ""}
    return {
        "action": "",
        "person": person.name,
        "name": person.name,
        "relation": person.relation,
        "phone": _text(person.phone),
    }


def _pickup_clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    action = values["action"]
    if action == "add":
        errors = {n: "requests.error.required" for n in ("name", "relation") if not values[n]}
        if errors:
            raise RequestInvalid(errors)
        return Cleaned({**values, "person": ""})
    people = _pickups(session, _child_id(target))
    position = values.get("person", "")
    if not position.isdigit() or not 1 <= int(position) <= len(people):
        raise RequestInvalid({"person": "requests.error.required"})
    person = people[int(position) - 1]
    if action == "remove":
        return Cleaned(
            {"action": action, "person": person.name, "name": "", "relation": "", "phone": ""},
            ref_id=person.id,
        )
    # A change keeps what the family left empty.
    kept = {n: values[n] or _text(getattr(person, n)) for n in _PICKUP_COLUMNS}
    return Cleaned({"action": action, "person": person.name, **kept}, ref_id=person.id)


def _pickup_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    from portail_famille.services.request_registry import proposed_values

    if "action" not in accepted:
        return  # the change itself was refused
    everything = proposed_values(session, request)
    action = everything.get("action", "")
    if action == "add":
        session.add(
            PickupPerson(
                child_id=_child_id(target),
                name=accepted.get("name", ""),
                relation=accepted.get("relation", ""),
                phone=accepted.get("phone") or None,
            )
        )
        return
    person = session.get(PickupPerson, request.ref_id) if request.ref_id else None
    if person is None or person.child_id != target.child_id:
        raise ApplyFailed("requests.apply.pickup_gone")
    if action == "remove":
        session.delete(person)
        return
    for name in _PICKUP_COLUMNS:
        if name in accepted:
            setattr(person, name, accepted[name] or (None if name == "phone" else ""))
    session.add(person)


register_category(
    RequestCategory.PICKUP,
    CategoryHandler(
        scope="child",
        fields=_pickup_fields,
        current=_pickup_current,
        apply=_pickup_apply,
        clean=_pickup_clean,
    ),
)


# --- Columns of the child's record: complementary data and health data.


def _record_handler(specs: list[FieldSpec]) -> CategoryHandler:
    bools = {s.name for s in specs if s.kind == "bool"}

    def current(session: Session, target: Target) -> dict[str, str]:
        record = child_record(session, _child_id(target))
        values = {}
        for spec in specs:
            value = getattr(record, spec.name) if record else None
            values[spec.name] = ("yes" if value else "no") if spec.name in bools else _text(value)
        return values

    def apply(
        session: Session, target: Target, accepted: dict[str, str], _request: ChangeRequest
    ) -> None:
        record = child_record(session, _child_id(target), create=True)
        assert record is not None
        for name, value in accepted.items():
            setattr(record, name, value == "yes" if name in bools else (value or None))
        session.add(record)

    return CategoryHandler(
        scope="child", fields=static_fields(*specs), current=current, apply=apply
    )


register_category(
    RequestCategory.COMPLEMENTARY,
    _record_handler(
        [
            FieldSpec("transport", "requests.field.transport", max_length=200),
            FieldSpec("notes", "requests.field.notes", "textarea", max_length=1000),
            FieldSpec("may_leave_alone", "requests.field.may_leave_alone", "bool"),
            FieldSpec("photo_consent", "requests.field.photo_consent", "bool"),
        ]
    ),
)
register_category(
    RequestCategory.HEALTH,
    _record_handler(
        [
            FieldSpec(
                "allergies", "requests.field.allergies", "textarea", sensitive=True, max_length=500
            ),
            FieldSpec(
                "medication",
                "requests.field.medication",
                "textarea",
                sensitive=True,
                max_length=500,
            ),
            FieldSpec("doctor_name", "requests.field.doctor_name", sensitive=True, max_length=200),
            FieldSpec(
                "doctor_phone",
                "requests.field.doctor_phone",
                "phone",
                sensitive=True,
                max_length=32,
            ),
        ]
    ),
)


# --- Photo: the request's photo document (already checked and re-encoded) replaces the record's.


def photo_fingerprint(jpeg: bytes | None) -> str:
    return "photo:" + hashlib.sha256(jpeg).hexdigest()[:16] if jpeg else ""


def _photo_current(session: Session, target: Target) -> dict[str, str]:
    record = child_record(session, _child_id(target))
    return {"photo": photo_fingerprint(record.photo_jpeg if record else None)}


def _photo_apply(
    session: Session, target: Target, accepted: dict[str, str], request: ChangeRequest
) -> None:
    if "photo" not in accepted:
        return
    document = session.exec(
        select(RequestDocument).where(
            RequestDocument.request_id == request.id, col(RequestDocument.is_photo).is_(True)
        )
    ).first()
    if document is None:
        raise ApplyFailed("requests.apply.photo_missing")
    record = child_record(session, _child_id(target), create=True)
    assert record is not None
    record.photo_jpeg = document.data
    session.add(record)


register_category(
    RequestCategory.PHOTO,
    CategoryHandler(
        scope="child",
        fields=static_fields(FieldSpec("photo", "requests.field.photo", "file")),
        current=_photo_current,
        apply=_photo_apply,
        takes_photo=True,
    ),
)
