"""The school secretary imports a new student from a phone: dry run, apply, and finds her."""

import re

from playwright.sync_api import FilePayload, Page, expect

from portail_famille.services.demo import ADMIN_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.oneroster_sets import as_zip, package

STUDENTS = "numero_fiche;nom;prenom;date_naissance;ecole;niveau;groupe\n"
STUDENTS += "1000050;Roy;Maëlle;2020-09-12;001;Maternelle 5 ans;M1\n"
GUARDIANS = (
    "nom;prenom;courriel;fiche_enfant;lien\nRoy;Sophie;sophie.roy@example.org;1000050;mère\n"
)


def csv_file(name: str, text: str) -> FilePayload:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode()}


def _import(page: Page, kind: str, name: str, text: str) -> None:
    page.select_option("#import-kind", kind)
    page.set_input_files(
        "#import-upload input[type=file]",
        files=[csv_file(name, text)],
    )
    page.click("#import-check")
    expect(page.locator("#import-summary")).to_contain_text("Essai sans enregistrement")
    page.click("#import-apply")
    expect(page.locator("#import-summary")).to_contain_text("Import enregistré")


def test_the_secretary_imports_a_student_and_sees_her_in_the_family_list(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/imports")
    _import(page, "students", "eleves.csv", STUDENTS)
    expect(page.locator("#import-summary")).to_contain_text("Élèves — créations : 1")
    _import(page, "guardians", "repondants.csv", GUARDIANS)
    visit(page, "/console")
    expect(page.locator("#families")).to_contain_text("Maëlle Roy")


def test_a_broken_file_shows_its_line_numbered_error_and_no_apply_button(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page.locator("#families")).to_be_visible()
    visit(page, "/console/imports")
    page.set_input_files(
        "#import-upload input[type=file]",
        files=[csv_file("eleves.csv", STUDENTS.replace("2020-09-12", "2020-13-12"))],
    )
    page.click("#import-check")
    expect(page.locator("#import-issues")).to_contain_text("eleves.csv, ligne 2")
    expect(page.locator("#import-apply")).to_have_count(0)


def test_the_admin_checks_a_oneroster_package_and_sees_the_new_school_in_the_dry_run(
    page: Page,
) -> None:
    sign_in(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    visit(page, "/console/imports")
    page.select_option("#import-kind", "oneroster")
    archive: FilePayload = {
        "name": "oneroster.zip",
        "mimeType": "application/zip",
        "buffer": as_zip(package()),
    }
    page.set_input_files("#import-upload input[type=file]", files=[archive])
    page.click("#import-check")
    expect(page.locator("#import-summary")).to_contain_text("Essai sans enregistrement")
    expect(page.locator("#import-summary")).to_contain_text("Écoles — créations : 1")
    expect(page.locator("#import-samples")).to_contain_text("099 École primaire de la Rivière")
    broken: FilePayload = {**archive, "buffer": as_zip(package("user_role_case"))}
    page.set_input_files("#import-upload input[type=file]", files=[broken])
    page.click("#import-check")
    expect(page.locator("#import-issues")).to_contain_text("users.csv, ligne 2, colonne role")
    expect(page.locator("#import-apply")).to_have_count(0)
