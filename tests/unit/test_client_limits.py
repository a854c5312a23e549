"""Per-client limits: renders, sockets and events, each refused past its bound and each other
client unaffected."""

from __future__ import annotations

import pytest

from portail_famille.api.limits import ClientLimiter, Limits, client_key
from portail_famille.state.event_limits import EventLimiter


def test_two_renders_at_once_then_the_third_waits() -> None:
    limiter = ClientLimiter(Limits(renders_at_once=2, renders_per_minute=100))
    assert limiter.start_render("s:marie", now=0) and limiter.start_render("s:marie", now=0)
    assert not limiter.start_render("s:marie", now=0)
    assert limiter.start_render("s:claire", now=0)  # another family is not slowed
    limiter.end_render("s:marie")
    assert limiter.start_render("s:marie", now=1)


def test_renders_per_minute_refill_after_a_minute() -> None:
    limiter = ClientLimiter(Limits(renders_at_once=50, renders_per_minute=3))
    for _ in range(3):
        assert limiter.start_render("s:x", now=0)
        limiter.end_render("s:x")
    assert not limiter.start_render("s:x", now=30)
    assert limiter.start_render("s:x", now=61)


def test_sockets_per_session_and_per_address() -> None:
    limiter = ClientLimiter(Limits(sockets_per_session=2, sockets_per_address=3))
    assert limiter.open_socket("s:a", True) and limiter.open_socket("s:a", True)
    assert not limiter.open_socket("s:a", True)
    limiter.close_socket("s:a")
    assert limiter.open_socket("s:a", True)
    assert all(limiter.open_socket("a:10.0.0.1", False) for _ in range(3))
    assert not limiter.open_socket("a:10.0.0.1", False)


def test_the_key_is_the_session_cookie_or_else_the_address() -> None:
    signed = {"headers": [(b"cookie", b"pf_session=abc")], "client": ("1.2.3.4", 5)}
    anonymous = {"headers": [], "client": ("1.2.3.4", 5)}
    assert client_key(signed)[1] and client_key(signed)[0].startswith("s:")
    assert "abc" not in client_key(signed)[0]  # the token itself is never kept
    assert client_key(anonymous) == ("a:1.2.3.4", False)


@pytest.mark.parametrize("burst", [40])
def test_a_flooding_tab_is_cut_and_its_neighbour_is_not(burst: int) -> None:
    limiter = EventLimiter(tab=(burst, 10), address=(10_000, 1_000))
    allowed = sum(limiter.allows("flood", "1.1.1.1", now=0.0) for _ in range(3000))
    assert allowed == burst
    assert limiter.allows("neighbour", "1.1.1.1", now=0.0)
    assert limiter.allows("flood", "1.1.1.1", now=1.0)  # ten a second come back


def test_an_address_is_bounded_across_its_tabs() -> None:
    limiter = EventLimiter(tab=(1000, 100), address=(100, 10))
    allowed = sum(limiter.allows(f"tab-{i % 6}", "2.2.2.2", now=0.0) for i in range(3000))
    assert allowed == 100
    assert limiter.allows("other", "3.3.3.3", now=0.0)
