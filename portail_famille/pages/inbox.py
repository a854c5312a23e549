"""Staff's inbox of messages sent with the help form to the schools in their scope."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.counts import count_line
from portail_famille.paths import STAFF_INBOX
from portail_famille.state.inbox import InboxState, MessageView
from portail_famille.state.lang import LangState, t


def _fact(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.el.div(rx.el.dt(label), rx.el.dd(value), class_name="fact")


def _message(message: rx.Var[MessageView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.h2(message.subject, class_name="message-subject"),
        rx.el.span(
            rx.cond(message.handled, t("inbox.handled"), t("inbox.new")),
            class_name=rx.cond(message.handled, "badge", "badge warn"),
        ),
        rx.el.dl(
            _fact(t("inbox.school"), message.school),
            _fact(t("inbox.received"), message.received[LangState.language]),
            _fact(t("inbox.from"), message.sender_name),
            _fact(t("inbox.email"), message.sender_email),
            _fact(t("inbox.phone"), message.sender_phone),
            _fact(t("inbox.child"), message.child_name),
            class_name="facts",
        ),
        rx.el.p(message.body, class_name="message-body"),
        rx.cond(
            ~message.handled,
            rx.el.button(
                t("inbox.mark_handled"),
                type="button",
                aria_label=t("inbox.mark_handled_named", subject=message.subject),
                on_click=InboxState.mark_handled(index),
                class_name="button",
            ),
        ),
        class_name="message-row",
    )


def inbox_page() -> rx.Component:
    return frame(
        console_nav(STAFF_INBOX),
        rx.el.h1(t("inbox.title")),
        rx.el.p(t("inbox.intro"), class_name="muted"),
        rx.cond(
            InboxState.error != "",
            rx.el.p(text_of(InboxState.error, ["inbox.error"]), role="alert", class_name="error"),
        ),
        count_line("inbox.count", InboxState.total, InboxState.messages.length(), "message-count"),
        card(
            rx.cond(
                InboxState.messages.length() > 0,
                rx.el.ul(
                    rx.foreach(InboxState.messages, _message),
                    class_name="message-list",
                    id="messages",
                ),
                rx.el.p(t("inbox.none")),
            ),
        ),
    )
