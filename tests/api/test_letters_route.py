"""The letters route serves the PDF to staff of the school only."""

import pytest
from starlette.testclient import TestClient

from portail_famille.api.letters import LETTERS_PATH
from portail_famille.api.routes import create_api
from portail_famille.pages.imports import register
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, DEMO_PASSWORD, SECRETARY_EMAIL

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
    assert response.status_code == 303


def test_the_school_secretary_gets_her_school_s_letters_only(client: TestClient) -> None:
    _signed_in(client, SECRETARY_EMAIL)
    response = client.post(LETTERS_PATH, data={"school": "001"}, headers=ORIGIN)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.post(LETTERS_PATH, data={"school": "002"}, headers=ORIGIN).status_code == 404
    assert (
        client.post(LETTERS_PATH, data={"file_number": "1000002"}, headers=ORIGIN).status_code
        == 404
    )


def test_the_commune_and_strangers_get_nothing(client: TestClient) -> None:
    assert client.post(LETTERS_PATH, data={"school": "001"}, headers=ORIGIN).status_code == 403
    _signed_in(client, COMMUNE_AGENT_EMAIL)
    assert client.post(LETTERS_PATH, data={"school": "001"}, headers=ORIGIN).status_code == 404
    other_site = {"origin": "http://evil.example"}
    assert client.post(LETTERS_PATH, data={"school": "M01"}, headers=other_site).status_code == 403
