"""The audit CSV route answers the organisation's admins only, with the page's filters."""

import pytest
from starlette.testclient import TestClient

from portail_famille.api.audit_export import AUDIT_CSV_PATH
from portail_famille.api.routes import create_api
from portail_famille.pages.records_admin_routes import register
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from tests.second_factor import finish_second_factor

pytestmark = pytest.mark.db
ORIGIN = {"origin": "http://testserver"}


class _App:
    """Just what `register` touches of a Reflex app."""

    def __init__(self) -> None:
        self.api_transformer = create_api()

    def add_page(self, *_args: object, **_kwargs: object) -> None:
        return None


@pytest.fixture
def client(portal_env: None) -> TestClient:
    app = _App()
    register(app)  # type: ignore[arg-type]
    return TestClient(app.api_transformer, base_url="http://testserver", follow_redirects=False)


def _signed_in(client: TestClient, email: str) -> None:
    response = client.post(
        "/api/auth/signin", data={"email": email, "password": DEMO_PASSWORD}, headers=ORIGIN
    )
    response = finish_second_factor(client, response)
    assert response.status_code == 303


def test_the_admin_downloads_the_log_as_csv(client: TestClient) -> None:
    _signed_in(client, ADMIN_EMAIL)  # the sign-in itself is in the log
    response = client.get(AUDIT_CSV_PATH, params={"action": "auth.sign_in", "staff": "admin"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.startswith("Date et heure,Auteur,Courriel,Rôle,Organisation,Action")
    assert rows and all(",auth.sign_in" in row for row in rows)
    assert any(ADMIN_EMAIL in row for row in rows)


def test_bad_dates_are_refused(client: TestClient) -> None:
    _signed_in(client, ADMIN_EMAIL)
    assert client.get(AUDIT_CSV_PATH, params={"starts_on": "hier"}).status_code == 400


@pytest.mark.parametrize("email", [SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL, PARENT_EMAIL])
def test_everyone_else_gets_403(client: TestClient, email: str) -> None:
    assert client.get(AUDIT_CSV_PATH).status_code == 403
    _signed_in(client, email)
    response = client.get(AUDIT_CSV_PATH)
    assert response.status_code == 403 and response.content == b""
