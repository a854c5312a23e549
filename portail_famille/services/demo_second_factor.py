"""The demo administrator's authenticator: administrators must have one (services/second_factor).

The secret is as public as the demo password (README): add it to any authenticator app to sign
in as the demo admin. Demo data only.
"""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import TotpFactor, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services.sealing import seal

DEMO_TOTP_SECRET = "PORTAILFAMILLEDEMOADMINSECRETXYZ"  # noqa: S105  (base32, demo only)


def load_demo_second_factor(session: Session, admin_email: str) -> None:
    admin = session.exec(select(UserAccount).where(UserAccount.email == admin_email)).one()
    assert admin.id is not None
    session.add(
        TotpFactor(user_id=admin.id, secret_sealed=seal(DEMO_TOTP_SECRET), confirmed_at=utcnow())
    )
