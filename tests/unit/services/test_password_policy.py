"""The password policy: at least 12 characters, not a common password, not the e-mail."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portail_famille.services.password_policy import password_problem


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Court-1", "password.too_short"),
        ("x" * 11, "password.too_short"),
        ("Ab1-" * 65, "password.too_long"),
        ("password1234", "password.too_common"),
        ("Password1234", "password.too_common"),
        ("iloveyou2026!", "password.too_common"),  # a common word dressed up as the rules ask
        ("abababababab", "password.too_common"),
        ("marie.tremblay-2026", "password.contains_email"),
        ("2026MARIE.TREMBLAYxyz", "password.contains_email"),
        ("Velo-rouge-du-lac-42", None),
        ("Trois chats sur le toit", None),
    ],
)
def test_what_the_policy_says(password: str, problem: str | None) -> None:
    assert password_problem(password, email="marie.tremblay@example.org") == problem


def test_a_short_local_part_is_not_a_reason_to_refuse() -> None:
    assert password_problem("jo-et-ses-vingt-velos", email="jo@example.org") is None


@given(st.text(max_size=11))
def test_anything_shorter_than_12_is_too_short(password: str) -> None:
    assert password_problem(password) == "password.too_short"


@given(st.text(min_size=12, max_size=256))
def test_length_is_never_the_problem_between_12_and_256(password: str) -> None:
    assert password_problem(password) not in ("password.too_short", "password.too_long")
