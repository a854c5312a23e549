"""The demo admin invites a secretary; she takes the code from the real mail and signs in."""

import re

from playwright.sync_api import Browser, Page, expect

from portail_famille.services.demo import ADMIN_EMAIL, COMMUNE_AGENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in
from tests.e2e.phones import another_phone
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox

INVITEE = "nadia.roy@example.org"
PASSWORD = "un grand érable rouge en octobre"


def _code_in(text: str) -> str:
    found = re.search(r"\b(\d{8})\b", text)
    assert found, text
    return found.group(1)


def test_an_invited_secretary_accepts_and_signs_in_to_her_school_only(
    page: Page, browser: Browser, portal_url: str, smtp_mailbox: Mailbox
) -> None:
    sign_in(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    page.locator("#console-nav").get_by_role("link", name="Personnel").click()
    expect(page).to_have_url(re.compile(r"/console/personnel/?$"))
    staff = page.locator("#staff")
    expect(staff).to_contain_text(SECRETARY_EMAIL)
    expect(staff).not_to_contain_text(COMMUNE_AGENT_EMAIL)
    _check(page)

    page.fill("#invite-email", INVITEE)
    page.fill("#invite-name", "Nadia Roy")
    page.select_option("#invite-role", "secretary")
    page.select_option("#invite-school", label="École primaire des Érables")
    page.click("#invite")
    expect(page.locator("#staff-notice")).to_have_text(
        "Invitation envoyée. Le code est valable 72 heures."
    )
    mail = smtp_mailbox.text_of_last_to(INVITEE)
    assert "Secrétariat d'école (École primaire des Érables)" in mail
    code = _code_in(mail)

    with another_phone(browser, portal_url) as invitee:
        _accept(invitee, code)


def _accept(invitee: Page, code: str) -> None:
    invitee.goto("/personnel/invitation")
    invitee.fill("#invitation-email", INVITEE)
    invitee.fill("#invitation-code", code)
    invitee.fill("#invitation-password", "motdepasse")
    invitee.fill("#invitation-confirm", "motdepasse")
    invitee.click("#invitation-submit")
    expect(invitee.locator("#invitation-password-error")).to_have_text(
        "Le mot de passe doit compter au moins 12 caractères."
    )
    expect(invitee.locator("#invitation-password")).to_have_attribute("aria-invalid", "true")
    _check(invitee)
    invitee.fill("#invitation-password", PASSWORD)
    invitee.fill("#invitation-confirm", PASSWORD)
    invitee.click("#invitation-submit")
    expect(invitee.locator("#invitation-done")).to_be_visible()

    sign_in(invitee, INVITEE, PASSWORD)
    expect(invitee).to_have_url(re.compile(r"/console/?$"))
    families = invitee.locator("#families")
    expect(families).to_contain_text("Famille Tremblay")
    expect(families).not_to_contain_text("Famille Martin")
    expect(invitee.locator("#console-nav")).not_to_contain_text("Personnel")


def test_a_forged_school_position_invites_nobody(page: Page, smtp_mailbox: Mailbox) -> None:
    sign_in(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    page.goto("/console/personnel")
    expect(page.locator("#staff")).to_contain_text(SECRETARY_EMAIL)
    # What a client can send whatever the page offers: a school the list never had.
    page.evaluate("document.querySelector('#invite-school').add(new Option('x', '99'))")
    page.fill("#invite-email", "intrus@example.org")
    page.fill("#invite-name", "Intrus")
    page.select_option("#invite-role", "secretary")
    page.select_option("#invite-school", "99")
    page.click("#invite")
    expect(page.locator("#invite-role-error")).to_have_text("Cette action n'est pas permise.")
    assert smtp_mailbox.last_to("intrus@example.org") is None


def test_staff_who_are_not_admins_are_sent_back_to_the_console(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    expect(page.locator("#console-nav")).to_contain_text("Messages reçus")
    expect(page.locator("#console-nav")).not_to_contain_text("Personnel")
    page.goto("/console/personnel")
    expect(page).to_have_url(re.compile(r"/console/?$"))
