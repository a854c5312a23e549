"""The interface language: one var, and `t()` to look up catalogue text on the client.

Every translation is compiled into the page, so switching language is instant: no round trip,
no rebuild. The choice lives in a cookie (anonymous visitors) and on the account (signed in).
"""

from __future__ import annotations

from string import Formatter
from typing import Any

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import DEFAULT_LANGUAGE, LANGUAGES, supported_language
from portail_famille.i18n.catalog import catalog
from portail_famille.services.accounts import set_language


class LangState(rx.State):
    lang: str = rx.Cookie(DEFAULT_LANGUAGE, name="pf_lang", max_age=365 * 24 * 3600)

    @rx.var
    def language(self) -> str:
        """The language, validated: the cookie is whatever the client sent."""
        return supported_language(self.lang)

    @rx.event
    async def switch(self, language: str):
        """Switch language; a signed-in user keeps it on the account."""
        from portail_famille.state.session import SessionState  # session imports this module

        self.lang = supported_language(language)
        user_id = await (await self.get_state(SessionState))._current_user_id()
        if user_id is not None:
            with session_scope() as session:
                set_language(session, user_id, self.lang)
        return self._html_lang_script()

    @rx.event
    def apply_html_lang(self):
        return self._html_lang_script()

    def _html_lang_script(self):
        """Keeps <html lang> right so screen readers pronounce the page in its language."""
        # data-ready tells tests (and nothing else) that the page is live and its state loaded.
        from portail_famille.state.signals import SignalState

        return SignalState.mark_ready(supported_language(self.lang))  # type: ignore[operator]


def _compose(template: str, params: dict[str, Any]) -> Any:
    """`template` with its {placeholders} replaced by vars or values, as one string var."""
    if not params:
        return template
    pieces: list[str] = []
    for literal, field, _spec, _conv in Formatter().parse(template):
        pieces.append(literal)
        if field is not None:
            pieces.append(f"{params[field]}")
    return rx.Var.create("".join(pieces))


def t(key: str, **params: Any) -> Any:
    """The text of `key` in the current language. A key missing from a catalogue fails the build."""
    texts = {language: _compose(catalog(language)[key], params) for language in LANGUAGES}
    result = texts[DEFAULT_LANGUAGE]
    for language in LANGUAGES:
        if language != DEFAULT_LANGUAGE:
            result = rx.cond(LangState.language == language, texts[language], result)
    return result


async def current_language(state: rx.State) -> str:
    """The language of the person behind `state`, for text made on the server (errors, mail)."""
    return supported_language((await state.get_state(LangState)).lang)
