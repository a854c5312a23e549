"""Rules of an absence declaration: what a family may announce, checked before anything is saved."""

from __future__ import annotations

from datetime import date, time, timedelta

from portail_famille.models.absences import AbsenceKind

# Longer than this is not an absence but a departure: the school should hear about it in person.
LONGEST_RANGE = timedelta(days=60)


def parse_day(text: str) -> date | None:
    """A date as <input type=date> sends it (YYYY-MM-DD), or None."""
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_clock(text: str) -> time | None:
    """A time as <input type=time> sends it (HH:MM), or None."""
    try:
        value = time.fromisoformat(text.strip()[:5])
    except ValueError:
        return None
    return value.replace(second=0, microsecond=0)


def parse_kind(text: str) -> AbsenceKind | None:
    try:
        return AbsenceKind(text)
    except ValueError:
        return None


def declaration_errors(
    *,
    today: date,
    starts_on: date | None,
    ends_on: date | None,
    kind: AbsenceKind | None,
    at_time: time | None,
) -> dict[str, str]:
    """Field -> catalogue key of what is wrong; empty when the declaration may be filed."""
    errors: dict[str, str] = {}
    if starts_on is None:
        errors["starts_on"] = "absences.error.date_required"
    elif starts_on < today:
        errors["starts_on"] = "absences.error.past"
    if starts_on is not None and ends_on is not None:
        if ends_on < starts_on:
            errors["ends_on"] = "absences.error.order"
        elif ends_on - starts_on > LONGEST_RANGE:
            errors["ends_on"] = "absences.error.too_long"
    if kind is None:
        errors["kind"] = "absences.error.kind"
    elif kind != AbsenceKind.FULL_DAY:
        if at_time is None:
            errors["at_time"] = "absences.error.time_required"
        # Arriving late or leaving early happens on one day; a range is full days.
        if starts_on is not None and ends_on is not None and ends_on != starts_on:
            errors.setdefault("ends_on", "absences.error.partial_one_day")
    return errors
