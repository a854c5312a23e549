"""The Absences tile and the console's Absences screen at 360 px."""

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from portail_famille.domain.local_time import local_today
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit
from tests.e2e.test_accessibility import _check
from tests.smtp import Mailbox


def test_a_parent_declares_an_absence_with_errors_first(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    visit(page, "/famille/absences")
    page.get_by_role("button", name="Léa").click()
    expect(page.locator("#absences")).to_contain_text("Motivée")
    page.fill("#starts_on", (local_today("America/Montreal") - timedelta(days=3)).isoformat())
    page.click("#declare-submit")
    expect(page.locator("#starts_on-error")).to_contain_text("passée")
    expect(page.locator("#reason-error")).to_be_visible()
    _check(page)
    coming = local_today("America/Montreal") + timedelta(days=10)
    page.fill("#starts_on", coming.isoformat())
    page.select_option("#kind", "late_arrival")
    page.fill("#at_time", "12:30")
    page.select_option("#reason", "other")
    page.fill("#reason_text", "Rendez-vous chez l'orthodontiste")
    page.click("#declare-submit")
    expect(page.locator("#absences-notice")).to_have_text("Absence transmise à l'école.")
    expect(page.locator("#absences")).to_contain_text("orthodontiste")
    expect(page.locator("#absences")).to_contain_text("Arrivera en retard, vers 12:30")


def test_a_double_tap_on_declare_files_one_absence(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    visit(page, "/famille/absences")
    page.get_by_role("button", name="Léa").click()
    expect(page.locator("#absences")).to_contain_text("Motivée")
    page.fill("#starts_on", (local_today("America/Montreal") + timedelta(days=12)).isoformat())
    page.select_option("#kind", "full_day")
    page.select_option("#reason", "other")
    page.fill("#reason_text", "Tournoi de hockey (double tape)")
    page.dblclick("#declare-submit")  # two submits of the same form, as fast as a thumb
    expect(page.locator("#absences-notice")).to_have_text("Absence transmise à l'école.")
    rows = page.locator("#absences .absence-row", has_text="double tape")
    expect(rows).to_have_count(1)
    page.reload()
    page.get_by_role("button", name="Léa").click()
    expect(page.locator("#absences")).to_contain_text("double tape")
    expect(rows).to_have_count(1)


def test_a_parent_justifies_what_the_school_recorded(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    visit(page, "/famille/absences")
    page.get_by_role("button", name="Thomas").click()
    page.locator("#absences").get_by_role("button", name=re.compile("^Motiver")).first.click()
    page.select_option("#justify_reason", index=1)
    page.click("#justify-submit")
    expect(page.locator("#absences-notice")).to_have_text("Absence motivée. Merci.")
    _check(page)


def test_the_erables_secretary_records_one_and_marks_it_justified(
    page: Page, smtp_mailbox: Mailbox
) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    page.locator("#console-nav").get_by_role("link", name="Absences").click()
    expect(page).to_have_url(re.compile(r"/console/absences/?$"))
    expect(page.locator("#pupil")).to_contain_text("Léa Gagnon")
    options = page.locator("#pupil option").all_text_contents()
    assert not [o for o in options if "Thomas" in o or "Jade" in o]
    page.select_option("#pupil", label=next(o for o in options if "Léa Gagnon" in o))
    page.click("#record-submit")
    expect(page.locator("#console-absences-notice")).to_contain_text("Absence inscrite")
    assert "Léa" in smtp_mailbox.text_of_last_to(PARENT_EMAIL)
    listed = page.locator("#day-absences")
    expect(listed).to_contain_text("Léa Gagnon")
    _check(page)
    listed.get_by_role("button", name="Marquer motivée l'absence de Léa Gagnon").first.click()
    expect(page.locator("#console-absences-notice")).to_have_text("Absence marquée motivée.")
