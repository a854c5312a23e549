"""The school secretary imports a new student from a phone: dry run, apply, and finds her."""

from playwright.sync_api import FilePayload, Page, expect

from portail_famille.services.demo import SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit

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
