"""Named demo people for the request tests: who asks, for which child, and who decides."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Child, UserAccount
from portail_famille.services.demo import ADMIN_EMAIL, COMMUNE_AGENT_EMAIL, SECRETARY_EMAIL

JEAN_EMAIL = "jean.cote@example.org"  # Côté family, Mille-Lacs (Chloé, Félix), English
CLAIRE_EMAIL = "claire.martin@example.org"  # Martin family, Saint-Aubin (Jade, Hugo)
BOISE_SECRETARY_EMAIL = "secretariat.boise@example.org"

__all__ = [
    "ADMIN_EMAIL",
    "BOISE_SECRETARY_EMAIL",
    "CLAIRE_EMAIL",
    "COMMUNE_AGENT_EMAIL",
    "JEAN_EMAIL",
    "SECRETARY_EMAIL",
    "child_named",
    "user_id",
]


def user_id(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def child_named(session: Session, first_name: str) -> Child:
    return session.exec(select(Child).where(Child.first_name == first_name)).one()
