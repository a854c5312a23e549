"""At 360 px: the secretary finds Léa without accents, opens her record (health data only with a
reason), and Léa's mother then sees who viewed it. The admin exports the audit log."""

import re

from playwright.sync_api import Page, expect

from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from tests.e2e.conftest import sign_in, visit, wait_ready
from tests.e2e.test_accessibility import _check


def _open_leas_record(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    page.locator("#console-nav").get_by_role("link", name="Dossiers").click()
    expect(page).to_have_url(re.compile(r"/console/dossiers/?$"))
    wait_ready(page)
    page.fill("#record-query", "lea gag")
    page.click("#record-search")
    results = page.locator("#record-results")
    expect(results).to_contain_text("Léa Gagnon")
    expect(results).not_to_contain_text("Thomas")  # another school's pupil
    results.get_by_role("button", name="Léa Gagnon").click()
    expect(page).to_have_url(re.compile(r"/console/dossiers/enfant/?$"))
    expect(page.locator("#staff-child")).to_contain_text("1000001")


def test_the_secretary_opens_leas_record_and_her_mother_sees_it(page: Page) -> None:
    _open_leas_record(page)
    expect(page.locator("#guardian-list")).to_contain_text("Marie Tremblay")
    expect(page.locator("#guardian-list")).to_contain_text("Famille Gagnon")
    expect(page.locator("#document-list")).to_contain_text("Fiche de l'enfant")
    expect(page.locator("#history-list")).to_contain_text("a consulté le dossier")
    expect(page.locator("#health-data")).to_have_count(0)
    page.click("#show-health")
    expect(page.locator("#reason-error")).to_be_visible()
    page.fill("#reason", "Sortie scolaire au musée")
    page.click("#show-health")
    expect(page.locator("#health-data")).to_be_visible()
    _check(page)

    page.context.clear_cookies()
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    visit(page, "/famille/dossier")
    page.click("#record-viewers")
    expect(page).to_have_url(re.compile(r"/famille/dossier/consultations/?$"))
    page.locator("#children").get_by_role("button", name="Léa").click()
    viewers = page.locator("#viewer-list")
    expect(viewers).to_contain_text("Secrétariat des Érables")
    expect(viewers).to_contain_text("Secrétariat d'école")
    expect(viewers).to_contain_text("a consulté les données de santé")
    expect(viewers).not_to_contain_text("Luc Gagnon")
    # Looking is not changing: the views are listed apart from changes and decisions.
    expect(page.locator("#change-list-heading")).to_have_text("Modifications et décisions")
    expect(page.locator("#change-list")).not_to_contain_text("a consulté")
    _check(page)


def test_the_admin_searches_the_log_and_downloads_it(page: Page) -> None:
    sign_in(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    page.locator("#console-nav").get_by_role("link", name="Journal").click()
    expect(page).to_have_url(re.compile(r"/console/journal/?$"))
    wait_ready(page)
    page.fill("#action", "auth.sign_in")
    page.click("#log-search")
    export = page.locator("#log-export")
    expect(export).to_have_attribute("href", re.compile(r"action=auth\.sign_in"))
    expect(page.locator("#log")).to_contain_text("auth.sign_in")
    expect(page.locator("#log")).not_to_contain_text("child.record_viewed")
    href = export.get_attribute("href") or ""
    response = page.request.get(href)
    assert response.status == 200
    assert response.body().decode("utf-8-sig").startswith("Date et heure,Auteur")
    _check(page)


def test_outsiders_find_nothing_and_are_sent_away(page: Page) -> None:
    for email, query in (
        (COMMUNE_AGENT_EMAIL, "lea"),
        ("secretariat.boise@example.org", "1000001"),
    ):
        page.context.clear_cookies()
        sign_in(page, email)
        expect(page.locator("#families")).to_be_visible()
        visit(page, "/console/dossiers")
        page.fill("#record-query", query)
        page.click("#record-search")
        expect(page.locator("#record-count")).to_have_text("0 enfant(s) trouvé(s)")
        expect(page.locator("#record-results")).to_have_count(0)
        for admin_page in ("/console/journal", "/console/organisation"):
            page.goto(admin_page)
            expect(page).to_have_url(re.compile(r"/console/?$"))
        page.goto("/console/dossiers/enfant")
        expect(page).to_have_url(re.compile(r"/console/dossiers/?$"))
    page.context.clear_cookies()
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    for staff_page in ("/console/dossiers", "/console/journal", "/console/organisation"):
        page.goto(staff_page)
        expect(page).not_to_have_url(re.compile(r"/console"))


def test_the_admin_adds_a_school_then_renames_it_and_an_empty_code_is_refused(page: Page) -> None:
    sign_in(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    visit(page, "/console/organisation")
    schools = page.locator("#org-schools")
    expect(page.locator("#school-code-0")).to_be_visible()
    page.fill("#school-code-new", "098")
    page.fill("#school-name-new", "École du Lac")
    schools.get_by_role("button", name="Ajouter l’école").click()
    expect(page.locator("#schools-notice")).to_contain_text("École enregistrée.")
    expect(page.locator("#school-list > li")).to_have_count(3)
    count = page.locator("#school-list > li").count()
    names = [page.locator(f"#school-name-{i}").input_value() for i in range(count)]
    assert "École du Lac" in names
    row = names.index("École du Lac")
    page.fill(f"#school-name-{row}", "École primaire du Lac")
    schools.get_by_role("button", name="Enregistrer").nth(row).click()
    expect(page.locator(f"#school-name-{row}")).to_have_value("École primaire du Lac")
    page.fill("#school-code-new", "")
    page.fill("#school-name-new", "Sans code")
    schools.get_by_role("button", name="Ajouter l’école").click()
    expect(page.locator("#school-code-new-error")).to_have_text(
        "Le code de l’école est obligatoire."
    )
    _check(page)
