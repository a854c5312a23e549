"""The smoke test, run again with Reflex's state in Redis and several workers (see .ci/run)."""

import os
import re
from typing import cast

import pytest
import redis
from playwright.sync_api import Page, expect

from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.e2e.conftest import sign_in, visit

pytestmark = pytest.mark.smoke


def test_the_parent_signs_in_and_sees_both_children(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes enfants")
    children = page.locator("#children")
    expect(children.get_by_role("button")).to_have_text(["Thomas", "Léa"])
    card = page.locator("#child-card")
    expect(card).to_contain_text("École secondaire du Boisé")
    children.get_by_role("button", name="Léa").click()
    expect(card).to_contain_text("École primaire des Érables")
    expect(card).to_contain_text("4e année")
    expect(children.get_by_role("button", name="Léa")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("main")).not_to_contain_text("Émile")


def test_the_secretary_sees_her_schools_families_and_none_of_the_communes(page: Page) -> None:
    sign_in(page, SECRETARY_EMAIL)
    expect(page).to_have_url(re.compile(r"/console/?$"))
    families = page.locator("#families")
    expect(families).to_contain_text("Famille Tremblay")
    expect(families).to_contain_text("Famille Roy")
    expect(families).not_to_contain_text("Famille Martin")
    expect(families).not_to_contain_text("Saint-Aubin")
    page.fill("#family-query", "roy")
    page.keyboard.press("Enter")
    expect(page.locator(".family-row")).to_have_count(1)
    expect(page.locator("#family-count")).to_have_text("Familles trouvées : 1")


def test_switching_to_english_and_back_is_remembered_for_the_account(page: Page) -> None:
    sign_in(page, "claire.martin@example.org")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Mes enfants")
    page.click("#lang-en")
    expect(heading).to_have_text("My children")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#child-card")).to_contain_text("School year")

    # A new device with no cookie: the account's language comes back at sign-in.
    page.context.clear_cookies()
    sign_in(page, "claire.martin@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("My children")

    page.click("#lang-fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes enfants")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes enfants")


def test_private_pages_send_visitors_to_sign_in(page: Page) -> None:
    visit(page, "/famille")
    expect(page).to_have_url(re.compile(r"/connexion/?$"))
    visit(page, "/console")
    expect(page).to_have_url(re.compile(r"/connexion/?$"))


def test_a_parent_cannot_open_the_console(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    visit(page, "/console")
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    expect(page.locator("body")).not_to_contain_text("Famille Roy")


def test_a_wrong_password_is_told_next_to_the_form(page: Page) -> None:
    sign_in(page, PARENT_EMAIL, "not the password")
    expect(page).to_have_url(re.compile(r"/connexion/?\?erreur=identifiants$"))
    expect(page.get_by_role("alert")).to_have_text("Adresse courriel ou mot de passe incorrect.")


def test_sign_out_ends_the_session(page: Page) -> None:
    sign_in(page, PARENT_EMAIL)
    expect(page).to_have_url(re.compile(r"/famille/?$"))
    page.click("#sign-out")
    expect(page).to_have_url(re.compile(r"/$"))
    visit(page, "/famille")
    expect(page).to_have_url(re.compile(r"/connexion/?$"))


def _keys(client: redis.Redis, pattern: str) -> set[bytes]:
    return set(cast(list[bytes], client.keys(pattern)))


@pytest.mark.skipif(not os.environ.get("REFLEX_REDIS_URL"), reason="run with Redis by .ci/run")
def test_state_lives_in_redis_and_stays_small(page: Page) -> None:
    client = redis.Redis.from_url(os.environ["REFLEX_REDIS_URL"])
    before = _keys(client, "*family_home_state")
    sign_in(page, PARENT_EMAIL)
    expect(page.locator("#child-card")).to_be_visible()
    new_keys = _keys(client, "*family_home_state") - before
    assert len(new_keys) == 1
    token = next(iter(new_keys)).decode().split("_", 1)[0]
    sizes = {key: cast(int, client.strlen(key)) for key in _keys(client, f"{token}_*")}
    total = sum(sizes.values())
    print(f"\nper-user state in Redis: {total} bytes in {len(sizes)} keys")
    assert total < 100_000
