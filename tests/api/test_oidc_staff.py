"""Identity providers and staff: a provider opens the console only where the organisation lists
it, and then only up to the second factor; a key rotated under the same id is picked up at once.

Same setting as test_oidc_routes.py: a real OpenID Connect provider on loopback and a fresh demo.
"""

from __future__ import annotations

import pyotp
import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from portail_famille.models import AuditEntry, ExternalIdentity, StaffMembership, UserAccount
from portail_famille.services import sessions
from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET
from portail_famille.services.staff_providers import set_staff_providers, staff_providers
from tests.api import test_oidc_routes as oidc_routes
from tests.oidc_provider import MockProvider
from tests.second_factor import ORIGIN

pytestmark = pytest.mark.db

# The loopback provider, this module's own fresh demo and the portal's client, as there.
provider = oidc_routes.provider
registered_client = oidc_routes.registered_client
database = oidc_routes.database
db = oidc_routes.db
client = oidc_routes.client
_round_trip = oidc_routes._round_trip
_refused_with = oidc_routes._refused_with
_session_cookie = oidc_routes._session_cookie


def _user(db: Session, email: str) -> UserAccount:
    return db.exec(select(UserAccount).where(UserAccount.email == email)).one()


def _allow(db: Session, email: str, providers: list[str]) -> None:
    """The admin lists `providers` for every organisation `email` works for."""
    admin = _user(db, ADMIN_EMAIL)
    staff = _user(db, email)
    for organisation_id in db.exec(
        select(StaffMembership.organisation_id).where(StaffMembership.user_id == staff.id)
    ).all():
        set_staff_providers(
            db,
            user_id=admin.id,
            organisation_id=organisation_id,
            providers=providers,
            configured=["test"],
        )
    db.commit()


def test_by_default_no_provider_opens_the_console(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    secretary = _user(db, SECRETARY_EMAIL)
    assert all(
        staff_providers(db, m.organisation_id) == []
        for m in db.exec(select(StaffMembership).where(StaffMembership.user_id == secretary.id))
    )
    subject = provider.add_person(SECRETARY_EMAIL, verified=True)
    _refused_with(_round_trip(client, provider, subject), "oidc_personnel")
    # Not joined either: allowing the provider later must still go through a verified e-mail.
    assert (
        db.exec(select(ExternalIdentity).where(ExternalIdentity.subject == subject)).first() is None
    )
    entries = db.exec(select(AuditEntry).where(AuditEntry.action == "auth.oidc_refused")).all()
    assert {"provider": "test", "reason": "staff_provider"} in [e.detail for e in entries]


def test_a_provider_the_organisation_lists_signs_its_staff_in(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    _allow(db, SECRETARY_EMAIL, ["test", "not-configured"])
    try:
        subject = provider.add_person(SECRETARY_EMAIL, verified=True)
        response = _round_trip(client, provider, subject)
        assert response.headers["location"] == "/console"
        user = sessions.user_for_token(db, _session_cookie(response))
        assert user is not None and user.email == SECRETARY_EMAIL
    finally:
        _allow(db, SECRETARY_EMAIL, [])


def test_an_admin_through_an_allowed_provider_still_gives_the_code(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    _allow(db, ADMIN_EMAIL, ["test"])
    try:
        subject = provider.add_person(ADMIN_EMAIL, verified=True)
        response = _round_trip(client, provider, subject)
        assert response.headers["location"] == "/connexion/code"
        assert sessions.user_for_token(db, _session_cookie(response)) is None
        passed = client.post(
            "/api/auth/second-factor",
            data={"code": pyotp.TOTP(DEMO_TOTP_SECRET).now()},
            headers=ORIGIN,
        )
        assert passed.headers["location"] == "/console"
    finally:
        _allow(db, ADMIN_EMAIL, [])


def test_families_are_not_concerned_by_the_staff_list(
    client: TestClient, provider: MockProvider
) -> None:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    assert _round_trip(client, provider, subject).headers["location"] == "/famille"


def test_a_key_rotated_under_the_same_id_is_fetched_again(
    client: TestClient, provider: MockProvider
) -> None:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    assert _round_trip(client, provider, subject).headers["location"] == "/famille"  # cached
    provider.rotate_key()
    again = _round_trip(client, provider, subject)
    assert again.headers["location"] == "/famille"  # no restart needed
    assert _session_cookie(again)
