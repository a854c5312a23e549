"""Help without an account: the form checks each field, and the right school's staff read it."""

import re

from playwright.sync_api import Browser, Page, expect

from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.phones import another_phone
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox

FIELDS = ["school", "name", "email", "phone", "child_name", "subject", "message"]
ERABLES = "École primaire des Érables (Centre de services scolaire des Mille-Lacs)"
SUBJECT = "Mon adresse courriel est refusée"


def test_help_is_one_tap_from_home_and_sign_in(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Nous joindre").click()
    expect(page).to_have_url(re.compile(r"/nous-joindre/?$"))
    expect(page.locator("#schools")).to_contain_text("+1 819 555-0111")
    expect(page.locator("#schools")).to_contain_text("École élémentaire Jules-Ferry")
    page.goto("/connexion")
    page.get_by_role("link", name="Aide et questions fréquentes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aide et questions fréquentes")


def test_the_form_tells_each_error_and_reaches_the_right_school_only(
    page: Page, browser: Browser, portal_url: str, smtp_mailbox: Mailbox
) -> None:
    visit(page, "/aide/contact")
    page.click("#contact-submit")
    for field in FIELDS:
        expect(page.locator(f"#contact-{field}")).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#contact-{field}")).to_have_attribute(
            "aria-describedby", f"contact-{field}-error"
        )
    expect(page.locator("#contact-school-error")).to_have_text(
        "Choisissez l'école de votre enfant."
    )
    expect(page.locator("#contact-name-error")).to_have_text("Ce champ est obligatoire.")
    _check(page)

    page.select_option("#contact-school", label=ERABLES)
    page.fill("#contact-name", "Sophie Lavoie")
    page.fill("#contact-email", "sophie.lavoie")
    page.fill("#contact-phone", "819 555-0199")
    page.fill("#contact-child_name", "Éloi Lavoie")
    page.fill("#contact-subject", SUBJECT)
    page.fill("#contact-message", "Bonjour, le portail refuse mon adresse courriel.")
    page.click("#contact-submit")
    expect(page.locator("#contact-email-error")).to_have_text(
        "Saisissez une adresse courriel valide, par exemple nom@exemple.org."
    )
    expect(page.locator("#contact-name")).to_have_attribute("aria-invalid", "false")
    page.fill("#contact-email", "sophie.lavoie@example.org")
    page.click("#contact-submit")
    expect(page.locator("#contact-sent")).to_be_visible()
    assert "/console/messages-recus" in smtp_mailbox.text_of_last_to(
        "erables@mille-lacs.example.org"
    )

    with another_phone(browser, portal_url) as secretary:
        _secretary_handles_it(secretary)
    with another_phone(browser, portal_url) as agent:
        _the_commune_never_sees_it(agent)


def _secretary_handles_it(secretary: Page) -> None:
    sign_in(secretary, SECRETARY_EMAIL)
    expect(secretary).to_have_url(re.compile(r"/console/?$"))
    secretary.locator("#console-nav").get_by_role("link", name="Messages reçus").click()
    message = secretary.locator(".message-row", has_text=SUBJECT)
    expect(message).to_contain_text("sophie.lavoie@example.org")
    expect(message).to_contain_text("À traiter")
    _check(secretary)
    message.get_by_role("button", name=f"Marquer comme traité : {SUBJECT}").click()
    expect(message).to_contain_text("Traité")


def _the_commune_never_sees_it(agent: Page) -> None:
    sign_in(agent, COMMUNE_AGENT_EMAIL)
    expect(agent).to_have_url(re.compile(r"/console/?$"))
    agent.goto("/console/messages-recus")
    expect(agent.get_by_role("heading", level=1)).to_have_text("Messages reçus")
    expect(agent.locator("#message-count")).to_be_visible()
    expect(agent.locator("main")).not_to_contain_text(SUBJECT)


def test_a_forged_school_position_is_refused(page: Page) -> None:
    visit(page, "/aide/contact")
    expect(page.locator("#contact-school option")).not_to_have_count(1)
    page.evaluate("document.querySelector('#contact-school').add(new Option('x', '99'))")
    page.select_option("#contact-school", "99")
    page.click("#contact-submit")
    expect(page.locator("#contact-school-error")).to_have_text(
        "Choisissez l'école de votre enfant."
    )
