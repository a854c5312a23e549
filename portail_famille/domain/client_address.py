"""Whose request is it: the peer's address, or the one a trusted proxy says it forwarded.

Every throttle keyed on an address reads it here. Behind the HTTPS proxy a deployment needs, the
peer is the proxy itself for everyone; X-Forwarded-For tells the real client, but anyone can send
that header, so it is believed only as far as the proxies listed in PORTAIL_TRUSTED_PROXIES.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


def parse_networks(setting: str) -> list[Network]:
    """'10.0.0.0/8, 127.0.0.1, ::1' -> networks; raises ValueError on anything else."""
    return [
        ipaddress.ip_network(part.strip(), strict=False)
        for part in setting.split(",")
        if part.strip()
    ]


def _trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip.version == network.version and ip in network for network in trusted)


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The first address, from the right, that is not a trusted proxy.

    Each proxy appends the address it saw, so the chain read right to left is the peer, then what
    the last proxy saw, and so on; entries left of the first untrusted one are the client's words.
    """
    current = (peer or "").strip() or UNKNOWN
    if not forwarded_for or not _trusted(current, trusted):
        return current
    for hop in reversed([part.strip() for part in forwarded_for.split(",")][:20]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return current  # garbage where a proxy should have written an address
        current = hop
        if not _trusted(current, trusted):
            return current
    return current
