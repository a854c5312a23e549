"""'Today' is where the school or town hall is: a Quebec evening is not tomorrow yet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from portail_famille.domain.local_time import local_today
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.demo_requests import CLAIRE_EMAIL
from portail_famille.services.local_time import guardian_today, staff_today
from tests.results_fixtures import user_id

pytestmark = pytest.mark.db

# 20:30 in Montreal on Tuesday 1 December 2026 is already 02:30 on the 2nd in Paris and in UTC.
QUEBEC_EVENING = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)


def test_the_local_date_follows_the_zone_not_the_server() -> None:
    assert local_today("America/Montreal", QUEBEC_EVENING) == date(2026, 12, 1)
    assert local_today("Europe/Paris", QUEBEC_EVENING) == date(2026, 12, 2)
    assert local_today("Not/AZone", QUEBEC_EVENING) == date(2026, 12, 2)  # the default, Paris


def test_a_quebec_secretary_and_a_quebec_family_are_still_on_the_first(session: Session) -> None:
    assert staff_today(session, user_id(session, SECRETARY_EMAIL), QUEBEC_EVENING) == date(
        2026, 12, 1
    )
    assert guardian_today(session, user_id(session, PARENT_EMAIL), QUEBEC_EVENING) == date(
        2026, 12, 1
    )


def test_the_commune_is_already_on_the_second(session: Session) -> None:
    assert staff_today(session, user_id(session, COMMUNE_AGENT_EMAIL), QUEBEC_EVENING) == date(
        2026, 12, 2
    )
    assert guardian_today(session, user_id(session, CLAIRE_EMAIL), QUEBEC_EVENING) == date(
        2026, 12, 2
    )
