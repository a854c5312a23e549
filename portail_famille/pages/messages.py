"""The family's messages page: the inbox, an open thread with its reply, and a new message."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice
from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.pages.message_parts import (
    attachment_picker,
    open_thread_card,
    textarea_field,
    thread_list,
)
from portail_famille.paths import GUARDIAN_HOME
from portail_famille.state.lang import t
from portail_famille.state.messages import MessagesState

BODY_ERRORS = ["messages.body_required", "messages.body_too_long"]
SUBJECT_ERRORS = ["messages.subject_required", "messages.subject_too_long"]


def _attachments() -> rx.Component:
    return attachment_picker(
        MessagesState.pending_names,
        MessagesState.attachment_error,
        MessagesState.upload,
        MessagesState.remove_attachment,
    )


def _open_thread() -> rx.Component:
    thread = MessagesState.threads[MessagesState.opened]
    return open_thread_card(
        MessagesState, rx.el.p(thread.counterpart, class_name="muted"), BODY_ERRORS
    )


def _recipient_select() -> rx.Component:
    return rx.el.div(
        rx.el.label(
            t("messages.recipient"), html_for="message-recipient", class_name="field-label"
        ),
        rx.el.select(
            rx.el.option(t("messages.recipient_placeholder"), value=""),
            rx.foreach(
                MessagesState.recipients,
                lambda name, index: rx.el.option(name, value=index.to_string()),
            ),
            id="message-recipient",
            name="recipient",
            aria_describedby="message-recipient-error",
            class_name="input",
        ),
        rx.cond(
            MessagesState.recipient_error != "",
            rx.el.p(
                t("messages.recipient_required"),
                id="message-recipient-error",
                class_name="error field-error",
            ),
        ),
        class_name="field",
    )


def _new_message() -> rx.Component:
    return card(
        rx.el.h2(t("messages.new"), id="new-message-heading"),
        rx.el.p(t("messages.child_hint"), class_name="muted"),
        child_switcher(MessagesState.load),
        rx.el.form(
            _recipient_select(),
            rx.el.div(
                rx.el.label(
                    t("messages.subject"), html_for="message-subject", class_name="field-label"
                ),
                rx.el.input(
                    id="message-subject",
                    name="subject",
                    max_length=200,
                    aria_describedby="message-subject-error",
                    aria_invalid=rx.cond(MessagesState.subject_error != "", "true", "false"),
                    class_name="input",
                ),
                rx.cond(
                    MessagesState.subject_error != "",
                    rx.el.p(
                        text_of(MessagesState.subject_error, SUBJECT_ERRORS),
                        id="message-subject-error",
                        class_name="error field-error",
                    ),
                ),
                class_name="field",
            ),
            textarea_field(
                "message-body", "body", t("messages.body"), MessagesState.body_error, BODY_ERRORS
            ),
            _attachments(),
            submission_token(MessagesState.form_nonce),
            rx.el.button(
                t("messages.send"), type="submit", class_name="button primary", id="send-message"
            ),
            on_submit=MessagesState.send,
            reset_on_submit=False,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="new-message-heading",
    )


def messages_page() -> rx.Component:
    return frame(
        rx.el.a(t("nav.my_space"), href=GUARDIAN_HOME, class_name="back-link"),
        rx.el.h1(t("messages.title")),
        form_notice(
            text_of(MessagesState.notice, ["messages.sent"]),
            kind="success",
            element_id="messages-notice",
        ),
        rx.cond(
            MessagesState.notice == "messages.error",
            rx.el.p(t("messages.error"), role="alert", class_name="notice error"),
        ),
        rx.cond(
            MessagesState.opened >= 0,
            _open_thread(),
            rx.fragment(
                card(
                    rx.el.h2(t("messages.inbox"), id="inbox-heading"),
                    thread_list(MessagesState.threads, MessagesState.open),
                    aria_labelledby="inbox-heading",
                ),
                _new_message(),
            ),
        ),
    )
