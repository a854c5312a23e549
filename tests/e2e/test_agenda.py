"""The Agenda tile at 360 px: Thomas's week with periods and work due; the feed from settings."""

import re
import urllib.request

from icalendar import Calendar
from playwright.sync_api import Page, expect

from portail_famille.services.demo import PARENT_EMAIL
from tests.e2e.conftest import sign_in, visit, wait_ready
from tests.e2e.test_accessibility import _check


def test_thomas_week_and_a_subscription_address(page: Page, portal_url: str) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    page.click("#tile-agenda")
    expect(page).to_have_url(re.compile(r"/famille/agenda/?$"))
    wait_ready(page)
    page.get_by_role("button", name="Thomas").click()
    agenda = page.locator("#agenda")
    expect(agenda).to_contain_text("Local")
    _check(page)
    page.click("#agenda-day")
    page.keyboard.press("Tab")
    page.click("#agenda-next")
    expect(agenda.locator("h2")).to_have_count(1)
    page.get_by_role("button", name="Léa").click()
    expect(page.locator("#no-timetable")).to_be_visible()

    visit(page, "/parametres")
    page.click("#feed-renew")
    address = page.locator("#feed-address").input_value()
    assert re.search(r"/api/calendar/[\w-]{43}\.ics$", address)
    path = address.split("/api/", 1)[1]
    with urllib.request.urlopen(f"{portal_url}/api/{path}") as response:  # noqa: S310
        calendar = Calendar.from_ical(response.read())
    assert any(str(e["summary"]).startswith("Thomas") for e in calendar.walk("VEVENT"))
    _check(page)
    page.click("#feed-revoke")
    expect(page.locator("#feed-notice")).to_be_visible()
    try:
        urllib.request.urlopen(f"{portal_url}/api/{path}")  # noqa: S310
        raise AssertionError("a revoked address still answers")
    except urllib.error.HTTPError as error:
        assert error.code == 404
