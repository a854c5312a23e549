"""The private iCalendar feed: parsed back with icalendar, the guardian's children only."""

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from sqlmodel import Session

from portail_famille.services.access import Forbidden
from portail_famille.services.calendar_feed import build_feed, feed_owner, renew_feed, revoke_feed
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from tests.unit.services.agenda_fixtures import user_id

pytestmark = pytest.mark.db


def test_the_feed_parses_back_with_the_children_calendar_and_work(session: Session) -> None:
    marie = user_id(session, PARENT_EMAIL)
    calendar = Calendar.from_ical(
        build_feed(session, marie, "fr", datetime(2026, 11, 22, 12, tzinfo=UTC))
    )
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "Journée pédagogique" in events
    assert events["Journée pédagogique"].decoded("dtstart") in (date(2026, 12, 4), date(2027, 1, 4))
    assert any(s.startswith("Thomas — Mathématique") for s in events)
    assert "Vacances de Noël" not in events  # the commune's calendar is another family's
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_a_token_finds_its_owner_until_renewed_or_revoked(session: Session) -> None:
    marie = user_id(session, PARENT_EMAIL)
    first = renew_feed(session, marie)
    assert len(first) >= 43  # 256 bits in URL-safe base64
    assert feed_owner(session, first) == marie
    second = renew_feed(session, marie)
    assert feed_owner(session, first) is None
    assert feed_owner(session, second) == marie
    assert revoke_feed(session, marie)
    assert feed_owner(session, second) is None
    assert feed_owner(session, "not-a-token") is None


def test_staff_have_no_feed_to_make(session: Session) -> None:
    with pytest.raises(Forbidden):
        renew_feed(session, user_id(session, SECRETARY_EMAIL))
