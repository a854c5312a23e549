"""What counts as an e-mail address or a phone number someone could be reached at."""

import pytest

from portail_famille.domain.contact import is_plausible_email, is_plausible_phone


@pytest.mark.parametrize("value", ["a@b.ca", "prenom.nom+ecole@exemple.org"])
def test_plausible_emails(value: str) -> None:
    assert is_plausible_email(value)


@pytest.mark.parametrize("value", ["", "a@b", "a b@c.org", "a@@c.org", "@c.org", "a@c.o"])
def test_implausible_emails(value: str) -> None:
    assert not is_plausible_email(value)


@pytest.mark.parametrize("value", ["819 555-0111", "+33 2 99 00 00 00", "(819) 555.0111"])
def test_plausible_phones(value: str) -> None:
    assert is_plausible_phone(value)


@pytest.mark.parametrize("value", ["555", "call me", "819-555-0111 ext", "1" * 16])
def test_implausible_phones(value: str) -> None:
    assert not is_plausible_phone(value)
