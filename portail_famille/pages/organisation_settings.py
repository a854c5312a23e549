"""The admin's organisation screen: contacts ("Nous joindre") and the absence reasons list."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card, field_label
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.pages.schools_card import schools_card
from portail_famille.paths import STAFF_ORGANISATION
from portail_famille.state.lang import t
from portail_famille.state.organisation_settings import (
    OrganisationSettingsState,
    ProviderChoice,
    ReasonView,
)

S = OrganisationSettingsState


def _picker() -> rx.Component:
    return rx.cond(
        S.organisations.length() > 1,
        rx.el.form(
            field_label(t("records_admin.org.choose"), "org-choice"),
            rx.el.select(
                rx.foreach(S.organisations, lambda n, i: rx.el.option(n, value=i.to_string())),
                id="org-choice",
                name="organisation",
                class_name="input",
            ),
            rx.el.button(t("records_admin.org.open"), type="submit", class_name="button"),
            on_submit=S.pick_organisation,
            class_name="form",
        ),
    )


def _contacts() -> rx.Component:
    errors = S.errors
    return card(
        rx.el.h2(t("records_admin.org.contacts"), id="org-contacts-heading"),
        rx.el.p(t("records_admin.org.contacts_hint"), class_name="muted"),
        rx.el.form(
            text_field(
                "email",
                t("records_admin.org.email"),
                errors.get("email", ""),
                type="email",
                required=False,
                default_value=S.email,
                key=S.email,
            ),
            text_field(
                "phone",
                t("records_admin.org.phone"),
                errors.get("phone", ""),
                type="tel",
                required=False,
                default_value=S.phone,
                key=S.phone,
            ),
            text_field(
                "address",
                t("records_admin.org.address"),
                errors.get("address", ""),
                required=False,
                default_value=S.address,
                key=S.address,
            ),
            rx.el.button(
                t("records_admin.org.save"),
                type="submit",
                class_name="button primary",
                id="save-contacts",
            ),
            on_submit=S.save_contacts,
            no_validate=True,
            reset_on_submit=False,
            class_name="form",
        ),
        aria_labelledby="org-contacts-heading",
        id="org-contacts",
    )


def _periods() -> rx.Component:
    errors = S.errors

    def day(name: str, label_key: str) -> rx.Component:
        return text_field(
            name,
            t(label_key),
            errors.get(name, ""),
            type="date",
            required=False,
            default_value=S.periods.get(name, ""),
            key=S.periods.get(name, ""),
        )

    return card(
        rx.el.h2(t("records_admin.org.periods"), id="org-periods-heading"),
        rx.el.p(t("records_admin.org.periods_hint"), class_name="muted"),
        rx.el.form(
            day("reenrolment_opens_on", "records_admin.org.reenrolment_opens_on"),
            day("reenrolment_closes_on", "records_admin.org.reenrolment_closes_on"),
            day("records_confirmation_due_on", "records_admin.org.confirmation_due_on"),
            rx.el.button(
                t("records_admin.org.save_periods"),
                type="submit",
                class_name="button primary",
                id="save-periods",
            ),
            on_submit=S.save_periods,
            no_validate=True,
            reset_on_submit=False,
            class_name="form",
        ),
        aria_labelledby="org-periods-heading",
        id="org-periods",
    )


def _reason(reason: rx.Var[ReasonView], index: rx.Var[int]) -> rx.Component:
    number = (index + 1).to_string()
    return rx.el.li(
        rx.el.form(
            rx.el.input(type="hidden", name="position", value=index.to_string()),
            rx.el.label(
                t("records_admin.org.label_fr_n", n=number),
                html_for="reason-fr-" + number,
                class_name="field-label",
            ),
            rx.el.input(
                id="reason-fr-" + number,
                name="label_fr",
                default_value=reason.label_fr,
                key=reason.label_fr,
                max_length=120,
                class_name="input",
            ),
            rx.el.label(
                t("records_admin.org.label_en_n", n=number),
                html_for="reason-en-" + number,
                class_name="field-label",
            ),
            rx.el.input(
                id="reason-en-" + number,
                name="label_en",
                default_value=reason.label_en,
                key=reason.label_en,
                max_length=120,
                class_name="input",
            ),
            rx.el.div(
                rx.el.button(t("records_admin.org.rename"), type="submit", class_name="button"),
                rx.el.button(
                    t("records_admin.org.up"),
                    type="button",
                    aria_label=t("records_admin.org.up_named", name=reason.label_fr),
                    on_click=S.move_reason(index, -1),
                    class_name="button",
                ),
                rx.el.button(
                    t("records_admin.org.down"),
                    type="button",
                    aria_label=t("records_admin.org.down_named", name=reason.label_fr),
                    on_click=S.move_reason(index, 1),
                    class_name="button",
                ),
                rx.cond(
                    reason.in_use,
                    rx.el.span(t("records_admin.org.in_use"), class_name="badge"),
                    rx.el.button(
                        t("records_admin.org.remove"),
                        type="button",
                        aria_label=t("records_admin.org.remove_named", name=reason.label_fr),
                        on_click=S.remove_reason(index),
                        class_name="button",
                    ),
                ),
                class_name="button-row",
            ),
            on_submit=S.rename_reason,
            reset_on_submit=False,
            class_name="form",
        ),
        class_name="family-row",
    )


def _reasons() -> rx.Component:
    errors = S.errors
    return card(
        rx.el.h2(t("records_admin.org.reasons"), id="org-reasons-heading"),
        rx.cond(
            errors.get("reasons", "") != "",
            rx.el.p(errors.get("reasons", ""), role="alert", class_name="error"),
        ),
        rx.el.ul(rx.foreach(S.reasons, _reason), class_name="plain-list", id="reason-list"),
        rx.el.h3(t("records_admin.org.add_reason")),
        rx.el.form(
            text_field("label_fr", t("records_admin.org.label_fr"), errors.get("label_fr", "")),
            text_field("label_en", t("records_admin.org.label_en"), errors.get("label_en", "")),
            rx.el.button(
                t("records_admin.org.add"), type="submit", class_name="button", id="add-reason"
            ),
            on_submit=S.add_reason,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="org-reasons-heading",
        id="org-reasons",
    )


def _provider(choice: rx.Var[ProviderChoice], index: rx.Var[int]) -> rx.Component:
    field_id = "staff-provider-" + index.to_string()
    return rx.el.div(
        rx.el.input(
            id=field_id,
            name="provider_" + index.to_string(),
            type="checkbox",
            default_checked=choice.allowed,
            key=choice.label + choice.allowed.to_string(),
        ),
        rx.el.label(choice.label, html_for=field_id),
        class_name="checkbox-row",
    )


def _staff_providers() -> rx.Component:
    return card(
        rx.el.h2(t("mfa.providers.title"), id="org-providers-heading"),
        rx.el.p(t("mfa.providers.intro"), class_name="muted"),
        rx.cond(
            S.staff_providers.length() > 0,
            rx.el.form(
                rx.foreach(S.staff_providers, _provider),
                rx.el.button(
                    t("mfa.providers.save"),
                    type="submit",
                    class_name="button primary",
                    id="save-staff-providers",
                ),
                on_submit=S.save_staff_providers,
                reset_on_submit=False,
                class_name="form",
            ),
            rx.el.p(t("mfa.providers.none")),
        ),
        aria_labelledby="org-providers-heading",
        id="org-providers",
    )


def organisation_settings_page() -> rx.Component:
    return frame(
        console_nav(STAFF_ORGANISATION),
        rx.el.h1(t("records_admin.org.title")),
        rx.el.p(S.name, class_name="lead"),
        _picker(),
        form_notice(S.notice, element_id="org-notice"),
        form_notice(S.errors.get("form", ""), kind="error", element_id="org-error"),
        _contacts(),
        schools_card(),
        _periods(),
        _staff_providers(),
        _reasons(),
    )
