"""Stripe settings: PORTAIL_ names first, Stripe's plain names too; no card payment without keys."""

import pytest
from sqlmodel import Session

from portail_famille.config import Settings
from portail_famille.services.card_checkout import CardPaymentUnavailable, start_checkout


def test_stripes_own_names_are_read_and_portail_names_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_plain")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_plain")
    monkeypatch.setenv("STRIPE_API_BASE", "http://127.0.0.1:1")
    settings = Settings(_env_file=None)
    assert settings.stripe_secret_key is not None
    assert settings.stripe_secret_key.get_secret_value() == "sk_test_plain"
    assert settings.stripe_api_base == "http://127.0.0.1:1"
    assert settings.card_payment_configured
    monkeypatch.setenv("PORTAIL_STRIPE_SECRET_KEY", "sk_test_prefixed")
    key = Settings(_env_file=None).stripe_secret_key
    assert key is not None and key.get_secret_value() == "sk_test_prefixed"


def test_a_key_without_a_webhook_secret_is_not_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("STRIPE_WEBHOOK_SECRET", "PORTAIL_STRIPE_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAIL_STRIPE_SECRET_KEY", "sk_test_x")
    settings = Settings(_env_file=None)
    assert not settings.card_payment_configured
    with pytest.raises(CardPaymentUnavailable):
        start_checkout(
            Session(),  # never reached: no database work before the keys are checked
            user_id=1,
            invoice_ids=[1],
            attempt="a",
            return_url="http://x",
            language="fr",
            settings=settings,
        )
