from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portail_famille.domain.money import Money


def test_money_holds_whole_cents_only() -> None:
    with pytest.raises(TypeError):
        Money(10.5, "CAD")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Money(100, "cad")


def test_currencies_never_mix() -> None:
    with pytest.raises(ValueError):
        Money(100, "CAD") + Money(100, "EUR")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(-(10**12), 10**12))
def test_sums_are_exact(a: int, b: int) -> None:
    total = Money(a, "EUR") + Money(b, "EUR")
    assert total.cents == a + b
    assert total.amount == Decimal(a + b) / 100
    assert (total - Money(b, "EUR")).cents == a
