"""Staff's messaging page: threads of their scope (unread first), replies, and broadcasts."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice
from portail_famille.components.layout import card
from portail_famille.pages.catalogue_text import text_of
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.message_parts import (
    open_thread_card,
    textarea_field,
    thread_list,
)
from portail_famille.pages.messages import BODY_ERRORS, SUBJECT_ERRORS
from portail_famille.paths import STAFF_THREADS
from portail_famille.state.lang import t
from portail_famille.state.staff_messages import StaffMessagesState as S
from portail_famille.state.staff_messages import TargetRow


def _open_thread() -> rx.Component:
    thread = S.threads[S.opened]
    return open_thread_card(
        S, rx.el.p(thread.counterpart, " · ", thread.child_name, class_name="muted"), BODY_ERRORS
    )


def _target_option(target: rx.Var[TargetRow], index: rx.Var[int]) -> rx.Component:
    return rx.el.option(
        rx.match(
            target.kind,
            ("school", t("console.broadcast.school", name=target.label)),
            ("group", t("console.broadcast.group", name=target.label)),
            t("console.broadcast.activity", name=target.label),
        ),
        value=index.to_string(),
    )


def _broadcast() -> rx.Component:
    return card(
        rx.el.h2(t("console.broadcast.title"), id="broadcast-heading"),
        rx.el.p(t("console.broadcast.intro"), class_name="muted"),
        rx.el.form(
            rx.el.div(
                rx.el.label(
                    t("console.broadcast.target"),
                    html_for="broadcast-target",
                    class_name="field-label",
                ),
                rx.el.select(
                    rx.el.option(t("messages.recipient_placeholder"), value=""),
                    rx.foreach(S.targets, _target_option),
                    id="broadcast-target",
                    name="target",
                    aria_describedby="broadcast-target-error",
                    class_name="input",
                ),
                rx.cond(
                    S.target_error != "",
                    rx.el.p(
                        t("console.broadcast.target_required"),
                        id="broadcast-target-error",
                        class_name="error field-error",
                    ),
                ),
                class_name="field",
            ),
            rx.el.div(
                rx.el.label(
                    t("messages.subject"), html_for="broadcast-subject", class_name="field-label"
                ),
                rx.el.input(
                    id="broadcast-subject",
                    name="subject",
                    max_length=200,
                    aria_describedby="broadcast-subject-error",
                    class_name="input",
                ),
                rx.cond(
                    S.subject_error != "",
                    rx.el.p(
                        text_of(S.subject_error, SUBJECT_ERRORS),
                        id="broadcast-subject-error",
                        class_name="error field-error",
                    ),
                ),
                class_name="field",
            ),
            textarea_field(
                "broadcast-body", "body", t("messages.body"), S.broadcast_body_error, BODY_ERRORS
            ),
            rx.el.button(
                rx.cond(S.sending, t("console.broadcast.sending"), t("console.broadcast.send")),
                type="submit",
                disabled=S.sending,
                class_name="button primary",
                id="send-broadcast",
            ),
            on_submit=S.send_broadcast,
            reset_on_submit=False,
            no_validate=True,
            class_name="form",
        ),
        rx.cond(
            S.reached >= 0,
            rx.el.p(
                t("console.broadcast.done", count=S.reached),
                role="status",
                class_name="notice success",
                id="broadcast-done",
            ),
        ),
        aria_labelledby="broadcast-heading",
    )


def staff_messages_page() -> rx.Component:
    return frame(
        console_nav(STAFF_THREADS),
        rx.el.h1(t("console.threads.title")),
        rx.el.p(t("console.threads.intro"), class_name="muted"),
        form_notice(
            text_of(S.notice, ["messages.sent"]), kind="success", element_id="messages-notice"
        ),
        rx.cond(
            S.notice == "messages.error",
            rx.el.p(t("messages.error"), role="alert", class_name="notice error"),
        ),
        rx.cond(
            S.opened >= 0,
            _open_thread(),
            card(thread_list(S.threads, S.open), aria_label=t("console.threads.title")),
        ),
        _broadcast(),
    )
