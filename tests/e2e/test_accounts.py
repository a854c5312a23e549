"""A parent gets from "the school has my e-mail" to "I see my children" without calling anyone."""

import re
import time

from playwright.sync_api import Page, expect

from portail_famille.services.demo import (
    DEMO_PASSWORD,
    GUARDIAN_WITHOUT_ACCOUNT_EMAIL,
    PARENT_EMAIL,
    PAYER_CODES,
)
from tests.e2e.conftest import sign_in, visit
from tests.smtp import Mailbox

NEW_PASSWORD = "Lundi matin, un café bien chaud"


def _code_mailed_to(mailbox: Mailbox, address: str, after: int) -> str:
    """The 6-digit code of the first mail to `address` beyond the first `after` messages."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        for message in mailbox.messages[after:]:
            if address in str(message["To"]):
                payload = message.get_payload(decode=True)
                assert isinstance(payload, bytes)
                found = re.search(r"\b(\d{6})\b", payload.decode())
                if found:
                    return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no code mailed to {address}")


def _sign_up(page: Page, mailbox: Mailbox, email: str, password: str = NEW_PASSWORD) -> None:
    visit(page, "/connexion")
    page.click("#sign-up-link")
    expect(page).to_have_url(re.compile(r"/inscription/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer mon compte")
    before = len(mailbox.messages)
    page.fill("#email", email)
    page.click("#send-code")
    expect(page.locator("#code-sent")).to_contain_text("un code vient d'y être envoyé")
    code = _code_mailed_to(mailbox, email, before)
    page.fill("#code", code)
    page.fill("#password", password)
    page.fill("#password2", password)
    page.click("#finish")
    expect(page).to_have_url(re.compile(r"/famille/?$"))


def test_the_guardian_without_an_account_signs_up_links_both_children_and_signs_in_again(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    email = GUARDIAN_WITHOUT_ACCOUNT_EMAIL
    visit(page, "/inscription")
    before = len(smtp_mailbox.messages)
    page.fill("#email", email)
    page.click("#send-code")
    first = _code_mailed_to(smtp_mailbox, email, before)

    # Asking again voids the first code, and the page says so (seed 001's warning).
    before = len(smtp_mailbox.messages)
    page.click("#resend-code")
    expect(page.locator("#code-sent")).to_contain_text("le précédent ne fonctionne plus")
    second = _code_mailed_to(smtp_mailbox, email, before)
    page.fill("#password", NEW_PASSWORD)
    page.fill("#password2", NEW_PASSWORD)
    if first != second:
        page.fill("#code", first)
        page.click("#finish")
        expect(page.locator("#code-error")).to_contain_text("n'est pas le bon")

    # A common password is refused next to its field, in French.
    page.fill("#code", second)
    page.fill("#password", "password1234")
    page.fill("#password2", "password1234")
    page.click("#finish")
    expect(page.locator("#password-error")).to_contain_text("trop courant")
    expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")

    page.fill("#password", NEW_PASSWORD)
    page.fill("#password2", NEW_PASSWORD)
    page.click("#finish")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#first-time")).to_be_visible()

    # Léa by her file number, typed without the accent; the page says whose account she joins.
    page.click("#add-child")
    expect(page.locator("#link-account")).to_contain_text(f"au compte de Luc Gagnon <{email}>")
    page.select_option("#organisation", label="Centre de services scolaire des Mille-Lacs")
    page.fill("#first_name", "lea")
    page.fill("#last_name", "Gagnon")
    page.fill("#birth_date", "2017-03-14")
    page.fill("#identifier", "1000001")
    page.click("#link-identity")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#children").get_by_role("button")).to_have_text(["Léa"])

    # Thomas by his permanent code; a wrong birth date first gets the one generic refusal.
    page.click("#add-child")
    page.select_option("#organisation", label="Centre de services scolaire des Mille-Lacs")
    page.fill("#first_name", "Thomas")
    page.fill("#last_name", "Gagnon")
    page.fill("#birth_date", "2013-09-03")
    page.fill("#identifier", "gagt 0209 1301")
    page.click("#link-identity")
    expect(page.locator("#link-refusal")).to_contain_text("ne correspondent à aucun enfant")
    page.fill("#birth_date", "2013-09-02")
    page.click("#link-identity")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#children").get_by_role("button")).to_have_text(["Thomas", "Léa"])

    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"/$"))
    sign_in(page, email, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#children").get_by_role("button")).to_have_text(["Thomas", "Léa"])


def test_the_page_answers_alike_for_an_address_that_is_not_on_file(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    visit(page, "/inscription")
    before = len(smtp_mailbox.messages)
    page.fill("#email", "inconnu.total@example.org")
    page.click("#send-code")
    expect(page.locator("#code-sent")).to_contain_text(
        "Si cette adresse figure au dossier d'un enfant, un code vient d'y être envoyé."
    )
    deadline = time.monotonic() + 10
    while not smtp_mailbox.messages[before:] and time.monotonic() < deadline:
        time.sleep(0.2)
    body = smtp_mailbox.text_of_last_to("inconnu.total@example.org")
    assert "ne figure au dossier d'aucun enfant" in body
    assert not re.search(r"\b\d{6}\b", body)


def test_a_parent_with_the_access_letter_links_by_codes_and_manages_settings(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    _sign_up(page, smtp_mailbox, "karim.bernard@example.org")
    page.click("#add-child")
    page.click("#method-codes")
    page.fill("#child_code", "ines7k3m9p")
    page.fill("#payer_code", PAYER_CODES["Karim"])
    page.click("#link-codes")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#child-card")).to_contain_text("Inès Bernard")

    visit(page, "/parametres")
    expect(page.locator("#device-list")).to_contain_text("Cet appareil")
    page.fill("#notification_email", "karim.bureau@example.org")
    page.keyboard.press("Enter")
    expect(page.locator("#notifications")).to_contain_text("karim.bureau@example.org")
    page.fill("#notification_email", "pas-une-adresse")
    page.keyboard.press("Enter")
    expect(page.locator("#notification_email-error")).to_contain_text("adresse courriel valide")

    page.fill("#password_current", "pas le bon mot de passe")
    page.fill("#new_password", "Un autre mot de passe tout neuf")
    page.fill("#new_password2", "Un autre mot de passe tout neuf")
    page.click("#change-password")
    expect(page.locator("#password_current-error")).to_contain_text("incorrect")
    page.fill("#password_current", NEW_PASSWORD)
    page.fill("#new_password", "Un autre mot de passe tout neuf")
    page.fill("#new_password2", "Un autre mot de passe tout neuf")
    page.click("#change-password")
    expect(page.locator("#password-notice")).to_contain_text("Mot de passe changé")

    page.click("#sign-out")
    sign_in(page, "karim.bernard@example.org", NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/connexion"))
    sign_in(page, "karim.bernard@example.org", "Un autre mot de passe tout neuf")
    expect(page).to_have_url(re.compile(r"/famille/?$"))


def test_a_forgotten_password_is_replaced_by_code(page: Page, smtp_mailbox: Mailbox) -> None:
    email = "jean.cote@example.org"
    visit(page, "/connexion")
    page.click("#forgot-link")
    expect(page).to_have_url(re.compile(r"/mot-de-passe-oublie/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")
    before = len(smtp_mailbox.messages)
    page.fill("#email", email)
    page.click("#send-code")
    code = _code_mailed_to(smtp_mailbox, email, before)
    page.fill("#code", code)
    page.fill("#password", NEW_PASSWORD)
    page.fill("#password2", NEW_PASSWORD)
    page.check("#remember")
    page.click("#finish")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    session_cookie = next(c for c in page.context.cookies() if c["name"] == "pf_session")
    assert session_cookie["httpOnly"]
    assert session_cookie["expires"] > time.time() + 29 * 24 * 3600  # "stay signed in" kept
    page.context.clear_cookies()
    sign_in(page, email, DEMO_PASSWORD)
    expect(page.get_by_role("alert")).to_be_visible()
    sign_in(page, email, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/famille/?$"))


def test_asking_twice_reads_the_same_for_an_address_on_file_and_one_not(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    """A replaced code must not be announced only for addresses that have an account."""
    said = {}
    for email in (PARENT_EMAIL, "personne.inconnue@example.org"):
        visit(page, "/mot-de-passe-oublie")
        for _ in range(2):  # asked, then "another address" and the same one again
            page.fill("#email", email)
            page.click("#send-code")
            expect(page.locator("#code-sent")).to_be_visible()
            text = page.locator("#code-sent").inner_text()
            page.click("#other-address")
        said[email] = text
    assert len(set(said.values())) == 1, said
    assert "le précédent ne fonctionne plus" in said[PARENT_EMAIL]
