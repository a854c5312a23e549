"""The Agenda tile: a week or a day of the selected child, on a phone."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.paths import SETTINGS_PAGE
from portail_famille.state.agenda import AgendaRow, AgendaState
from portail_famille.state.lang import LangState, t


def _row(row: rx.Var[AgendaRow]) -> rx.Component:
    return rx.match(
        row.kind,
        ("day", rx.el.li(rx.el.h2(row.day[LangState.language]), class_name="agenda-day")),
        (
            "period",
            rx.el.li(
                rx.el.span(row.time, class_name="agenda-time"),
                rx.el.strong(row.title),
                rx.el.span(row.teacher, " · ", t("agenda.room", room=row.room), class_name="muted"),
                class_name="agenda-item period",
            ),
        ),
        (
            "event",
            rx.el.li(
                rx.el.span(
                    rx.match(
                        row.event_kind,
                        ("pedagogical_day", t("agenda.kind.pedagogical_day")),
                        ("holiday", t("agenda.kind.holiday")),
                        t("agenda.kind.event"),
                    ),
                    class_name="badge",
                ),
                rx.el.strong(row.title),
                class_name="agenda-item event",
            ),
        ),
        (
            "work",
            rx.el.li(
                rx.el.span(t("agenda.work_due"), class_name="badge warn"),
                rx.el.strong(row.teacher, " : ", row.title),
                class_name="agenda-item work",
            ),
        ),
        rx.el.li(t("agenda.nothing"), class_name="agenda-item muted"),
    )


def _toolbar() -> rx.Component:
    def mode(value: str, key: str) -> rx.Component:
        return rx.el.button(
            t(key),
            type="button",
            aria_pressed=rx.cond(AgendaState.mode == value, "true", "false"),
            on_click=AgendaState.show_mode(value),
            class_name="chip",
            id=f"agenda-{value}",
        )

    return rx.el.div(
        rx.el.div(
            mode("week", "agenda.week"),
            mode("day", "agenda.day"),
            role="group",
            aria_label=t("agenda.view"),
            class_name="chips",
        ),
        rx.el.div(
            rx.el.button(
                t("agenda.previous"),
                type="button",
                on_click=AgendaState.move(-1),
                class_name="button",
                id="agenda-previous",
            ),
            rx.el.button(
                t("agenda.today"), type="button", on_click=AgendaState.move(0), class_name="button"
            ),
            rx.el.button(
                t("agenda.next"),
                type="button",
                on_click=AgendaState.move(1),
                class_name="button",
                id="agenda-next",
            ),
            class_name="row-actions",
        ),
        class_name="agenda-toolbar",
    )


def agenda_page() -> rx.Component:
    return frame(
        rx.el.h1(t("agenda.title")),
        child_switcher(AgendaState.load),
        rx.cond(
            AgendaState.enrolled,
            rx.fragment(
                _toolbar(),
                rx.cond(
                    ~AgendaState.has_timetable,
                    rx.el.p(t("agenda.no_timetable"), class_name="muted", id="no-timetable"),
                ),
                card(
                    rx.el.ul(
                        rx.foreach(AgendaState.rows, _row),
                        class_name="plain-list agenda",
                        id="agenda",
                        aria_live="polite",
                    )
                ),
            ),
            rx.el.p(t("agenda.not_enrolled"), class_name="notice"),
        ),
        card(
            rx.el.h2(t("agenda.subscribe"), id="subscribe-title"),
            rx.el.p(t("agenda.subscribe_intro")),
            rx.el.a(t("feed.title"), href=f"{SETTINGS_PAGE}#calendar-feed", class_name="button"),
            aria_labelledby="subscribe-title",
        ),
    )
