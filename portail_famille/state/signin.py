"""The sign-in page. The form posts to /api/auth/signin, which sets the HttpOnly cookie."""

from __future__ import annotations

import reflex as rx

from portail_famille.paths import GUARDIAN_HOME, STAFF_HOME
from portail_famille.state.lang import LangState
from portail_famille.state.second_factor import held_page
from portail_famille.state.session import SessionState
from portail_famille.state.signin_providers import ProviderLink, provider_links

# ?erreur=<code> on the sign-in page -> the catalogue key of the message shown above the form.
SIGN_IN_ERRORS: dict[str, str] = {
    "identifiants": "signin.error",
    "attente": "signin.throttled",
    "oidc_echec": "oidc.error.failed",
    "oidc_non_verifie": "oidc.error.unverified",
    "oidc_inconnu": "oidc.error.unknown",
    "oidc_desactive": "oidc.error.disabled",
    "oidc_personnel": "mfa.oidc_staff_refused",
}


class SignInState(rx.State):
    error: str = ""  # one of SIGN_IN_ERRORS' codes, or ""
    # Providers are configured before the server starts; the page only needs labels and links.
    providers: list[ProviderLink] = provider_links()
    remember: bool = False  # "stay signed in", carried to the provider buttons' links

    @rx.event
    def set_remember(self, checked: bool):
        self.remember = checked is True

    @rx.event
    async def load(self):
        session_state = await self.get_state(SessionState)
        if await session_state._current_user_id() is not None:
            return rx.redirect(STAFF_HOME if session_state.is_staff else GUARDIAN_HOME)
        held = held_page(self.router.headers.cookie)  # signed in, the second factor still due
        if held is not None:
            return rx.redirect(held)
        code = self.router.url.query_parameters.get("erreur", "")
        self.error = code if code in SIGN_IN_ERRORS else ""
        return LangState.apply_html_lang
