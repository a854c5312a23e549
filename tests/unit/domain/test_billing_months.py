"""Which months are billed only when confirmed: the current one and every later one."""

from datetime import date

import pytest

from portail_famille.domain.invoices import month_not_over


@pytest.mark.parametrize(
    ("month", "today", "not_over"),
    [
        (date(2026, 12, 1), date(2026, 12, 1), True),  # billed on its first day
        (date(2026, 12, 1), date(2026, 12, 31), True),  # its last day is not over either
        (date(2027, 1, 1), date(2026, 12, 15), True),  # a future month, across the new year
        (date(2026, 11, 1), date(2026, 12, 1), False),  # last month
        (date(2025, 12, 1), date(2026, 12, 1), False),  # the same month a year ago
    ],
)
def test_the_current_and_future_months_are_not_over(
    month: date, today: date, not_over: bool
) -> None:
    assert month_not_over(month, today) is not_over
