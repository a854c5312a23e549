"""The "Sign in with <provider>" buttons: plain links, so the server alone handles the flow."""

from __future__ import annotations

import reflex as rx

from portail_famille.state.lang import t
from portail_famille.state.signin import SignInState
from portail_famille.state.signin_providers import ProviderLink


def _button(provider: ProviderLink) -> rx.Component:
    return rx.el.a(
        t("oidc.button", label=provider.label),
        # "Stay signed in" travels through the provider and comes back with the sign-in.
        href=rx.cond(SignInState.remember, provider.url + "?remember=1", provider.url),
        # rx.el.a is React Router's Link: without this the router looks for a page by that name.
        reload_document=True,
        class_name="button provider-sign-in",
    )


def provider_buttons() -> rx.Component:
    """Nothing at all when no provider is configured."""
    return rx.cond(
        SignInState.providers.length() > 0,
        rx.el.div(
            rx.el.p(t("oidc.or"), class_name="muted"),
            rx.foreach(SignInState.providers, _button),
            class_name="form",
            id="sign-in-providers",
        ),
    )
