"""The client's address: X-Forwarded-For believed only from the proxies the setting trusts."""

import pytest
from pydantic import ValidationError

from portail_famille.config import Settings
from portail_famille.domain.client_address import client_address, parse_networks

PROXIES = parse_networks("10.0.0.0/8, 2001:db8::/32")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "trusted", "expected"),
    [
        # No proxy trusted: the header is anyone's words.
        ("198.51.100.9", "203.0.113.5", [], "198.51.100.9"),
        # A trusted proxy: the address it saw.
        ("10.0.0.2", "203.0.113.5", PROXIES, "203.0.113.5"),
        # The client wrote its own header before the proxy appended: only the proxy's entry counts.
        ("10.0.0.2", "1.2.3.4, 203.0.113.5", PROXIES, "203.0.113.5"),
        # Two trusted proxies in a row.
        ("10.0.0.2", "203.0.113.5, 10.1.2.3", PROXIES, "203.0.113.5"),
        ("2001:db8::1", "2001:db8::2, 2a01:e0a::7", PROXIES, "2a01:e0a::7"),
        # An untrusted peer that claims to be forwarding is a client like any other.
        ("192.0.2.50", "10.0.0.2, 203.0.113.5", PROXIES, "192.0.2.50"),
        # Garbage where the proxy should have written an address: the proxy is the client.
        ("10.0.0.2", "not-an-address", PROXIES, "10.0.0.2"),
        ("10.0.0.2", "", PROXIES, "10.0.0.2"),
        (None, None, PROXIES, "unknown"),
    ],
)
def test_the_client_is_the_first_untrusted_hop_from_the_right(
    peer: str | None, forwarded_for: str | None, trusted: list, expected: str
) -> None:
    assert client_address(peer, forwarded_for, trusted) == expected


def test_the_setting_takes_addresses_and_ranges_and_refuses_anything_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PORTAIL_TRUSTED_PROXIES", "127.0.0.1, 172.16.0.0/12, ::1")
    networks = Settings(_env_file=None).trusted_proxy_networks
    assert [str(n) for n in networks] == ["127.0.0.1/32", "172.16.0.0/12", "::1/128"]
    monkeypatch.setenv("PORTAIL_TRUSTED_PROXIES", "127.0.0.1, the-proxy")
    with pytest.raises(ValidationError, match="PORTAIL_TRUSTED_PROXIES"):
        Settings(_env_file=None)
    monkeypatch.delenv("PORTAIL_TRUSTED_PROXIES")
    assert Settings(_env_file=None).trusted_proxy_networks == []
