"""The people of the records and audit tests: who may reach Léa's record, and who may not."""

from __future__ import annotations

from sqlmodel import Session

from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from tests.results_fixtures import child_id, user_id

OTHER_SCHOOL_SECRETARY = "secretariat.boise@example.org"  # Boisé: Thomas's school, not Léa's
# Staff of another organisation, a secretary of another school, and a guardian.
OUTSIDERS = [COMMUNE_AGENT_EMAIL, OTHER_SCHOOL_SECRETARY, PARENT_EMAIL]
INSIDERS = [SECRETARY_EMAIL, ADMIN_EMAIL]


def lea(session: Session) -> int:
    return child_id(session, "Léa")


__all__ = ["child_id", "lea", "user_id"]
