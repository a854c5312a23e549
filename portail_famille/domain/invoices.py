"""Invoice rules that need no database: lines, totals, what is still owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class InvalidInvoice(ValueError):
    """An invoice that must not be issued (no line, a negative quantity, dates reversed)."""


@dataclass(frozen=True, slots=True)
class NewLine:
    """One line as a generator (monthly planning, import, staff) asks for it."""

    label: str
    unit_cents: int
    quantity: int = 1
    child_id: int | None = None
    service_date: date | None = None

    @property
    def amount_cents(self) -> int:
        return self.unit_cents * self.quantity


def check_lines(lines: list[NewLine]) -> int:
    """The invoice's total in cents; InvalidInvoice for lines that cannot be billed."""
    if not lines:
        raise InvalidInvoice("an invoice needs at least one line")
    for line in lines:
        for value in (line.unit_cents, line.quantity):
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidInvoice("amounts and quantities are whole numbers (cents)")
        if line.quantity <= 0:
            raise InvalidInvoice("a quantity is positive")
        if not line.label.strip():
            raise InvalidInvoice("a line has a label")
    return sum(line.amount_cents for line in lines)


def check_dates(issued_on: date, due_on: date) -> None:
    if due_on < issued_on:
        raise InvalidInvoice("an invoice is due on or after the day it is issued")


def still_owed(total_cents: int, paid_cents: int) -> int:
    return max(total_cents - paid_cents, 0)


def month_not_over(first: date, today: date) -> bool:
    """The current or a future month: billing it early is allowed, but only when confirmed."""
    return (first.year, first.month) >= (today.year, today.month)
