"""GET /api/calendar/{token}.ics: the calendar for a live token, 404 for revoked or unknown ones."""

import pytest
from icalendar import Calendar
from sqlmodel import Session
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api
from portail_famille.db import session_scope
from portail_famille.services.calendar_feed import renew_feed, revoke_feed
from portail_famille.services.demo import PARENT_EMAIL
from tests.unit.services.agenda_fixtures import user_id

pytestmark = pytest.mark.db


def test_a_live_token_gets_the_calendar_and_a_revoked_one_404(portal_env: None) -> None:
    with session_scope() as session:
        marie = user_id(session, PARENT_EMAIL)
        token = renew_feed(session, marie)
    client = TestClient(create_api())
    response = client.get(f"/api/calendar/{token}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert "Journée pédagogique" in summaries
    assert not [s for s in summaries if s.startswith("Jade")]
    with session_scope() as session:
        revoke_feed(session, marie)
    assert client.get(f"/api/calendar/{token}.ics").status_code == 404
    assert client.get("/api/calendar/inconnu.ics").status_code == 404


def test_another_token_never_opens_someone_elses_feed(portal_env: None, session: Session) -> None:
    client = TestClient(create_api())
    assert client.get("/api/calendar/" + "A" * 43 + ".ics").status_code == 404
