from pathlib import Path

import pytest
from pydantic import ValidationError

from portail_famille.config import Settings


def test_defaults_run_with_no_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PORTAIL_DATABASE_URL", "PORTAIL_ENV", "PORTAIL_PORT", "PORTAIL_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url.startswith("sqlite:///")
    assert settings.base_url == "http://localhost:3000"
    assert settings.smtp_url is None
    assert settings.default_locale == "fr"


def test_production_refuses_the_default_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAIL_ENV", "production")
    monkeypatch.delenv("PORTAIL_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="PORTAIL_SECRET_KEY"):
        Settings(_env_file=None)
    monkeypatch.setenv("PORTAIL_SECRET_KEY", "short")
    with pytest.raises(ValidationError, match="PORTAIL_SECRET_KEY"):
        Settings(_env_file=None)


def test_a_secret_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x" * 48 + "\n")
    monkeypatch.setenv("PORTAIL_ENV", "production")
    monkeypatch.delenv("PORTAIL_SECRET_KEY", raising=False)
    monkeypatch.setenv("PORTAIL_SECRET_KEY_FILE", str(secret))
    assert Settings(_env_file=None).secret_key.get_secret_value() == "x" * 48


def test_base_url_follows_the_port(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTAIL_BASE_URL", raising=False)
    monkeypatch.setenv("PORTAIL_PORT", "8080")
    assert Settings(_env_file=None).base_url == "http://localhost:8080"
    monkeypatch.setenv("PORTAIL_BASE_URL", "https://famille.example.org/")
    settings = Settings(_env_file=None)
    assert settings.base_url == "https://famille.example.org"
    assert settings.secure_cookies
