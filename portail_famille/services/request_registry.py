"""The category registry: what each kind of request asks for, reads, checks and applies.

A category handler is registered once (core categories in request_categories_*.py; issue 8 adds
late bookings the same way). The workflow (services/requests.py, services/request_decisions.py)
knows nothing of any category beyond this interface.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session

from portail_famille.domain.requests import normalise_account
from portail_famille.models.requests import ChangeRequest, RequestCategory

FieldKind = Literal[
    "text", "textarea", "date", "phone", "choice", "bool", "iban", "file", "number", "year"
]
Scope = Literal["child", "family"]


class RequestInvalid(ValueError):
    """Bad input: field name ("" for the whole form) -> catalogue key of the reason."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(dict(errors))
        self.errors = dict(errors)


class ApplyFailed(RuntimeError):
    """An accepted field cannot be applied (a place is gone, no next school year...).

    `key` is the catalogue key shown to staff; the whole decision rolls back.
    """

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_key: str
    kind: FieldKind = "text"
    required: bool = False
    # (value, label): fixed choices carry catalogue keys, choices read from the database carry
    # names; values of database choices are 1-based positions, never ids.
    choices: tuple[tuple[str, str], ...] = ()
    sensitive: bool = False  # sealed at rest in the request
    max_length: int = 200


@dataclass(frozen=True)
class Target:
    """Who asks and about what: the household, the child (or None) and the guardian record."""

    organisation_id: int
    family_id: int
    child_id: int | None
    user_id: int
    guardian_id: int
    ref_id: int | None = None  # the row the request changes or chose (pickup person, activity)
    school_id: int | None = None


@dataclass
class Cleaned:
    values: dict[str, str]
    ref_id: int | None = None
    school_id: int | None = None


FieldsFn = Callable[[Session | None, Target | None], list[FieldSpec]]
CurrentFn = Callable[[Session, Target], dict[str, str]]
CleanFn = Callable[[Session, Target, dict[str, str]], Cleaned]
ApplyFn = Callable[[Session, Target, dict[str, str], ChangeRequest], None]


@dataclass(frozen=True)
class CategoryHandler:
    scope: Scope
    fields: FieldsFn
    current: CurrentFn
    apply: ApplyFn
    # Extra checks and choice resolution after the generic ones; raises RequestInvalid.
    clean: CleanFn | None = None
    # True: every filled value is recorded (a new child, an activity); False: only changes.
    creates: bool = False
    right: Literal["view", "book", "pay"] = "view"
    # True: the first document of the request is the proposed photo (checked, re-encoded).
    takes_photo: bool = False


_REGISTRY: dict[RequestCategory, CategoryHandler] = {}


def register_category(category: RequestCategory, handler: CategoryHandler) -> None:
    _REGISTRY[category] = handler


def load_categories() -> None:
    """Imports every module named services/request_categories_*.py: each registers its own.

    Another feature adds a category by adding such a module (issue 8: late bookings), without
    touching this workflow's files.
    """
    import importlib
    import pkgutil

    import portail_famille.services as services

    for module in pkgutil.iter_modules(services.__path__):
        if module.name.startswith("request_categories_"):
            importlib.import_module(f"portail_famille.services.{module.name}")


def handler_for(category: RequestCategory | str) -> CategoryHandler:
    try:
        wanted = RequestCategory(category)
    except ValueError:
        raise RequestInvalid({"": "requests.error.category"}) from None
    if wanted not in _REGISTRY:
        load_categories()
    try:
        return _REGISTRY[wanted]
    except KeyError:
        raise RequestInvalid({"": "requests.error.category"}) from None


def registered_categories() -> list[RequestCategory]:
    load_categories()
    return [c for c in RequestCategory if c in _REGISTRY]


def static_fields(*specs: FieldSpec) -> FieldsFn:
    def fields(_session: Session | None, _target: Target | None) -> list[FieldSpec]:
        return list(specs)

    return fields


_PHONE = re.compile(r"\+?[\d][\d\s().\-]{5,24}")


def clean_value(spec: FieldSpec, raw: object) -> tuple[str, str | None]:
    """(normalised value, error key or None) by the field's kind."""
    if spec.kind == "bool":
        value = "yes" if raw in (True, "yes", "true", "on", "1") else "no"
        return value, None
    value = str(raw if raw is not None else "").strip()
    if spec.kind == "iban" and value.startswith("•"):
        return "", None  # the masked prefill sent back: the account is unchanged
    if spec.kind != "textarea":
        value = " ".join(value.split())
    if not value:
        return "", "requests.error.required" if spec.required else None
    if len(value) > spec.max_length:
        return value, "requests.error.too_long"
    if spec.kind == "phone" and not _PHONE.fullmatch(value):
        return value, "requests.error.phone"
    if spec.kind == "date":
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError:
            return value, "requests.error.date"
    if spec.kind == "number" and not value.isdigit():
        return value, "requests.error.number"
    if spec.kind == "year" and not (value.isdigit() and 1990 <= int(value) <= 2100):
        return value, "requests.error.year"
    if spec.kind == "choice" and value not in {v for v, _label in spec.choices}:
        return value, "requests.error.choice"
    if spec.kind == "iban":
        account = normalise_account(value)
        if account is None:
            return value, "requests.error.account"
        value = account
    return value, None


def clean_values(specs: list[FieldSpec], values: Mapping[str, object]) -> dict[str, str]:
    """Every known field normalised (missing ones empty); RequestInvalid with all errors."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for spec in specs:
        if spec.kind == "file":
            continue
        value, error = clean_value(spec, values.get(spec.name))
        cleaned[spec.name] = value
        if error:
            errors[spec.name] = error
    if errors:
        raise RequestInvalid(errors)
    return cleaned


def proposed_values(session: Session, request: ChangeRequest) -> dict[str, str]:
    """Every field's proposed value of the request, unsealed (for appliers that need them all)."""
    from sqlmodel import select

    from portail_famille.models.requests import RequestField
    from portail_famille.services.sealing import unseal

    rows = session.exec(select(RequestField).where(RequestField.request_id == request.id)).all()
    return {
        row.name: (unseal(row.proposed) or "") if row.sealed and row.proposed else row.proposed
        for row in rows
    }
