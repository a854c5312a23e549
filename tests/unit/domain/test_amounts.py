import pytest

from portail_famille.domain.amounts import parse_amount


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("58,30", 5830), ("58.3", 5830), ("1 234,56 $", 123456), ("12", 1200), ("0,07", 7)],
)
def test_typed_amounts_become_whole_cents(typed: str, cents: int) -> None:
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["", "0", "-5", "12,345", "1e3", "abc", "12,,5", "0,00"])
def test_anything_else_is_refused(typed: str) -> None:
    assert parse_amount(typed) is None
