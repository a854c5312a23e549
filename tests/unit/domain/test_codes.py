from hypothesis import given
from hypothesis import strategies as st

from portail_famille.domain.codes import (
    normalise_email,
    normalise_file_number,
    normalise_permanent_code,
)


def test_file_number_is_seven_digits() -> None:
    assert normalise_file_number(" 1000001 ") == "1000001"
    assert normalise_file_number("100 0001") == "1000001"
    assert normalise_file_number("100001") is None
    assert normalise_file_number("10000011") is None
    assert normalise_file_number("10000a1") is None


def test_permanent_code_is_four_letters_then_eight_digits() -> None:
    assert normalise_permanent_code("gagl 1453 1701") == "GAGL14531701"
    assert normalise_permanent_code("GAG114531701") is None
    assert normalise_permanent_code("GAGL1453170") is None
    assert normalise_permanent_code("GAGLE4531701") is None


@given(st.text(max_size=20))
def test_normalisers_never_accept_malformed_input(raw: str) -> None:
    file_number = normalise_file_number(raw)
    assert file_number is None or (len(file_number) == 7 and file_number.isascii())
    code = normalise_permanent_code(raw)
    assert code is None or (code[:4].isalpha() and code[4:].isdigit() and len(code) == 12)


def test_emails_compare_case_insensitively() -> None:
    assert normalise_email("  Marie.Tremblay@Example.ORG ") == "marie.tremblay@example.org"
