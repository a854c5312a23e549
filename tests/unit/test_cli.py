"""The `portail` command on a fresh database."""

from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from portail_famille.cli import main
from portail_famille.config import get_settings
from portail_famille.db import make_engine
from portail_famille.models import StaffMembership, StaffRole, UserAccount
from portail_famille.services.passwords import verify_password

pytestmark = pytest.mark.db


@pytest.fixture
def fresh_env(empty_database_url: str, point_portal_at: Callable[[str], None]) -> str:
    point_portal_at(empty_database_url)
    return empty_database_url


def test_migrate_demo_and_create_admin(
    fresh_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate"]) == 0
    assert main(["demo"]) == 0
    assert main(["demo"]) == 0
    assert "already holds data" in capsys.readouterr().out

    monkeypatch.setenv("PORTAIL_ADMIN_PASSWORD", "short")
    assert main(["create-admin", "chef@example.org", "--organisation", "saint-aubin"]) == 1
    monkeypatch.setenv("PORTAIL_ADMIN_PASSWORD", "a-long-enough-password")
    assert main(["create-admin", "chef@example.org", "--organisation", "nowhere"]) == 1
    assert main(["create-admin", "Chef@Example.org", "--organisation", "saint-aubin"]) == 0

    engine = make_engine(fresh_env)
    with Session(engine) as session:
        user = session.exec(
            select(UserAccount).where(UserAccount.email == "chef@example.org")
        ).one()
        assert verify_password(user.password_hash, "a-long-enough-password")
        roles = session.exec(
            select(StaffMembership).where(StaffMembership.user_id == user.id)
        ).all()
        assert [role.role for role in roles] == [StaffRole.ADMIN]
    engine.dispose()


def test_production_refuses_to_run_with_the_default_secret(
    fresh_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAIL_ENV", "production")
    monkeypatch.delenv("PORTAIL_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    with pytest.raises(ValueError, match="PORTAIL_SECRET_KEY"):
        main(["migrate"])


def test_outbox_prints_a_sealed_code_for_the_demo(
    fresh_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from portail_famille.db import session_scope
    from portail_famille.services.account_settings import request_password_reset
    from portail_famille.services.demo import PARENT_EMAIL

    assert main(["migrate"]) == 0 and main(["demo"]) == 0
    with session_scope() as session:
        request_password_reset(session, PARENT_EMAIL, "fr")
    capsys.readouterr()
    assert main(["outbox", PARENT_EMAIL.upper()]) == 0
    assert "Voici votre code pour choisir un nouveau mot de passe" in capsys.readouterr().out
    assert main(["outbox", "nobody@example.org"]) == 1
