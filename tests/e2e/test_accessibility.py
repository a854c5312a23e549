"""Every page at 360 px: no serious axe-core violation, no sideways scroll, usable by keyboard."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.test_imports import csv_file

AXE = Path(
    os.environ.get(
        "PORTAIL_AXE_JS",
        Path(__file__).resolve().parents[2] / ".tools/axe/node_modules/axe-core/axe.min.js",
    )
)


def _serious_violations(page: Page) -> list[str]:
    # Evaluated by the browser's debugger protocol, which the page's CSP does not govern (an
    # injected <script> would be refused, as it must be).
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', "
        "'wcag21aa', 'best-practice']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _check(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    assert _serious_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360 px"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/connexion",
        "/connexion?erreur=identifiants",
        "/inscription",
        "/mot-de-passe-oublie",
        "/aide",
        "/nous-joindre",
        "/aide/contact",
        "/personnel/invitation",
    ],
)
def test_public_pages(page: Page, path: str) -> None:
    visit(page, path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)


def test_parent_home(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")
    _check(page)
    page.click("#lang-fr")


@pytest.mark.parametrize("path", ["/inscription", "/mot-de-passe-oublie"])
def test_the_code_step_with_its_errors(page: Page, path: str) -> None:
    visit(page, path)
    page.fill("#email", "personne.inconnue@example.org")
    page.click("#send-code")
    expect(page.locator("#code-sent")).to_be_visible()
    page.click("#finish")
    expect(page.locator("#code-error")).to_be_visible()
    _check(page)


def test_account_pages_of_a_parent(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/ajouter-enfant")
    page.click("#link-identity")
    expect(page.locator("#first_name-error")).to_be_visible()
    _check(page)
    page.click("#method-codes")
    expect(page.locator("#child_code")).to_be_visible()
    _check(page)
    visit(page, "/parametres")
    expect(page.locator("#device-list")).to_contain_text("Cet appareil")
    _check(page)


@pytest.mark.parametrize("path", ["/famille/resultats", "/famille/dossier"])
def test_results_and_record_tiles(page: Page, path: str) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, path)
    expect(page.locator("#marks, #record-child").first).to_be_visible()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Results|Record"))
    _check(page)
    page.click("#lang-fr")


def test_staff_console(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    _check(page)


def test_import_console(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/imports")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer des données")
    page.set_input_files(
        "#import-upload input[type=file]",
        files=[csv_file("e.csv", "nom\nRoy\n")],
    )
    page.click("#import-check")
    expect(page.locator("#import-issues")).to_be_visible()
    _check(page)


def test_sign_in_and_switch_child_by_keyboard_only(page: Page) -> None:
    visit(page, "/connexion")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "email":
            break
    page.keyboard.type(PARENT_EMAIL)
    page.keyboard.press("Tab")
    page.keyboard.type("Demo-Portail-2026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("#child-card")).to_contain_text("Thomas")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Léa":
            break
    page.keyboard.press("Enter")
    expect(page.locator("#child-card")).to_contain_text("Léa Gagnon")


@pytest.mark.parametrize("path", ["/famille/messages", "/famille/ressources"])
def test_message_and_resource_pages_of_a_parent(page: Page, path: str) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)


def test_staff_messaging(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/messagerie")
    expect(page.locator("#broadcast-target")).to_be_visible()
    _check(page)


def test_agenda_and_absences_pages(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    for path in ("/famille/agenda", "/famille/absences"):
        visit(page, path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _check(page)


def test_console_absences(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/absences")
    expect(page.locator("#record")).to_be_visible()
    _check(page)


def test_request_pages_and_forms_of_a_parent(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/demandes")
    expect(page.locator("#enrolments")).to_be_visible()
    _check(page)
    page.click("#propose-preregistration")
    expect(page.locator("#request-form")).to_be_visible()
    _check(page)
    visit(page, "/famille/dossier")
    page.click("#propose-pickup")
    expect(page.locator("#rq-action")).to_be_focused()  # the keyboard lands in the form
    _check(page)
    page.click("#lang-en")
    expect(page.locator("#request-form-title")).to_contain_text("Propose a change")
    _check(page)
    page.click("#lang-fr")


def test_console_requests(page: Page) -> None:
    sign_in(page, COMMUNE_AGENT_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/demandes")
    expect(page.locator("#request-queue")).to_be_visible()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Families' requests")
    _check(page)
    page.click("#lang-fr")


def test_records_and_admin_pages(page: Page) -> None:
    from portail_famille.services.demo import ADMIN_EMAIL

    sign_in(page, ADMIN_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    for path in ("/console/dossiers", "/console/journal", "/console/organisation"):
        visit(page, path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _check(page)
    visit(page, "/console/dossiers")
    page.fill("#record-query", "emile")
    page.click("#record-search")
    page.locator("#record-results").get_by_role("button", name="Émile Roy").click()
    expect(page.locator("#staff-child")).to_contain_text("Émile Roy")
    _check(page)
    visit(page, "/console/personnel")
    expect(page.locator("#change-membership")).to_be_visible()
    _check(page)


def test_who_viewed_page_of_a_parent(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/dossier/consultations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui a consulté le dossier")
    _check(page)


def test_finances_tile(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/finances")
    expect(page.locator("#invoices")).to_be_visible()
    page.locator("#invoices details").first.locator("summary").click()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Finances")
    _check(page)
    page.click("#lang-fr")


@pytest.mark.parametrize(
    "path", ["/console/finances", "/console/etats-de-compte", "/console/consentements"]
)
def test_console_finances(page: Page, path: str) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _check(page)


def test_planning_pages(page: Page) -> None:
    sign_in(page, "claire.martin@example.org")
    expect(page.locator("#tile-planning")).to_be_visible()
    visit(page, "/famille/planning")
    expect(page.locator("#calendar")).to_be_visible()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Activity planning")
    _check(page)
    page.click("#lang-fr")


def test_planning_console_pages(page: Page) -> None:
    sign_in(page, COMMUNE_AGENT_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/planning")
    expect(page.locator("#daily-list")).to_be_visible()
    _check(page)
    visit(page, "/console/planning/activites")
    expect(page.locator("#save-activity")).to_be_visible()
    _check(page)


def test_payment_pages(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#home-payments")).to_be_visible()
    visit(page, "/famille/paiements")
    expect(page.locator("#unpaid")).to_be_visible()
    _check(page)
    page.click("#lang-en")
    expect(page.get_by_role("heading", level=1)).to_have_text("My payments")
    _check(page)
    page.click("#lang-fr")


def test_console_payments(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/paiements")
    expect(page.locator("#record-payment")).to_be_visible()
    _check(page)
