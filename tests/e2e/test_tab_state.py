"""Signing out leaves nothing in the tab (issue 14, item 2): the page loaded after sign-out receives
none of the health data the secretary opened, and the tab is given a new Reflex token."""

import re

from playwright.sync_api import Page, WebSocket, expect

from portail_famille.services.demo import SECRETARY_EMAIL
from tests.e2e.conftest import wait_ready
from tests.e2e.test_records_admin import _open_leas_record

LEFT_BEHIND = ("Arachides", "EpiPen", "GAGL14531701", SECRETARY_EMAIL)


def test_the_page_after_sign_out_receives_nothing_of_the_secretary(page: Page) -> None:
    frames: list[str] = []

    def listen(socket: WebSocket) -> None:
        socket.on("framereceived", lambda payload: frames.append(str(payload)))

    page.on("websocket", listen)
    _open_leas_record(page)
    page.fill("#reason", "Sortie scolaire au musée")
    page.click("#show-health")
    expect(page.locator("#health-data")).to_contain_text("Arachides")
    assert any("Arachides" in frame for frame in frames)
    token = page.evaluate("sessionStorage.getItem('token')")

    frames.clear()
    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"/$"))
    wait_ready(page)
    received = "".join(frames)
    assert frames, "the public page's websocket said nothing at all"
    for text in LEFT_BEHIND:
        assert text not in received, f"the page after sign-out received {text!r}"
    # Polled from here: the CSP refuses the eval that wait_for_function needs.
    for _attempt in range(50):
        if page.evaluate("sessionStorage.getItem('token')") != token:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("sessionStorage.getItem('token')") != token
