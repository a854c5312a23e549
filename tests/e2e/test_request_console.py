"""The console's request queue at 360 px: the Érables secretary approves a demo request field by
field; the commune's service refuses one whose record changed since, with a comment, then
approves the rest in bulk."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox


def test_the_secretary_approves_felix_s_health_data(page: Page, smtp_mailbox: Mailbox) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    page.locator("#console-nav").get_by_role("link", name="Demandes").click()
    expect(page).to_have_url(re.compile(r"/console/demandes/?$"))
    queue = page.locator("#request-queue")
    card = queue.locator("> li").filter(has_text="Félix Côté")
    expect(card).to_contain_text("Données de santé")
    expect(card).to_contain_text("Pollen (rhume des foins)")
    # Another organisation's requests and another school's are not here.
    expect(queue).not_to_contain_text("Jade")
    expect(queue).not_to_contain_text("Coordonnées bancaires")
    _check(page)
    card.get_by_label("Accepter : Traitements").uncheck()
    card.get_by_label("Commentaire pour la famille").fill("Merci d'apporter l'ordonnance.")
    card.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#requests-notice")).to_contain_text("acceptée en partie")
    expect(queue).not_to_contain_text("Félix Côté")
    mail = smtp_mailbox.text_of_last_to("jean.cote@example.org")  # Jean reads English
    assert 'Your request "Health data" (Félix)' in mail and "Partly accepted" in mail
    assert "Merci d'apporter l'ordonnance." in mail


def test_the_service_sees_a_conflict_and_refuses_with_a_comment(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    sign_in(page, COMMUNE_AGENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    visit(page, "/console/demandes")
    page.select_option("#filter-category", label="Données de santé")
    page.click("#apply-filters")
    queue = page.locator("#request-queue")
    expect(queue).not_to_contain_text("Personnes autorisées")  # only health data now
    card = queue.locator("> li").filter(has_text="Jade Martin")
    expect(card).to_contain_text("Conflit")
    expect(card).to_contain_text("fruits à coque")  # what the record says now
    expect(card.get_by_label("Accepter : Allergies")).not_to_be_checked()
    _check(page)
    for box in card.get_by_role("checkbox").all():
        box.uncheck()
    card.get_by_label("Commentaire pour la famille").fill("Voyez l'infirmière le lundi.")
    card.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("#requests-notice")).to_contain_text("refusée")
    mail = smtp_mailbox.text_of_last_to("claire.martin@example.org")
    assert "Refusée" in mail and "Voyez l'infirmière le lundi." in mail
    # What is left for the service (Jade's pickup person, Hugo's data): approved in one go.
    page.select_option("#filter-category", value="")
    page.click("#apply-filters")
    expect(queue).to_contain_text("Hugo Martin")
    page.click("#approve-all")
    expect(page.locator("#requests-notice")).to_have_text(
        re.compile(r"^(\d+) demande\(s\) acceptée\(s\) sur \1\.$")
    )
    expect(page.locator("#request-queue")).to_contain_text("Aucune demande en attente.")
