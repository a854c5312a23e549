"""Console: publish news and resources for the organisation; withdraw or put them back online."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.forms import form_notice, text_field
from portail_famille.components.layout import card, field_label
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import STAFF_PUBLICATIONS
from portail_famille.state.lang import LangState, t
from portail_famille.state.publications import PublicationRow, PublicationsState


def _row(row: rx.Var[PublicationRow], on_toggle) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(row.title), " · ", row.organisation),
        rx.el.p(
            rx.cond(row.online, t("publications.online"), t("publications.withdrawn")),
            rx.cond(row.published_on[LangState.language] != "", " · ", ""),
            row.published_on[LangState.language],
            class_name="muted",
        ),
        rx.el.button(
            rx.cond(
                row.online,
                t("publications.withdraw_named", title=row.title),
                t("publications.republish_named", title=row.title),
            ),
            type="button",
            on_click=on_toggle,
            class_name="button",
        ),
        class_name="address-row",
    )


def _news_form() -> rx.Component:
    errors = PublicationsState.errors
    return card(
        rx.el.h2(t("publications.news_form"), id="news-form-title"),
        rx.el.form(
            text_field(
                "news_title",
                t("publications.news_title"),
                errors.get("news_title", ""),
                max_length=200,
            ),
            field_label(t("publications.news_body"), "news_body"),
            rx.el.textarea(
                id="news_body",
                name="news_body",
                rows=5,
                max_length=5000,
                aria_invalid=rx.cond(errors.get("news_body", "") != "", "true", "false"),
                aria_describedby="news_body-error",
                class_name="input",
            ),
            rx.cond(
                errors.get("news_body", "") != "",
                rx.el.p(
                    errors.get("news_body", ""),
                    id="news_body-error",
                    class_name="error field-error",
                ),
            ),
            rx.el.div(
                rx.el.input(id="news_public", name="news_public", type="checkbox", value="on"),
                rx.el.label(t("publications.news_public"), html_for="news_public"),
                class_name="checkbox-row",
            ),
            rx.el.button(
                t("publications.publish"),
                type="submit",
                class_name="button primary",
                id="publish-news",
            ),
            on_submit=PublicationsState.publish_news,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="news-form-title",
    )


def _resource_form() -> rx.Component:
    errors = PublicationsState.errors
    return card(
        rx.el.h2(t("publications.resource_form"), id="resource-form-title"),
        rx.el.form(
            text_field(
                "resource_title",
                t("publications.news_title"),
                errors.get("resource_title", ""),
                max_length=200,
            ),
            text_field(
                "resource_url",
                t("publications.resource_url"),
                errors.get("resource_url", ""),
                type="url",
                max_length=500,
            ),
            field_label(t("publications.resource_text"), "resource_text"),
            rx.el.textarea(
                id="resource_text",
                name="resource_text",
                rows=3,
                max_length=5000,
                class_name="input",
            ),
            rx.el.button(
                t("publications.publish"), type="submit", class_name="button", id="add-resource"
            ),
            on_submit=PublicationsState.add_resource,
            reset_on_submit=True,
            no_validate=True,
            class_name="form",
        ),
        aria_labelledby="resource-form-title",
    )


def publications_page() -> rx.Component:
    return frame(
        console_nav(STAFF_PUBLICATIONS),
        rx.el.h1(t("publications.title")),
        form_notice(PublicationsState.notice, element_id="publications-notice"),
        _news_form(),
        _resource_form(),
        card(
            rx.el.h2(t("publications.news_list")),
            rx.el.ul(
                rx.foreach(
                    PublicationsState.news,
                    lambda row, i: _row(row, PublicationsState.toggle_news(i)),
                ),
                class_name="plain-list",
                id="news-list",
            ),
        ),
        card(
            rx.el.h2(t("publications.resource_list")),
            rx.el.ul(
                rx.foreach(
                    PublicationsState.resources,
                    lambda row, i: _row(row, PublicationsState.toggle_resource(i)),
                ),
                class_name="plain-list",
                id="resource-list",
            ),
        ),
    )
