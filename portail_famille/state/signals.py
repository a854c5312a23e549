"""What the server asks the page to do (focus a field, load an address, mark the page ready)
without sending it code: the Content-Security-Policy forbids `eval`, which rx.call_script needs.

The server sets plain values here; `page_signals()` renders them as data attributes of one hidden
element and assets/signals.js acts on each new value. A random nonce makes each signal act once,
also across a reload (the state comes back with the tab, the nonce is remembered by the page).
"""

from __future__ import annotations

import secrets

import reflex as rx

from portail_famille.i18n import supported_language
from portail_famille.state.lang import t

SIGNALS_ID = "page-signals"
_MAX_ID = 64


def _same_site_path(url: str) -> bool:
    """An absolute path of this site (a scheme or a second slash would leave it)."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


class SignalState(rx.State):
    lang: str = ""
    ready: str = ""  # a nonce, new at each loaded page
    focus_id: str = ""
    focus_nonce: str = ""
    go_url: str = ""
    go_nonce: str = ""
    ticket: str = ""  # a sign-in ticket to post from this tab (bound to its token)
    ticket_nonce: str = ""
    slowed: str = ""  # set by state/event_limits.py when this tab sent too many events

    @rx.event
    def dismiss_slowed(self):
        self.slowed = ""

    @rx.event
    def mark_ready(self, language: str):
        self.lang, self.ready = supported_language(str(language)), secrets.token_hex(6)

    @rx.event
    def focus(self, element_id: str):
        element_id = str(element_id)[:_MAX_ID]
        if element_id.replace("-", "").replace("_", "").isalnum():
            self.focus_id, self.focus_nonce = element_id, secrets.token_hex(6)

    @rx.event
    def post_ticket(self, ticket: str):
        ticket = str(ticket)[:200]
        if ticket.replace("-", "").replace("_", "").isalnum():
            self.ticket, self.ticket_nonce = ticket, secrets.token_hex(6)

    @rx.event
    def go(self, url: str):
        url = str(url)[:2048]
        if _same_site_path(url):
            self.go_url, self.go_nonce = url, secrets.token_hex(6)


def focus_element(element_id: str):
    """The event that moves focus to the element with this id, once it is on the page."""
    return SignalState.focus(element_id)  # type: ignore[operator]  # rx.event's typing


def post_ticket(ticket: str):
    """Posts the sign-in ticket with this tab's token from a same-origin form (assets/signals.js):
    neither goes in an address; the ticket is bound to the tab's token."""
    return SignalState.post_ticket(ticket)  # type: ignore[operator]


def hard_redirect(url: str):
    """A full page load (not the page router's): needed to reach an API route that sets cookies."""
    return SignalState.go(url)  # type: ignore[operator]


def page_signals() -> rx.Component:
    return rx.fragment(
        rx.cond(
            SignalState.slowed != "",
            rx.el.p(
                t("security.limit.events"),
                rx.el.button(
                    t("security.limit.dismiss"),
                    type="button",
                    on_click=SignalState.dismiss_slowed,
                    class_name="link-button",
                ),
                role="status",
                class_name="notice",
                id="slowed-notice",
            ),
        ),
        _signal_span(),
    )


def _signal_span() -> rx.Component:
    return rx.el.span(
        id=SIGNALS_ID,
        hidden=True,
        custom_attrs={
            "data-lang": SignalState.lang,
            "data-ready": SignalState.ready,
            "data-focus": SignalState.focus_id,
            "data-focus-nonce": SignalState.focus_nonce,
            "data-go": SignalState.go_url,
            "data-go-nonce": SignalState.go_nonce,
            "data-ticket": SignalState.ticket,
            "data-ticket-nonce": SignalState.ticket_nonce,
        },
    )
