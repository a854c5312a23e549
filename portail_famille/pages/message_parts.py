"""Pieces of the message pages that families and staff share: threads, messages, attachments."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import field_error
from portail_famille.components.layout import card
from portail_famille.components.submission import submission_token
from portail_famille.pages.catalogue_text import text_of
from portail_famille.state.lang import LangState, t
from portail_famille.state.message_views import ATTACHMENT_ERRORS, MessageRow, ThreadRow

UPLOAD_ID = "attachment"


def thread_list(threads: Any, on_open: Any) -> rx.Component:
    def row(thread: rx.Var[ThreadRow], index: rx.Var[int]) -> rx.Component:
        return rx.el.li(
            rx.el.button(
                rx.el.span(thread.subject, class_name="thread-subject"),
                rx.el.span(thread.counterpart, class_name="muted"),
                rx.cond(
                    thread.child_name != "",
                    rx.el.span(t("messages.child", name=thread.child_name), class_name="muted"),
                ),
                rx.el.span(
                    t("messages.last", date=thread.last[LangState.language]), class_name="muted"
                ),
                rx.cond(
                    thread.unread > 0,
                    rx.el.span(
                        t("messages.unread_badge", count=thread.unread), class_name="badge warn"
                    ),
                ),
                type="button",
                on_click=on_open(index),
                class_name="thread-button",
            ),
            class_name="thread-row",
        )

    return rx.cond(
        threads.length() > 0,
        rx.el.ul(rx.foreach(threads, row), class_name="thread-list", id="threads"),
        rx.el.p(t("messages.none"), id="no-threads"),
    )


def message_list(messages: Any) -> rx.Component:
    def item(message: rx.Var[MessageRow]) -> rx.Component:
        return rx.el.li(
            rx.el.p(rx.el.strong(message.author), class_name="message-author"),
            rx.el.p(
                t("messages.sent_at", date=message.sent[LangState.language]), class_name="muted"
            ),
            rx.el.p(message.body, class_name="message-body"),
            rx.foreach(
                message.attachments,
                lambda a: rx.el.p(
                    rx.el.a(a.name, href=a.href, download=a.name, class_name="attachment-link")
                ),
            ),
            class_name=rx.cond(message.from_staff, "message staff", "message family"),
        )

    return rx.el.ol(rx.foreach(messages, item), class_name="message-thread", id="thread-messages")


def attachment_picker(pending: Any, error: Any, on_upload: Any, on_remove: Any) -> rx.Component:
    """A file chooser that uploads at once; the server keeps only real PDF, JPEG and PNG files."""
    return rx.el.div(
        # The label wraps the dropzone so its hidden file input has a name for screen readers.
        rx.el.label(
            rx.el.span(t("messages.attachments"), class_name="field-label"),
            rx.upload(
                rx.el.span(t("messages.attach"), class_name="button"),
                id=UPLOAD_ID,
                multiple=True,
                on_drop=on_upload(rx.upload_files(upload_id=UPLOAD_ID)),
                class_name="upload",
            ),
        ),
        field_error("attachment", text_of(error, ATTACHMENT_ERRORS)),
        rx.cond(
            pending.length() > 0,
            rx.el.ul(
                rx.foreach(
                    pending,
                    lambda name, index: rx.el.li(
                        name,
                        " ",
                        rx.el.button(
                            "×",
                            type="button",
                            aria_label=t("messages.remove_named", name=name),
                            on_click=on_remove(index),
                            class_name="link-button",
                        ),
                    ),
                ),
                aria_label=t("messages.attached"),
                id="pending-attachments",
            ),
        ),
        class_name="field",
    )


def textarea_field(
    field_id: str, name: str, label: Any, error: Any, keys: list[str]
) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.textarea(
            id=field_id,
            name=name,
            rows=5,
            max_length=5000,
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, text_of(error, keys)),
        class_name="field",
    )


def open_thread_card(state: Any, subtitle: rx.Component, body_errors: list[str]) -> rx.Component:
    """The open thread with its reply form: `state` is a screen built on state.thread_view."""
    thread = state.threads[state.opened]
    return card(
        rx.el.h2(thread.subject, id="thread-heading"),
        subtitle,
        message_list(state.messages),
        rx.el.form(
            textarea_field(
                "reply-body", "body", t("messages.reply_label"), state.body_error, body_errors
            ),
            attachment_picker(
                state.pending_names, state.attachment_error, state.upload, state.remove_attachment
            ),
            submission_token(state.form_nonce),
            rx.el.button(
                t("messages.reply"), type="submit", class_name="button primary", id="send-reply"
            ),
            on_submit=state.send_reply,
            reset_on_submit=False,
            no_validate=True,
            class_name="form",
        ),
        rx.el.button(
            t("messages.back"),
            type="button",
            on_click=state.close,
            class_name="button",
            id="back-to-inbox",
        ),
        aria_labelledby="thread-heading",
        id="thread",
    )
