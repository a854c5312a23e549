"""The console's finance screens, phone first: family balances and accounting exports, the
statements batch with its progress bar, and the attachment consents."""

from __future__ import annotations

import reflex as rx

from portail_famille.api.finance_documents import export_href
from portail_famille.components.forms import form_notice, select_field, text_field
from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.pages.console_nav import console_nav
from portail_famille.paths import STAFF_CONSENTS, STAFF_FINANCES, STAFF_STATEMENTS
from portail_famille.state.finances_console import (
    BalanceRow,
    ConsentState,
    ConsentView,
    FinanceConsoleState,
    StatementBatchState,
)
from portail_famille.state.lang import LangState, t

LANG = LangState.language


def finance_links(current: str) -> rx.Component:
    """The three finance screens, linked from each other."""

    def link(key: str, href: str) -> rx.Component:
        return rx.el.li(
            rx.el.a(t(key), href=href, aria_current="page" if href == current else None)
        )

    return rx.el.nav(
        rx.el.ul(
            link("finances.console.nav", STAFF_FINANCES),
            link("finances.console.nav_statements", STAFF_STATEMENTS),
            link("finances.console.nav_consents", STAFF_CONSENTS),
            class_name="chips",
        ),
        aria_label=t("finances.title"),
    )


def _balance(row: rx.Var[BalanceRow]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.family),
        rx.el.p(row.organisation, class_name="muted"),
        rx.el.p(rx.el.strong(row.owed[LANG])),
        rx.el.p(
            t("finances.console.open_count", count=row.open_invoices, date=row.next_due[LANG]),
            class_name="muted",
        ),
        class_name="document-row",
    )


def finances_console_page() -> rx.Component:
    return frame(
        console_nav(STAFF_FINANCES),
        rx.el.h1(t("finances.console.title")),
        finance_links(STAFF_FINANCES),
        card(
            rx.el.h2(t("finances.console.export"), id="export-heading"),
            rx.el.ul(
                rx.el.li(
                    rx.el.a(t("finances.console.export_invoices"), href=export_href("factures"))
                ),
                rx.el.li(
                    rx.el.a(t("finances.console.export_payments"), href=export_href("paiements"))
                ),
                class_name="plain-list",
            ),
            aria_labelledby="export-heading",
        ),
        card(
            rx.cond(
                FinanceConsoleState.rows.length() > 0,
                rx.el.ul(
                    rx.foreach(FinanceConsoleState.rows, _balance),
                    class_name="plain-list",
                    id="family-balances",
                ),
                rx.el.p(t("finances.console.none"), id="family-balances"),
            ),
        ),
    )


def statements_console_page() -> rx.Component:
    state = StatementBatchState
    return frame(
        console_nav(STAFF_STATEMENTS),
        rx.el.h1(t("finances.batch.title")),
        finance_links(STAFF_STATEMENTS),
        card(
            rx.el.p(t("finances.batch.help"), class_name="muted"),
            rx.el.form(
                select_field(
                    "batch_choice",
                    t("finances.batch.choice"),
                    "",
                    state.choices,
                    t("finances.batch.choice_placeholder"),
                ),
                rx.el.button(
                    t("finances.batch.generate"),
                    type="submit",
                    class_name="button primary",
                    id="batch-submit",
                    disabled=state.busy,
                ),
                on_submit=state.generate,
                no_validate=True,
                class_name="form",
            ),
            rx.cond(
                state.busy | (state.progress > 0),
                rx.el.div(
                    rx.el.label(t("finances.batch.progress"), html_for="batch-progress"),
                    rx.el.progress(value=state.progress, max=100, id="batch-progress"),
                    rx.el.p(
                        t(
                            "finances.batch.counts",
                            deposited=state.deposited,
                            total=state.total,
                            rendered=state.rendered,
                        ),
                        aria_live="polite",
                        id="batch-counts",
                    ),
                    class_name="field",
                ),
            ),
            form_notice(state.notice, element_id="batch-notice"),
        ),
    )


def _consent(row: rx.Var[ConsentView], index: rx.Var[int]) -> rx.Component:
    return rx.el.li(
        rx.el.h3(row.name),
        rx.cond(
            row.consented,
            rx.fragment(
                rx.el.p(
                    t("finances.consent.given", date=row.consented_on[LANG], evidence=row.evidence)
                ),
                rx.el.button(
                    t("finances.consent.withdraw"),
                    type="button",
                    aria_label=t("finances.consent.withdraw_named", name=row.name),
                    on_click=ConsentState.withdraw(index),
                    class_name="button",
                ),
            ),
            rx.el.p(t("finances.consent.none"), class_name="muted"),
        ),
        class_name="document-row",
    )


def consents_console_page() -> rx.Component:
    errors = ConsentState.errors
    return frame(
        console_nav(STAFF_CONSENTS),
        rx.el.h1(t("finances.consent.title")),
        finance_links(STAFF_CONSENTS),
        card(
            rx.el.p(t("finances.consent.help"), class_name="muted"),
            rx.el.form(
                select_field(
                    "consent_guardian",
                    t("finances.consent.guardian"),
                    errors.get("consent_guardian", ""),
                    ConsentState.guardians,
                    t("finances.batch.choice_placeholder"),
                ),
                text_field(
                    "consent_date",
                    t("finances.consent.date"),
                    errors.get("consent_date", ""),
                    type="date",
                ),
                text_field(
                    "consent_evidence",
                    t("finances.consent.evidence"),
                    errors.get("consent_evidence", ""),
                ),
                rx.el.button(
                    t("finances.consent.record"),
                    type="submit",
                    class_name="button primary",
                    id="consent-submit",
                ),
                on_submit=ConsentState.record,
                no_validate=True,
                reset_on_submit=False,
                class_name="form",
            ),
            form_notice(ConsentState.notice, element_id="consent-notice"),
        ),
        card(
            rx.el.ul(
                rx.foreach(ConsentState.rows, _consent), class_name="plain-list", id="consents"
            ),
        ),
    )
