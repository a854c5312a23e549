"""Marie writes to Léa's school with a PDF; the Érables secretary answers; Marie reads it."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit, wait_ready
from tests.e2e.phones import another_phone
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox


def test_a_parent_writes_to_leas_school_and_reads_the_secretarys_answer(
    page: Page, browser: Browser, portal_url: str, smtp_mailbox: Mailbox, tmp_path: Path
) -> None:
    sign_in(page, PARENT_EMAIL)
    # The demo holds one unread message; other tests (an absence recorded) may add some.
    expect(page.locator("#unread-count")).to_contain_text(re.compile(r"[1-9]\d* message"))
    unread = int(page.locator("#unread-count").inner_text().split()[0])
    page.click("#tile-messages")
    expect(page).to_have_url(re.compile(r"/famille/messages/?$"))
    wait_ready(page)
    page.locator("#children").get_by_role("button", name="Léa").click()
    expect(page.locator("#message-recipient")).to_contain_text("École primaire des Érables")

    fake = tmp_path / "faux.pdf"
    fake.write_text("du texte, pas un PDF")
    page.set_input_files("#attachment input[type=file]", str(fake))
    expect(page.locator("#attachment-error")).to_contain_text("Seuls les fichiers PDF")
    pdf = tmp_path / "certificat.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    page.set_input_files("#attachment input[type=file]", str(pdf))
    expect(page.locator("#pending-attachments")).to_contain_text("certificat.pdf")

    page.select_option("#message-recipient", label="École primaire des Érables")
    page.fill("#message-subject", "Absence de Léa vendredi")
    page.fill("#message-body", "Léa aura un rendez-vous médical vendredi matin.")
    page.click("#send-message")
    expect(page.locator("#threads")).to_contain_text("Absence de Léa vendredi")
    _check(page)

    with another_phone(browser, portal_url) as secretary:
        sign_in(secretary, SECRETARY_EMAIL)
        expect(secretary).to_have_url(re.compile(r"/console/?$"))
        visit(secretary, "/console/messagerie")
        threads = secretary.locator("#threads")
        expect(threads).not_to_contain_text("Rencontre de parents")  # Thomas's school's thread
        threads.get_by_role("button", name=re.compile("Absence de Léa vendredi")).click()
        expect(secretary.locator("#thread-messages")).to_contain_text("rendez-vous médical")
        expect(secretary.locator("#thread-messages")).to_contain_text("certificat.pdf")
        _check(secretary)
        secretary.fill("#reply-body", "Bien reçu, l'absence est notée.")
        secretary.click("#send-reply")
        expect(secretary.locator("#messages-notice")).to_have_text("Message envoyé.")

    assert "Absence de Léa vendredi" in smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    visit(page, "/famille")
    expect(page.locator("#unread-count")).to_contain_text(f"{unread + 1} message(s) non lu(s)")
    page.click("#unread-count")
    wait_ready(page)
    page.locator("#threads").get_by_role(
        "button", name=re.compile("Absence de Léa vendredi")
    ).click()
    expect(page.locator("#thread-messages")).to_contain_text("l'absence est notée")
    _check(page)


def test_resources_page_and_keyboard_to_the_inbox(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#latest-news")).to_contain_text("Journée pédagogique")
    visit(page, "/famille/ressources")
    expect(page.locator("#resources")).to_contain_text("Calendrier scolaire 2026-2027")
    expect(page.locator("#resources")).not_to_contain_text("restauration scolaire")
    _check(page)
    visit(page, "/famille")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "tile-messages":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/famille/messages/?$"))
