"""The Planning tile: a month calendar per child and activity that works on a 360 px phone.

Each day is a toggle button (aria-pressed) whose label says the day, its state and its exact
deadline, so it reads right to a screen reader and works from the keyboard.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.paths import FINANCES_PAGE
from portail_famille.state.lang import LangState, t
from portail_famille.state.planning import PlanningState
from portail_famille.state.planning_views import DayCell, TextLine

CSS = """
.cal { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 3px; }
.cal-head { text-align: center; font-size: 0.8rem; font-weight: 700; color: #333; }
.cal-day { font: inherit; min-height: 44px; min-width: 0; padding: 2px; border-radius: 6px;
  border: 1px solid #8a8f98; background: #fff; color: #111; cursor: pointer; display: flex;
  flex-direction: column; align-items: center; justify-content: center; line-height: 1.1; }
.cal-day[data-kind="off"] { background: #eceef1; color: #555; border-color: #d0d4da;
  cursor: default; }
.cal-day[data-kind="closed"] { background: #f4f4f4; border-style: dashed; color: #333; }
.cal-day[aria-pressed="true"] { background: #1d4e89; color: #fff; border-color: #1d4e89;
  font-weight: 700; }
.cal-day[data-changed="true"] { outline: 3px solid #b35c00; outline-offset: -3px; }
.cal-mark { font-size: 0.7rem; }
.cal-blank { min-height: 44px; }
.planning-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
.weekday-boxes { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; border: 0; padding: 0; }
.history li { margin-bottom: 0.5rem; }
"""

WEEKDAY_KEYS = [f"planning.wd.{n}" for n in range(1, 8)]


def _lang(value: Any) -> Any:
    return value[LangState.language]


def _day(cell: rx.Var[DayCell]) -> rx.Component:
    mark = rx.cond(
        cell.absent,
        "A",
        rx.cond(cell.waiting, "…", rx.cond(cell.checked, "✓", rx.cond(cell.full, "×", ""))),
    )
    return rx.cond(
        cell.kind == "blank",
        rx.el.span(class_name="cal-blank", aria_hidden="true"),
        rx.el.button(
            rx.el.span(cell.number),
            rx.el.span(mark, class_name="cal-mark", aria_hidden="true"),
            type="button",
            class_name="cal-day",
            aria_label=_lang(cell.label),
            title=_lang(cell.label),
            aria_pressed=rx.cond(cell.checked, "true", "false"),
            aria_disabled=rx.cond(cell.kind == "off", "true", "false"),
            data_kind=cell.kind,
            data_changed=rx.cond(cell.changed, "true", "false"),
            data_day=cell.number,
            on_click=PlanningState.tap(cell.position),
        ),
    )


def _activity_chips() -> rx.Component:
    def chip(name: rx.Var[str], index: rx.Var[int]) -> rx.Component:
        return rx.el.button(
            name,
            type="button",
            aria_pressed=rx.cond(PlanningState.activity == index, "true", "false"),
            on_click=PlanningState.pick_activity(index),
            class_name="chip",
        )

    return rx.el.div(
        rx.foreach(PlanningState.activities, chip),
        role="group",
        aria_label=t("planning.choose_activity"),
        class_name="chips",
        id="activities",
    )


def _calendar() -> rx.Component:
    return card(
        rx.el.div(
            rx.el.button(
                "‹",
                type="button",
                aria_label=t("planning.previous_month"),
                on_click=PlanningState.shift_month(-1),
                class_name="button",
                id="month-previous",
            ),
            rx.el.h2(_lang(PlanningState.title), id="month-title", aria_live="polite"),
            rx.el.button(
                "›",
                type="button",
                aria_label=t("planning.next_month"),
                on_click=PlanningState.shift_month(1),
                class_name="button",
                id="month-next",
            ),
            class_name="row-actions",
            style={"justifyContent": "space-between", "alignItems": "center"},
        ),
        rx.el.p(t("planning.how"), class_name="hint", id="calendar-help"),
        rx.el.div(
            *[
                rx.el.span(t(key), class_name="cal-head", aria_hidden="true")
                for key in WEEKDAY_KEYS
            ],
            rx.foreach(PlanningState.days, _day),
            class_name="cal",
            role="group",
            aria_labelledby="month-title",
            aria_describedby="calendar-help",
            id="calendar",
        ),
        rx.el.p(_lang(PlanningState.next_deadline), id="next-deadline"),
        rx.el.p(t("planning.legend"), class_name="hint"),
        rx.el.div(
            rx.el.button(
                t("planning.validate", count=PlanningState.changes),
                type="button",
                class_name="button primary",
                disabled=PlanningState.changes == 0,
                on_click=PlanningState.review,
                id="planning-validate",
            ),
            rx.cond(
                PlanningState.changes > 0,
                rx.el.button(
                    t("planning.discard"),
                    type="button",
                    class_name="button",
                    on_click=PlanningState.discard,
                ),
            ),
            class_name="planning-actions",
        ),
        aria_labelledby="month-title",
    )


def _recap_line(line: rx.Var[TextLine]) -> rx.Component:
    return rx.el.li(_lang(line.text))


def _review() -> rx.Component:
    return card(
        rx.el.h2(t("planning.recap_title"), id="recap-title"),
        rx.el.ul(rx.foreach(PlanningState.recap, _recap_line), id="recap"),
        rx.el.div(
            rx.el.button(
                t("planning.confirm"),
                type="button",
                class_name="button primary",
                on_click=PlanningState.confirm,
                id="planning-confirm",
            ),
            rx.el.button(
                t("planning.back"), type="button", class_name="button", on_click=PlanningState.back
            ),
            class_name="planning-actions",
        ),
        aria_labelledby="recap-title",
        id="review",
    )


def _focus_panel() -> rx.Component:
    return card(
        rx.el.h2(t("planning.closed_title"), id="focus-title"),
        rx.el.p(_lang(PlanningState.focus_label), id="focus-label"),
        rx.cond(
            PlanningState.focus_booked,
            rx.cond(
                PlanningState.focus_absent,
                rx.el.p(t("planning.status.absent")),
                rx.fragment(
                    rx.el.p(t("planning.absence_help"), class_name="hint"),
                    rx.el.button(
                        t("planning.declare_absence"),
                        type="button",
                        class_name="button",
                        on_click=PlanningState.declare_absence,
                        id="declare-absence",
                    ),
                ),
            ),
            rx.el.form(
                rx.el.p(t("planning.late.help")),
                text_field(
                    "late_comment",
                    t("planning.late.comment"),
                    "",
                    required=False,
                    max_length=500,
                ),
                rx.el.button(
                    t("planning.late.send"),
                    type="submit",
                    class_name="button primary",
                    id="late-send",
                ),
                on_submit=PlanningState.late_request,
                no_validate=True,
                class_name="form",
            ),
        ),
        rx.el.button(
            t("planning.close"),
            type="button",
            class_name="button",
            on_click=PlanningState.close_focus,
        ),
        aria_labelledby="focus-title",
        id="closed-day",
    )


def _template() -> rx.Component:
    return card(
        rx.el.h2(t("planning.template_title"), id="template-title"),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(t("planning.template_days")),
                *[
                    rx.el.label(
                        rx.el.input(type="checkbox", name=f"wd{n}", id=f"wd{n}"),
                        " ",
                        t(f"planning.wdl.{n}"),
                        html_for=f"wd{n}",
                    )
                    for n in range(1, 6)
                ],
                class_name="weekday-boxes",
            ),
            text_field("repeat_from", t("planning.template_from"), "", type="date"),
            text_field("repeat_to", t("planning.template_to"), "", type="date"),
            rx.el.button(
                t("planning.template_apply"),
                type="submit",
                class_name="button",
                id="template-apply",
            ),
            on_submit=PlanningState.repeat,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="template-title",
    )


def _history_line(line: rx.Var[TextLine]) -> rx.Component:
    return rx.el.li(
        rx.el.span(_lang(line.text)),
        rx.el.br(),
        rx.el.span(_lang(line.detail), class_name="muted"),
    )


def _history() -> rx.Component:
    return card(
        rx.el.h2(t("planning.history_title"), id="history-title"),
        rx.cond(
            PlanningState.history.length() > 0,
            rx.el.ul(
                rx.foreach(PlanningState.history, _history_line),
                class_name="history plain-list",
                id="history",
            ),
            rx.el.p(t("planning.history_none"), id="history"),
        ),
        rx.el.p(t("planning.history_note"), class_name="hint"),
        aria_labelledby="history-title",
    )


def planning_page() -> rx.Component:
    return frame(
        rx.el.style(CSS),
        rx.el.h1(t("planning.title")),
        child_switcher(PlanningState.reload),
        form_notice(PlanningState.notice, kind="success", element_id="planning-notice"),
        form_notice(PlanningState.error, kind="error", element_id="planning-error"),
        rx.cond(
            PlanningState.error != "",
            rx.el.p(rx.el.a(t("planning.settle_link"), href=FINANCES_PAGE), class_name="hint"),
        ),
        rx.cond(
            ~PlanningState.allowed,
            rx.el.p(t("planning.not_allowed"), class_name="notice", id="planning-denied"),
            rx.cond(
                PlanningState.activities.length() == 0,
                rx.el.p(t("planning.no_activity"), class_name="notice", id="planning-none"),
                rx.fragment(
                    _activity_chips(),
                    rx.cond(PlanningState.reviewing, _review(), _calendar()),
                    rx.cond(PlanningState.focus >= 0, _focus_panel()),
                    _history(),
                    _template(),
                ),
            ),
        ),
    )
