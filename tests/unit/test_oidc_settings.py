"""OpenID Connect providers read from PORTAIL_OIDC_<NAME>_* settings."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from portail_famille.config import oidc_providers

GOOGLE = {
    "PORTAIL_OIDC_GOOGLE_ISSUER": "https://accounts.google.com/",
    "PORTAIL_OIDC_GOOGLE_CLIENT_ID": "id-123",
    "PORTAIL_OIDC_GOOGLE_CLIENT_SECRET": "shh",
}


def test_a_complete_provider_is_read_by_lower_case_name() -> None:
    providers = oidc_providers({**GOOGLE, "PORTAIL_OIDC_GOOGLE_LABEL": "Google"})
    google = providers["google"]
    assert (google.issuer, google.client_id, google.label) == (
        "https://accounts.google.com",
        "id-123",
        "Google",
    )
    assert google.client_secret.get_secret_value() == "shh"
    assert "shh" not in repr(google)


def test_names_may_hold_underscores_and_the_label_defaults_to_the_name() -> None:
    settings = {key.replace("GOOGLE", "CITY_HALL"): value for key, value in GOOGLE.items()}
    assert oidc_providers(settings)["city_hall"].label == "City Hall"


def test_an_incomplete_provider_is_ignored_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    settings = {**GOOGLE, "PORTAIL_OIDC_MICROSOFT_ISSUER": "https://login.example/v2.0"}
    with caplog.at_level(logging.WARNING):
        assert list(oidc_providers(settings)) == ["google"]
    assert "MICROSOFT" in caplog.text and "CLIENT_ID" in caplog.text


def test_the_secret_may_come_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n", encoding="utf-8")
    settings = {k: v for k, v in GOOGLE.items() if not k.endswith("SECRET")}
    settings["PORTAIL_OIDC_GOOGLE_CLIENT_SECRET_FILE"] = str(secret)
    assert oidc_providers(settings)["google"].client_secret.get_secret_value() == "from-a-file"


def test_env_file_and_environment_are_read_the_environment_winning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text(
        "".join(f"{key}={value}\n" for key, value in GOOGLE.items()), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORTAIL_OIDC_GOOGLE_LABEL", "Compte Google")
    google = oidc_providers()["google"]
    assert (google.client_id, google.label) == ("id-123", "Compte Google")
