from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api

pytestmark = pytest.mark.db


def test_healthz_answers_200_when_the_database_answers(portal_env: None) -> None:
    response = TestClient(create_api()).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(
    point_portal_at: Callable[[str], None],
) -> None:
    point_portal_at("postgresql+psycopg2://nobody@127.0.0.1:1/none?connect_timeout=2")
    response = TestClient(create_api()).get("/healthz")
    assert response.status_code == 503
