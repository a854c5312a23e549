"""One typed settings object, read from PORTAIL_* environment variables and an optional .env.

A secret may also come from a file named by PORTAIL_<NAME>_FILE (Docker and systemd credentials).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values
from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from portail_famille.domain.client_address import Network, parse_networks

ROOT = Path(__file__).resolve().parent.parent
_log = logging.getLogger(__name__)
DEVELOPMENT_SECRET = "development-only-secret-do-not-use-in-production"  # noqa: S105


class _FileSecretsSource(PydanticBaseSettingsSource):
    """Reads PORTAIL_<NAME>_FILE for each field, so secrets need not sit in the environment."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        path = os.environ.get(f"PORTAIL_{field_name.upper()}_FILE")
        if not path:
            return None, field_name, False
        return Path(path).read_text(encoding="utf-8").strip(), field_name, False

    def __call__(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value is not None:
                values[key] = value
        return values


def _stripe_alias(name: str) -> AliasChoices:
    """PORTAIL_STRIPE_<NAME> first, then Stripe's plain STRIPE_<NAME>."""
    return AliasChoices(
        f"PORTAIL_STRIPE_{name.upper()}", f"STRIPE_{name.upper()}", f"stripe_{name}"
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PORTAIL_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{ROOT / 'portail.db'}"
    port: int = Field(default=3000, ge=1, le=65535)
    # The address families type; defaults to http://localhost:<port>.
    base_url: str = ""
    secret_key: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    smtp_url: str | None = None
    mail_from: str = "Portail Famille <ne-pas-repondre@localhost>"
    default_locale: Literal["fr", "en"] = "fr"
    # Files families and staff send (message attachments); never served from here directly.
    data_dir: Path = ROOT / "var"
    # Card payment (Stripe Checkout). Stripe's own names are accepted too, as its docs use them;
    # without a secret key and a webhook secret, card payment is shown as not available.
    stripe_secret_key: SecretStr | None = Field(
        default=None, validation_alias=_stripe_alias("secret_key")
    )
    stripe_webhook_secret: SecretStr | None = Field(
        default=None, validation_alias=_stripe_alias("webhook_secret")
    )
    # Another Stripe-compatible server (tests on loopback); Stripe itself when empty.
    stripe_api_base: str = Field(default="", validation_alias=_stripe_alias("api_base"))
    # The reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For header
    # is believed; with none, the peer's address is the client's. Throttles key on that address.
    trusted_proxies: str = ""
    # How long an abandoned tab's state stays on the server (in memory, or in Redis).
    tab_state_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # Reflex's upload route refuses a larger body before reading it (documents, photos, imports).
    upload_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _FileSecretsSource(settings_cls),
            dotenv_settings,
        )

    @model_validator(mode="after")
    def _default_base_url(self) -> Settings:
        self.base_url = (self.base_url or f"http://localhost:{self.port}").rstrip("/")
        return self

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        secret = self.secret_key.get_secret_value()
        if self.env == "production" and (secret == DEVELOPMENT_SECRET or len(secret) < 32):
            raise ValueError(
                "PORTAIL_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production (python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self

    @model_validator(mode="after")
    def _trusted_proxies_are_addresses(self) -> Settings:
        try:
            parse_networks(self.trusted_proxies)
        except ValueError as error:
            raise ValueError(f"PORTAIL_TRUSTED_PROXIES: {error}") from None
        return self

    @property
    def trusted_proxy_networks(self) -> list[Network]:
        return parse_networks(self.trusted_proxies)

    @property
    def card_payment_configured(self) -> bool:
        return bool(self.stripe_secret_key and self.stripe_webhook_secret)

    @property
    def secure_cookies(self) -> bool:
        return self.base_url.startswith("https://")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


_OIDC_SETTING = re.compile(r"^PORTAIL_OIDC_([A-Z0-9_]+?)_(ISSUER|CLIENT_ID|CLIENT_SECRET|LABEL)$")


@dataclass(frozen=True)
class OidcProvider:
    """One OpenID Connect provider, from PORTAIL_OIDC_<NAME>_ISSUER, _CLIENT_ID, _CLIENT_SECRET."""

    name: str  # lower-case, as it appears in /api/auth/oidc/<name>/...
    issuer: str
    client_id: str
    client_secret: SecretStr
    label: str


def oidc_providers(environ: Mapping[str, str] | None = None) -> dict[str, OidcProvider]:
    """Every completely configured provider by name; the environment wins over .env."""
    if environ is None:
        env_file = Path(str(Settings.model_config.get("env_file") or ".env"))
        dotenv = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
        environ = {**dotenv, **os.environ}
    found: dict[str, dict[str, str]] = {}
    for key, value in environ.items():
        match = _OIDC_SETTING.match(key)
        if match and value.strip():
            found.setdefault(match[1], {})[match[2]] = value.strip()
    for name in list(found):
        secret_file = environ.get(f"PORTAIL_OIDC_{name}_CLIENT_SECRET_FILE")
        if secret_file and "CLIENT_SECRET" not in found[name]:
            found[name]["CLIENT_SECRET"] = Path(secret_file).read_text(encoding="utf-8").strip()
    providers: dict[str, OidcProvider] = {}
    for name, values in sorted(found.items()):
        missing = {"ISSUER", "CLIENT_ID", "CLIENT_SECRET"} - set(values)
        if missing:
            _log.warning("OpenID Connect provider %s ignored: %s not set", name, sorted(missing))
            continue
        providers[name.lower()] = OidcProvider(
            name=name.lower(),
            issuer=values["ISSUER"].rstrip("/"),
            client_id=values["CLIENT_ID"],
            client_secret=SecretStr(values["CLIENT_SECRET"]),
            label=values.get("LABEL", name.replace("_", " ").title()),
        )
    return providers
