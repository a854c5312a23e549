"""Pure rules of the request workflow: states, field decisions, conflicts, account numbers.

No database here: the services give plain values and apply what these functions decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portail_famille.models.requests import FieldDecision, RequestStatus

# From a pending request only: a decided or withdrawn request never moves again.
_ALLOWED: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.PENDING: frozenset(
        {
            RequestStatus.ACCEPTED,
            RequestStatus.PARTIAL,
            RequestStatus.REFUSED,
            RequestStatus.WITHDRAWN,
        }
    ),
}


def can_move(current: RequestStatus, target: RequestStatus) -> bool:
    return target in _ALLOWED.get(current, frozenset())


def is_open(status: RequestStatus) -> bool:
    return status == RequestStatus.PENDING


def field_decisions(names: Iterable[str], accepted: Iterable[str]) -> dict[str, FieldDecision]:
    """Each field of the request accepted when staff ticked it, refused otherwise."""
    chosen = set(accepted)
    return {
        name: FieldDecision.ACCEPTED if name in chosen else FieldDecision.REFUSED for name in names
    }


def outcome(decisions: Mapping[str, FieldDecision]) -> RequestStatus:
    """The request's status from its fields' decisions (no field: refused)."""
    accepted = sum(1 for d in decisions.values() if d == FieldDecision.ACCEPTED)
    if accepted == 0:
        return RequestStatus.REFUSED
    if accepted == len(decisions):
        return RequestStatus.ACCEPTED
    return RequestStatus.PARTIAL


@dataclass(frozen=True)
class Conflict:
    """A field whose record changed since the family asked: staff decide whether to overwrite."""

    name: str
    before: str  # the value when the family asked
    current: str  # the value on the record now
    proposed: str


def conflicts(fields: Iterable[tuple[str, str, str]], current: Mapping[str, str]) -> list[Conflict]:
    """Fields (name, before, proposed) whose current value differs from the value when asked.

    A field already holding the proposed value is no conflict: applying it changes nothing.
    """
    found = []
    for name, before, proposed in fields:
        now = current.get(name, "")
        if _norm(now) != _norm(before) and _norm(now) != _norm(proposed):
            found.append(Conflict(name, before, now, proposed))
    return found


def _norm(value: str) -> str:
    return " ".join(value.split())


def changed_fields(proposed: Mapping[str, str], current: Mapping[str, str]) -> dict[str, str]:
    """Proposed values that differ from the record (whitespace aside)."""
    return {
        name: value
        for name, value in proposed.items()
        if _norm(value) != _norm(current.get(name, ""))
    }


# --- Bank accounts: an IBAN (mod-97) or a Canadian transit / institution / account number.

_IBAN_LENGTHS = {
    "FR": 27, "BE": 16, "DE": 22, "ES": 24, "IT": 27, "LU": 20, "MC": 27, "CH": 21,
    "NL": 18, "PT": 25, "GB": 22, "IE": 22, "AT": 20,
}  # fmt: skip


def compact(value: str) -> str:
    return re.sub(r"[\s\-.]", "", value).upper()


def iban_valid(value: str) -> bool:
    iban = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    expected = _IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def canadian_account(value: str) -> str | None:
    """`transit-institution-account` normalised (5 + 3 + 7 to 12 digits), or None."""
    parts = [p for p in re.split(r"[\s\-/]+", value.strip()) if p]
    if len(parts) != 3:
        return None
    transit, institution, account = parts
    if (
        re.fullmatch(r"\d{5}", transit)
        and re.fullmatch(r"\d{3}", institution)
        and re.fullmatch(r"\d{7,12}", account)
    ):
        return f"{transit}-{institution}-{account}"
    return None


def normalise_account(value: str) -> str | None:
    """An IBAN in groups of four, or a Canadian account; None when neither is valid."""
    canadian = canadian_account(value)
    if canadian is not None:
        return canadian
    if iban_valid(value):
        iban = compact(value)
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return None
