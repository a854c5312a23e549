"""Household categories: guardian details, spouse, tax data, CAF number, bank details."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Family, FamilyRecord, Guardian
from portail_famille.models.requests import ChangeRequest, RequestCategory
from portail_famille.services.request_registry import (
    CategoryHandler,
    Cleaned,
    FieldSpec,
    RequestInvalid,
    Target,
    register_category,
    static_fields,
)
from portail_famille.services.sealing import seal, unseal


def family_record(session: Session, family_id: int, *, create: bool = False) -> FamilyRecord | None:
    record = session.exec(select(FamilyRecord).where(FamilyRecord.family_id == family_id)).first()
    if record is None and create:
        record = FamilyRecord(family_id=family_id)
        session.add(record)
    return record


def _text(value: object) -> str:
    return "" if value is None else str(value)


# --- Guardian details: the asking guardian's own phone, and the household's address.


def _guardian_current(session: Session, target: Target) -> dict[str, str]:
    guardian = session.get(Guardian, target.guardian_id)
    family = session.get(Family, target.family_id)
    return {
        "phone": _text(guardian and guardian.phone),
        "address": _text(family and family.address),
    }


def _guardian_apply(
    session: Session, target: Target, accepted: dict[str, str], _request: ChangeRequest
) -> None:
    if "phone" in accepted:
        guardian = session.get(Guardian, target.guardian_id)
        assert guardian is not None
        guardian.phone = accepted["phone"] or None
        session.add(guardian)
    if "address" in accepted:
        family = session.get(Family, target.family_id)
        assert family is not None
        family.address = accepted["address"] or None
        session.add(family)


register_category(
    RequestCategory.GUARDIAN,
    CategoryHandler(
        scope="family",
        fields=static_fields(
            FieldSpec("phone", "requests.field.phone", "phone", max_length=32),
            FieldSpec("address", "requests.field.address", "textarea", max_length=300),
        ),
        current=_guardian_current,
        apply=_guardian_apply,
    ),
)


# --- The household record's plain columns: spouse, tax, CAF.


def _record_handler(columns: dict[str, str], specs: list[FieldSpec]) -> CategoryHandler:
    """A handler over FamilyRecord columns; `columns` maps field name -> column name."""

    def current(session: Session, target: Target) -> dict[str, str]:
        record = family_record(session, target.family_id)
        return {name: _text(record and getattr(record, column)) for name, column in columns.items()}

    def apply(
        session: Session, target: Target, accepted: dict[str, str], _request: ChangeRequest
    ) -> None:
        record = family_record(session, target.family_id, create=True)
        assert record is not None
        kinds = {s.name: s.kind for s in specs}
        for name, value in accepted.items():
            numeric = kinds.get(name) in ("number", "year")
            setattr(record, columns[name], (int(value) if numeric else value) if value else None)
        session.add(record)

    return CategoryHandler(
        scope="family", fields=static_fields(*specs), current=current, apply=apply
    )


register_category(
    RequestCategory.SPOUSE,
    _record_handler(
        {"spouse_name": "spouse_name", "spouse_phone": "spouse_phone"},
        [
            FieldSpec("spouse_name", "requests.field.spouse_name", max_length=200),
            FieldSpec("spouse_phone", "requests.field.spouse_phone", "phone", max_length=32),
        ],
    ),
)
register_category(
    RequestCategory.TAX,
    _record_handler(
        {"tax_number": "tax_number", "tax_year": "tax_year", "family_quotient": "family_quotient"},
        [
            FieldSpec("tax_number", "requests.field.tax_number", required=True, max_length=32),
            FieldSpec("tax_year", "requests.field.tax_year", "year", required=True),
            FieldSpec("family_quotient", "requests.field.family_quotient", "number", max_length=7),
        ],
    ),
)
register_category(
    RequestCategory.CAF,
    _record_handler(
        {"caf_number": "caf_number"},
        [FieldSpec("caf_number", "requests.field.caf_number", required=True, max_length=16)],
    ),
)


# --- Bank details: the account is sealed in the record and in the request, shown masked.


def _bank_current(session: Session, target: Target) -> dict[str, str]:
    record = family_record(session, target.family_id)
    sealed = record.bank_account_sealed if record else None
    return {
        "bank_holder": _text(record and record.bank_holder),
        "bank_account": (unseal(sealed) or "") if sealed else "",
    }


def _bank_apply(
    session: Session, target: Target, accepted: dict[str, str], _request: ChangeRequest
) -> None:
    record = family_record(session, target.family_id, create=True)
    assert record is not None
    if "bank_holder" in accepted:
        record.bank_holder = accepted["bank_holder"] or None
    if "bank_account" in accepted:
        account = accepted["bank_account"]
        record.bank_account_sealed = seal(account) if account else None
    session.add(record)


def _bank_clean(session: Session, target: Target, values: dict[str, str]) -> Cleaned:
    # An empty (or masked) account keeps the one on file; there must be one in the end.
    if not values.get("bank_account"):
        values = {**values, "bank_account": _bank_current(session, target)["bank_account"]}
        if not values["bank_account"]:
            raise RequestInvalid({"bank_account": "requests.error.required"})
    return Cleaned(values)


register_category(
    RequestCategory.BANK,
    CategoryHandler(
        scope="family",
        fields=static_fields(
            FieldSpec("bank_holder", "requests.field.bank_holder", required=True, max_length=200),
            FieldSpec(
                "bank_account",
                "requests.field.bank_account",
                "iban",
                sensitive=True,
                max_length=64,
            ),
        ),
        current=_bank_current,
        apply=_bank_apply,
        clean=_bank_clean,
    ),
)
