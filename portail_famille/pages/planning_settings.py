"""The console's activity settings screen."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.forms import field_error, form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.models import ActivityKind
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import STAFF_PLANNING
from portail_famille.state.lang import t
from portail_famille.state.planning_settings import PlanningSettingsState as S


def _choice(
    field_id: str, label: Any, current: Any, options: list[tuple[str, str]]
) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.select(
            *[rx.el.option(t(key), value=value) for value, key in options],
            id=field_id,
            name=field_id,
            default_value=current,
            aria_describedby=f"{field_id}-error",
            class_name="input",
        ),
        field_error(field_id, S.errors.get(field_id, "")),
        class_name="field",
    )


def _textarea(field_id: str, label: Any, hint: Any, value: Any) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=field_id, class_name="field-label"),
        rx.el.p(hint, id=f"{field_id}-hint", class_name="hint"),
        rx.el.textarea(
            id=field_id,
            name=field_id,
            default_value=value,
            rows=4,
            aria_describedby=f"{field_id}-hint {field_id}-error",
            aria_invalid=rx.cond(S.errors.get(field_id, "") != "", "true", "false"),
            class_name="input",
        ),
        field_error(field_id, S.errors.get(field_id, "")),
        class_name="field",
    )


def _activity_form() -> rx.Component:
    weekdays = [(str(n), f"planning.wdl.{n}") for n in range(1, 8)]
    return rx.el.form(
        text_field(
            "capacity",
            t("planning.settings.capacity"),
            S.errors.get("capacity", ""),
            default_value=S.capacity,
            required=False,
            input_mode="numeric",
        ),
        rx.el.fieldset(
            rx.el.legend(t("planning.settings.weekdays")),
            *[
                rx.el.label(
                    rx.el.input(
                        type="checkbox",
                        name=f"day{n}",
                        id=f"day{n}",
                        default_checked=S.weekdays.contains(n),
                    ),
                    " ",
                    t(key),
                    html_for=f"day{n}",
                )
                for n, (_v, key) in enumerate(weekdays, 1)
            ],
            field_error("weekdays", S.errors.get("weekdays", "")),
            class_name="weekday-boxes",
        ),
        _choice(
            "cutoff_kind",
            t("planning.settings.cutoff_kind"),
            S.cutoff_kind,
            [
                ("weekly", "planning.settings.kind.weekly"),
                ("days_before", "planning.settings.kind.days_before"),
            ],
        ),
        _choice(
            "cutoff_weekday", t("planning.settings.cutoff_weekday"), S.cutoff_weekday, weekdays
        ),
        text_field(
            "cutoff_days",
            t("planning.settings.cutoff_days"),
            S.errors.get("cutoff_days", ""),
            default_value=S.cutoff_days,
            input_mode="numeric",
        ),
        text_field(
            "cutoff_time",
            t("planning.settings.cutoff_time"),
            S.errors.get("cutoff_time", ""),
            type="time",
            default_value=S.cutoff_time,
        ),
        _textarea(
            "rates", t("planning.settings.rates"), t("planning.settings.rates_hint"), S.rates
        ),
        _textarea(
            "periods",
            t("planning.settings.periods"),
            t("planning.settings.periods_hint"),
            S.periods,
        ),
        select_field(
            "service",
            t("planning.settings.service"),
            S.errors.get("service", ""),
            S.services,
            t("planning.settings.no_service"),
        ),
        rx.el.button(
            t("planning.settings.save"),
            type="submit",
            class_name="button primary",
            id="save-activity",
        ),
        on_submit=S.save,
        no_validate=True,
        class_name="form",
        key=S.version,
    )


def _rules_form() -> rx.Component:
    return rx.el.form(
        _choice(
            "policy",
            t("planning.settings.policy"),
            S.policy,
            [
                ("free", "planning.settings.policy.free"),
                ("prepaid", "planning.settings.policy.prepaid"),
                ("balance_limit", "planning.settings.policy.balance_limit"),
            ],
        ),
        text_field(
            "threshold",
            t("planning.settings.threshold"),
            S.errors.get("threshold", ""),
            default_value=S.threshold,
            required=False,
        ),
        _choice(
            "absence_billing",
            t("planning.settings.absence_billing"),
            S.absence_billing,
            [
                ("unjustified", "planning.settings.absence.unjustified"),
                ("none", "planning.settings.absence.none"),
            ],
        ),
        text_field(
            "history_hidden",
            t("planning.settings.history_hidden"),
            S.errors.get("history_hidden", ""),
            default_value=S.history_hidden,
            hint=t("planning.settings.history_hidden_hint"),
        ),
        rx.el.button(
            t("planning.settings.save"), type="submit", class_name="button", id="save-rules"
        ),
        on_submit=S.save_rules,
        no_validate=True,
        class_name="form",
        key=S.version,
    )


def _create_form() -> rx.Component:
    kinds = [(k.value, f"planning.activity_kind.{k.value}") for k in ActivityKind]
    return card(
        rx.el.h2(t("planning.settings.new_title"), id="new-activity-title"),
        rx.el.form(
            text_field("new_name", t("planning.settings.new_name"), S.errors.get("new_name", "")),
            _choice("new_kind", t("planning.settings.new_kind"), kinds[0][0], kinds),
            rx.el.button(t("planning.settings.create"), type="submit", class_name="button"),
            on_submit=S.create,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
            id="new-activity",
        ),
        aria_labelledby="new-activity-title",
    )


def planning_settings_page() -> rx.Component:
    return frame(
        console_nav(STAFF_PLANNING),
        rx.el.h1(t("planning.settings.title")),
        rx.el.p(rx.el.a(t("planning.console.title"), href=STAFF_PLANNING)),
        form_notice(S.notice, kind="success", element_id="settings-notice"),
        rx.el.form(
            select_field(
                "activity",
                t("planning.console.activity"),
                "",
                S.activities,
                t("planning.console.choose_activity"),
            ),
            rx.el.button(t("planning.console.show"), type="submit", class_name="button"),
            on_submit=S.pick,
            no_validate=True,
            class_name="form",
        ),
        card(
            rx.el.h2(
                rx.cond(S.activities.length() > 0, S.activities[S.activity], ""),
                id="activity-title",
            ),
            _activity_form(),
            aria_labelledby="activity-title",
        ),
        rx.cond(S.can_create, _create_form()),
        rx.cond(
            S.rules_allowed,
            card(
                rx.el.h2(t("planning.settings.rules_title"), id="rules-title"),
                _rules_form(),
                aria_labelledby="rules-title",
            ),
        ),
    )
