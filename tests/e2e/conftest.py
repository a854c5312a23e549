"""The production build served by `reflex run --env prod`, in Debian's Chromium at 360×740."""

from __future__ import annotations

import itertools
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from sqlmodel import Session

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.services.demo import ADMIN_EMAIL, DEMO_PASSWORD, load_demo
from tests.oidc_provider import MockProvider, mock_provider
from tests.second_factor import current_code_for
from tests.smtp import Mailbox, free_port, smtp_server
from tests.stripe_server import SECRET_KEY, StripeServer, stripe_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE: ViewportSize = {"width": 360, "height": 740}
# One documentation-range address per browser context (RFC 5737), as if each were a household.
_ADDRESSES = (f"198.51.{n // 250}.{n % 250 + 1}" for n in itertools.count())
START_TIMEOUT = 600  # a cold build on a 2-core machine
PORTAL_DATABASE: dict[str, str] = {}  # the running portal's database, for the second factor


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _server_env(database_url: str, port: int, extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env.update(
        PORTAIL_DATABASE_URL=database_url,
        PORTAIL_PORT=str(port),
        PORTAIL_BASE_URL=f"http://localhost:{port}",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    env.setdefault("REFLEX_DIR", str(ROOT / ".tools" / "reflex"))
    env.setdefault("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/")
    env["PATH"] = f"{ROOT / '.tools' / 'npm' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def _wait_for_health(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal stopped while starting:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the portal did not start in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def smtp_mailbox() -> Iterator[Mailbox]:
    """A real SMTP server on loopback that the portal under test sends its mail to."""
    with smtp_server() as (url, mailbox):
        mailbox.url = url
        yield mailbox


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[MockProvider]:
    """A real OpenID Connect provider on loopback that the portal under test offers as "test"."""
    with mock_provider(require_client_registration=False) as provider:
        yield provider


@pytest.fixture(scope="session")
def loopback_stripe() -> Iterator[StripeServer]:
    """A Stripe-compatible server on loopback; tests set its webhook_url to the portal's."""
    with stripe_server() as server:
        yield server


@pytest.fixture(scope="session")
def server_env_extra(
    smtp_mailbox: Mailbox, oidc_provider: MockProvider, loopback_stripe: StripeServer
) -> dict[str, str]:
    """Settings of the portal under test that point it at the test's own peers."""
    return {
        "PORTAIL_STRIPE_SECRET_KEY": SECRET_KEY,
        "PORTAIL_STRIPE_WEBHOOK_SECRET": loopback_stripe.webhook_secret,
        "PORTAIL_STRIPE_API_BASE": loopback_stripe.url,
        "PORTAIL_SMTP_URL": smtp_mailbox.url,
        # Each test's browser is its own family's address (X-Forwarded-For, believed from the
        # loopback "proxy"): throttles per address then count one test's requests, not the run's.
        "PORTAIL_TRUSTED_PROXIES": "127.0.0.1,::1",
        "PORTAIL_OIDC_TEST_ISSUER": oidc_provider.issuer,
        "PORTAIL_OIDC_TEST_CLIENT_ID": "portail-e2e",
        "PORTAIL_OIDC_TEST_CLIENT_SECRET": "e2e-client-secret",
        "PORTAIL_OIDC_TEST_LABEL": "Fournisseur test",
    }


@pytest.fixture(scope="session")
def portal_url(
    tmp_path_factory: pytest.TempPathFactory, server_env_extra: dict[str, str]
) -> Iterator[str]:
    """A running portal with the demo data, on a free port; stopped with its whole process group."""
    folder = tmp_path_factory.mktemp("portal")
    database_url = f"sqlite:///{folder / 'portail.db'}"
    upgrade_to_head(database_url)
    engine = make_engine(database_url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    engine.dispose()
    PORTAL_DATABASE["url"] = database_url
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "reflex"), "run", "--env", "prod", "--single-port"],
            cwd=ROOT,
            env=_server_env(database_url, port, server_env_extra),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://localhost:{port}"
    try:
        started = time.monotonic()
        _wait_for_health(url, process, log)
        print(f"\nportal served on {url} after {time.monotonic() - started:.1f} s")
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:  # it had stopped already (a failed start)
            pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, portal_url: str) -> Iterator[Page]:
    """A fresh phone-sized browser context: no cookies from another test, an address of its own."""
    context = browser.new_context(
        viewport=PHONE,
        base_url=portal_url,
        locale="fr-CA",
        extra_http_headers={"X-Forwarded-For": next(_ADDRESSES)},
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def visit(page: Page, path: str) -> None:
    """Opens `path` and waits until the page is live: a click before that would be lost."""
    page.goto(path)
    wait_ready(page)


def wait_ready(page: Page) -> None:
    """Waits for the page's signal that its state is loaded (a selector: the CSP forbids the
    `eval` that a string given to wait_for_function needs)."""
    page.locator("html[data-ready='1']").wait_for(state="attached")


def sign_in(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    visit(page, "/connexion")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("#sign-in-submit")
    if email == ADMIN_EMAIL:  # the demo administrator has an authenticator, as admins must
        give_second_factor(page, email)


def give_second_factor(page: Page, email: str) -> None:
    """The code the demo authenticator shows, typed on the page the password led to."""
    page.wait_for_url(re.compile(r"/connexion/code/?(\?.*)?$"))
    wait_ready(page)
    page.fill("#code", current_code_for(email, PORTAL_DATABASE["url"]))
    page.click("#second-factor-submit")
