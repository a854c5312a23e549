"""Every number the portal gives out (receipts, invoices, children's file numbers) comes from here.

A number is taken by `UPDATE numbercounter SET value = value + 1 … RETURNING value` in the caller's
transaction. On PostgreSQL the row stays locked until that transaction ends, so a second payment at
the same instant waits and gets the next number; on SQLite the UPDATE is the statement that takes
the database's write lock, so it reads the value under that lock. Counting `max + 1` over the
numbered rows instead let two transactions take the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from portail_famille.models import Child, Invoice, NumberCounter, Payment

_COUNTER = NumberCounter.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Series:
    """One kind of number: how it is written, and which column holds the numbers already given."""

    kind: str
    column: Any
    organisation: Any
    yearly: bool
    width: int
    letter: str = ""
    floor: int = 0  # the first number given is floor + 1

    def prefix(self, year: int) -> str:
        return f"{self.letter}{year:04d}-" if self.yearly else self.letter

    def text(self, year: int, value: int) -> str:
        return f"{self.prefix(year)}{value:0{self.width}d}"

    def value_of(self, year: int, number: str) -> int | None:
        prefix = self.prefix(year)
        rest = number[len(prefix) :]
        return int(rest) if number.startswith(prefix) and rest.isdigit() else None


RECEIPTS = Series("receipt", Payment.receipt_number, Payment.organisation_id, True, 6, "R")
INVOICES = Series("invoice", Invoice.number, Invoice.organisation_id, True, 6)
FILE_NUMBERS = Series(
    "file_number", Child.file_number, Child.organisation_id, False, 7, floor=1_000_000
)
SERIES = (RECEIPTS, INVOICES, FILE_NUMBERS)


def highest_given(series: Series, year: int, numbers: list[str]) -> int:
    """The highest number of `series` and `year` among `numbers` (the floor when there is none)."""
    values = (series.value_of(year, number) for number in numbers)
    return max((v for v in values if v is not None), default=series.floor)


def next_number(session: Session, series: Series, organisation_id: int, year: int = 0) -> str:
    """The next free number of `series` for this organisation (and year), e.g. "R2026-000042".

    Held until the caller's transaction ends; a rollback gives the number back.
    """
    year = year if series.yearly else 0
    while True:
        value = _bump(session, series, organisation_id, year)
        if value is None:
            _create_counter(session, series, organisation_id, year)
            continue
        number = series.text(year, value)
        # Imports and older code wrote numbers without the counter: step over one already given.
        taken = session.exec(
            select(series.column).where(
                series.organisation == organisation_id, series.column == number
            )
        ).first()
        if taken is None:
            return number


def _bump(session: Session, series: Series, organisation_id: int, year: int) -> int | None:
    row = session.execute(
        update(_COUNTER)
        .where(
            _COUNTER.c.organisation_id == organisation_id,
            _COUNTER.c.kind == series.kind,
            _COUNTER.c.year == year,
        )
        .values(value=_COUNTER.c.value + 1)
        .returning(_COUNTER.c.value)
    ).first()
    return None if row is None else int(row[0])


def _create_counter(session: Session, series: Series, organisation_id: int, year: int) -> None:
    """The first number of a year: the counter starts at what the numbered rows already hold."""
    numbers = session.exec(
        select(series.column).where(
            series.organisation == organisation_id,
            col(series.column).startswith(series.prefix(year)),
        )
    ).all()
    values = {
        "organisation_id": organisation_id,
        "kind": series.kind,
        "year": year,
        "value": highest_given(series, year, list(numbers)),
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # Two first payments of a year at once: one row is created, the other waits and then bumps it.
    session.execute(dialect.insert(_COUNTER).values(values).on_conflict_do_nothing())
