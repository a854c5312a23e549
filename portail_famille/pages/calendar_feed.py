"""The settings section that makes, replaces or turns off the private iCalendar address."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice
from portail_famille.components.layout import card
from portail_famille.state.calendar_feed import CalendarFeedState
from portail_famille.state.lang import LangState, t


def calendar_feed_section() -> rx.Component:
    state = CalendarFeedState
    return rx.cond(
        state.offered,
        card(
            rx.el.h2(t("feed.title"), id="calendar-feed-title"),
            rx.el.p(t("feed.intro"), class_name="muted"),
            rx.cond(
                state.active,
                rx.el.p(
                    t("feed.active", date=state.since.to(dict)[LangState.language]),
                    id="feed-status",
                ),
                rx.el.p(t("feed.none"), id="feed-status"),
            ),
            rx.cond(
                state.address != "",
                rx.el.div(
                    rx.el.label(
                        t("feed.address"), html_for="feed-address", class_name="field-label"
                    ),
                    rx.el.input(
                        id="feed-address", value=state.address, read_only=True, class_name="input"
                    ),
                    rx.el.p(t("feed.copy_hint"), class_name="hint"),
                    class_name="field",
                ),
            ),
            rx.el.div(
                rx.el.button(
                    rx.cond(state.active, t("feed.renew"), t("feed.create")),
                    type="button",
                    on_click=CalendarFeedState.renew,
                    class_name="button",
                    id="feed-renew",
                ),
                rx.cond(
                    state.active,
                    rx.el.button(
                        t("feed.revoke"),
                        type="button",
                        on_click=CalendarFeedState.revoke,
                        class_name="button",
                        id="feed-revoke",
                    ),
                ),
                class_name="row-actions",
            ),
            form_notice(state.notice, element_id="feed-notice"),
            aria_labelledby="calendar-feed-title",
            id="calendar-feed",
        ),
    )
