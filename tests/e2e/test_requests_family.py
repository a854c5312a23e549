"""The family's requests at 360 px: propose from the record, follow in "Demandes", withdraw; the
Érables secretary decides in the console and the parent sees the outcome.

Data no other test reads: Léa's medication and notes, the Tremblay household's spouse and bank.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, expect

from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit, wait_ready
from tests.e2e.phones import another_phone
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox

MEDICATION = "EpiPen Jr 0,15 mg et antihistaminique (essai e2e)"


def _record_of(page: Page, first_name: str) -> None:
    visit(page, "/famille/dossier")
    page.locator("#children").get_by_role("button", name=first_name).click()
    expect(page.locator("#record-child")).to_contain_text(first_name)


def _decide_in_console(staff: Page, marker: str, *, approve: bool, comment: str = "") -> None:
    """The Érables secretary finds the request by what it proposes and decides on all of it."""
    sign_in(staff, SECRETARY_EMAIL)
    expect(staff).to_have_url(re.compile(r"/console/?$"))
    visit(staff, "/console/demandes")
    card = staff.locator("#request-queue > li").filter(has_text=marker)
    expect(card).to_contain_text("Léa Gagnon")
    if not approve:
        for box in card.get_by_role("checkbox").all():
            box.uncheck()
    if comment:
        card.get_by_label("Commentaire pour la famille").fill(comment)
    card.get_by_role("button", name="Enregistrer la décision").click()
    expect(staff.locator("#requests-notice")).to_contain_text("acceptée" if approve else "refusée")
    expect(staff.locator("#request-queue")).not_to_contain_text(marker)


def test_marie_changes_leas_health_data_the_secretary_approves_it(
    page: Page, browser: Browser, portal_url: str, smtp_mailbox: Mailbox, tmp_path: Path
) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    _record_of(page, "Léa")
    page.click("#propose-health")
    form = page.locator("#request-form")
    expect(form).to_be_visible()
    expect(page.locator("#rq-allergies")).to_have_value(re.compile("Arachides"))
    _check(page)
    page.fill("#rq-doctor_phone", "pas un numéro")
    page.fill("#rq-medication", MEDICATION)
    certificate = tmp_path / "ordonnance.pdf"
    certificate.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n")
    page.set_input_files("#request-document input[type=file]", str(certificate))
    expect(page.locator("#rq-documents")).to_contain_text("ordonnance.pdf")
    page.click("#request-submit")
    expect(page.locator("#rq-doctor_phone-error")).to_be_visible()
    expect(page.locator("#rq-doctor_phone")).to_have_attribute("aria-invalid", "true")
    page.fill("#rq-doctor_phone", "+1 819 555-0190")
    page.click("#request-submit")
    expect(page.locator("#request-sent")).to_be_visible()
    expect(page.locator("#pending-health")).to_have_text("Demande en attente")
    expect(page.locator("#record-health")).not_to_contain_text("antihistaminique")

    visit(page, "/famille/demandes")
    mine = page.locator("#requests .request-row").filter(has_text="antihistaminique")
    expect(mine).to_contain_text("Données de santé")
    expect(mine).to_contain_text("Léa")
    expect(mine).to_contain_text("EpiPen Jr 0,15 mg")  # before → after
    document = mine.get_by_role("link", name="ordonnance.pdf")
    response = page.request.get(document.get_attribute("href") or "")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    _check(page)

    with another_phone(browser, portal_url) as secretary:
        _decide_in_console(secretary, "antihistaminique", approve=True)

    _record_of(page, "Léa")
    expect(page.locator("#record-health")).to_contain_text("antihistaminique")
    expect(page.locator("#pending-health")).to_have_count(0)
    visit(page, "/famille/demandes")
    expect(
        page.locator("#requests .request-row").filter(has_text="antihistaminique")
    ).to_contain_text("Acceptée")
    mail = smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    assert "Données de santé" in mail and "(Léa)" in mail and "Acceptée" in mail
    visit(page, "/famille/messages")
    expect(page.locator("#threads")).to_contain_text(
        "Votre demande « Données de santé » : Acceptée"
    )


def test_a_refusal_shows_the_secretarys_comment(
    page: Page, browser: Browser, portal_url: str
) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    _record_of(page, "Léa")
    page.click("#propose-complementary")
    page.fill("#rq-notes", "Lunettes pour la lecture et le tableau (essai e2e).")
    page.click("#request-submit")
    expect(page.locator("#request-sent")).to_be_visible()
    with another_phone(browser, portal_url) as secretary:
        _decide_in_console(
            secretary,
            "le tableau (essai e2e)",
            approve=False,
            comment="Merci de joindre l'ordonnance de l'optométriste.",
        )
    visit(page, "/famille/demandes")
    refused = page.locator("#requests .request-row").filter(has_text="le tableau (essai e2e)")
    expect(refused).to_contain_text("Refusée")
    expect(refused).to_contain_text("Merci de joindre l'ordonnance de l'optométriste.")
    _record_of(page, "Léa")
    expect(page.locator("#record-more")).not_to_contain_text("le tableau (essai e2e)")


def test_marie_withdraws_a_pending_request_and_sees_it_counted_until_then(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    _record_of(page, "Léa")
    page.click("#propose-spouse")
    page.fill("#rq-spouse_name", "Conjoint Essai Retrait")
    page.keyboard.press("Enter")  # a form sends with the keyboard alone
    expect(page.locator("#request-sent")).to_be_visible()
    visit(page, "/famille")
    expect(page.locator("#pending-requests")).to_contain_text(re.compile(r"[1-9]"))
    page.click("#pending-requests")
    wait_ready(page)
    row = page.locator("#requests .request-row").filter(has_text="Conjoint Essai Retrait")
    expect(row).to_contain_text("En attente")
    row.get_by_role("button", name=re.compile("Retirer la demande")).click()
    expect(page.locator("#requests-notice")).to_have_text("Demande retirée.")
    expect(row).to_contain_text("Retirée")
    expect(row.get_by_role("button")).to_have_count(0)


def test_bad_bank_details_and_a_file_that_is_no_photo_are_refused_next_to_the_field(
    page: Page, browser: Browser, portal_url: str, tmp_path: Path
) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    _record_of(page, "Léa")
    page.click("#propose-bank")
    expect(page.locator("#rq-bank_account")).to_have_value("")  # the stored number never shows
    page.fill("#rq-bank_account", "FR76 1234")
    page.click("#request-submit")
    expect(page.locator("#rq-bank_account-error")).to_be_visible()
    expect(page.locator("#request-form-error")).to_be_visible()
    _check(page)
    page.click("#request-cancel")
    page.click("#propose-photo")
    fake = tmp_path / "photo.jpg"
    fake.write_text("ceci n'est pas une image")
    page.set_input_files("#request-photo input[type=file]", str(fake))
    expect(page.locator("#rq-photo-error")).to_be_visible()
    expect(page.locator("#rq-photo-name")).to_have_count(0)
    photo = tmp_path / "lea.png"
    Image.new("RGB", (60, 80), (200, 120, 40)).save(photo)
    page.set_input_files("#request-photo input[type=file]", str(photo))
    expect(page.locator("#rq-photo-name")).to_have_text("lea.png")
    expect(page.locator("#rq-photo-error")).to_have_count(0)
    page.click("#request-submit")
    expect(page.locator("#request-sent")).to_be_visible()
    visit(page, "/famille/demandes")
    row = page.locator("#requests .request-row").filter(has_text="Photo")
    expect(row.first).to_contain_text("En attente")
    with another_phone(browser, portal_url) as secretary:
        _decide_in_console(secretary, "Photo de l'enfant", approve=True)
    _record_of(page, "Léa")
    photo_src = page.locator("#record-child img.photo").get_attribute("src") or ""
    response = page.request.get(photo_src)
    assert response.status == 200 and response.body().startswith(b"\xff\xd8\xff")  # JPEG


def test_marie_asks_to_enrol_lea_in_an_activity_and_sees_it_listed_at_once(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/demandes")
    page.locator("#children").get_by_role("button", name="Léa").click()
    expect(page.locator("#reenrolment-period")).to_contain_text("Réinscriptions")
    page.click("#propose-activity_enrolment")
    expect(page.locator("#rq-activity")).to_be_focused()
    _check(page)
    page.click("#request-submit")  # no activity chosen: said next to the field
    expect(page.locator("#rq-activity-error")).to_be_visible()
    page.select_option("#rq-activity", index=1)
    activity = page.locator("#rq-activity option:checked").inner_text()
    page.click("#request-submit")
    expect(page.locator("#request-sent")).to_be_visible()
    row = page.locator("#requests .request-row").filter(has_text="Inscription à une activité")
    expect(row.first).to_contain_text(activity)
    expect(row.first).to_contain_text("En attente")


def test_claire_confirms_her_records_and_consents_from_home(page: Page) -> None:
    sign_in(page, "claire.martin@example.org")
    todo = page.locator("#todo")
    expect(todo).to_contain_text("confirmez votre dossier avant le 15 janvier 2027")
    expect(todo).to_contain_text("Consentements manquants")
    _check(page)
    page.click("#due-0-submit")  # nothing ticked: said next to the boxes
    expect(todo.get_by_role("alert")).to_have_text("Cochez au moins une case.")
    page.get_by_label("J'ai relu les dossiers").check()
    page.click("#due-0-submit")
    expect(todo).to_contain_text("Dossier confirmé pour cette année.")
    expect(todo).to_contain_text("Consentements manquants")
    page.get_by_label("Je donne les consentements").check()
    page.click("#due-0-submit")
    expect(page.get_by_role("status").filter(has_text="Merci")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("confirmez votre dossier")
