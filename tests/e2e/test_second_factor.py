"""Staff second factor in the browser: the administrator's code, a secretary's enrolment."""

from __future__ import annotations

import re

import pyotp
from playwright.sync_api import Page, expect
from sqlmodel import col, delete, select

from portail_famille.db import make_engine, session_scope
from portail_famille.models import OrganisationSettings, RecoveryCode, TotpFactor, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services.demo import ADMIN_EMAIL, DEMO_PASSWORD
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET
from portail_famille.services.sealing import seal
from tests.e2e.conftest import PORTAL_DATABASE, give_second_factor, visit, wait_ready
from tests.e2e.test_accessibility import _check as check_accessibility

BOISE_SECRETARY = "secretariat.boise@example.org"


def _password_only(page: Page, email: str) -> None:
    visit(page, "/connexion")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("#sign-in-submit")


def test_the_admin_s_password_alone_opens_no_console_page(page: Page) -> None:
    _password_only(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/connexion/code/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Code de vérification")
    for console_page in ("/console", "/console/journal", "/console/organisation"):
        page.goto(console_page)
        expect(page).to_have_url(re.compile(r"/connexion/code/?$"))  # sent back for the code
    wait_ready(page)
    page.fill("#code", "000000")
    page.click("#second-factor-submit")
    expect(page.locator("#second-factor-error")).to_contain_text("n'est pas valide")
    check_accessibility(page)
    give_second_factor(page, ADMIN_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))


def test_a_secretary_enrols_then_signs_in_with_a_recovery_code(page: Page) -> None:
    try:
        _password_only(page, BOISE_SECRETARY)
        expect(page).to_have_url(re.compile(r"/console/?$"))  # no factor yet: not required
        visit(page, "/parametres")
        page.click("#second-factor-link")
        expect(page).to_have_url(re.compile(r"/parametres/double-authentification/?$"))
        wait_ready(page)
        page.click("#second-factor-start")
        secret = page.locator("#totp-secret").inner_text()
        check_accessibility(page)
        href = page.locator("#otpauth-link").get_attribute("href") or ""
        assert href.startswith("otpauth://totp/") and f"secret={secret}" in href
        page.fill("#code", pyotp.TOTP(secret).now())
        page.click("#second-factor-confirm")
        codes = page.locator("#recovery-codes li")
        expect(codes).to_have_count(10)
        check_accessibility(page)
        first = codes.first.inner_text()
        expect(page.locator("#second-factor-status")).to_be_visible()
        page.context.clear_cookies()
        _password_only(page, BOISE_SECRETARY)
        expect(page).to_have_url(re.compile(r"/connexion/code/?$"))
        wait_ready(page)
        page.fill("#code", first)
        page.click("#second-factor-submit")
        expect(page).to_have_url(re.compile(r"/console/?$"))
    finally:  # other browser tests sign her in with her password alone
        engine = make_engine(PORTAL_DATABASE["url"])
        with session_scope(engine) as session:
            user_id = session.exec(
                select(UserAccount.id).where(UserAccount.email == BOISE_SECRETARY)
            ).one()
            session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
            session.exec(delete(TotpFactor).where(col(TotpFactor.user_id) == user_id))
        engine.dispose()


_ADMIN_ID = select(UserAccount.id).where(UserAccount.email == ADMIN_EMAIL)


def _admin_factor_removed() -> None:
    engine = make_engine(PORTAL_DATABASE["url"])
    with session_scope(engine) as session:
        admin_id = session.exec(
            select(UserAccount.id).where(UserAccount.email == ADMIN_EMAIL)
        ).one()
        session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == admin_id))
        session.exec(delete(TotpFactor).where(col(TotpFactor.user_id) == admin_id))
    engine.dispose()


def _demo_restored() -> None:
    """The demo authenticator back, and no provider listed for staff."""
    _admin_factor_removed()
    engine = make_engine(PORTAL_DATABASE["url"])
    with session_scope(engine) as session:
        admin_id = session.exec(
            select(UserAccount.id).where(UserAccount.email == ADMIN_EMAIL)
        ).one()
        assert admin_id is not None
        session.add(
            TotpFactor(
                user_id=admin_id, secret_sealed=seal(DEMO_TOTP_SECRET), confirmed_at=utcnow()
            )
        )
        for row in session.exec(select(OrganisationSettings)).all():
            row.staff_oidc_providers = []
            session.add(row)
    engine.dispose()


def test_an_admin_without_a_factor_enrols_before_any_console_page(page: Page) -> None:
    _admin_factor_removed()
    try:
        _password_only(page, ADMIN_EMAIL)
        expect(page).to_have_url(re.compile(r"/parametres/double-authentification/?$"))
        expect(page.get_by_role("alert")).to_contain_text("doivent activer")
        page.goto("/console/organisation")
        expect(page).to_have_url(re.compile(r"/parametres/double-authentification/?$"))
        wait_ready(page)
        page.click("#second-factor-start")
        secret = page.locator("#totp-secret").inner_text()
        page.fill("#code", pyotp.TOTP(secret).now())
        page.click("#second-factor-confirm")
        expect(page.locator("#recovery-codes li")).to_have_count(10)
        visit(page, "/console/organisation")
        providers = page.locator("#org-providers")
        expect(providers).to_contain_text("Aucun n'est coché par défaut")
        box = providers.get_by_label("Fournisseur test")
        expect(box).not_to_be_checked()
        box.check()
        page.click("#save-staff-providers")
        expect(page.locator("#org-notice")).to_contain_text("fournisseurs du personnel")
        expect(providers.get_by_label("Fournisseur test")).to_be_checked()
    finally:
        _demo_restored()
