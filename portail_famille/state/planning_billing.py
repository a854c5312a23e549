"""The console's monthly invoicing: a preview of the month (families, amounts, totals), then
"Émettre", which issues exactly what was shown. The current or a future month needs the
confirmation box, checked again on the server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.domain.invoices import month_not_over
from portail_famille.domain.money import Money
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, format_money, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.planning_catalog import organisation
from portail_famille.services.planning_invoicing import (
    ConfirmationNeeded,
    PreviewOutdated,
    bill_month_as_staff,
    local_today,
    preview_month_as_staff,
)
from portail_famille.services.planning_preview import InvoicingPreview
from portail_famille.services.planning_staff import staff_activity
from portail_famille.state.lang import current_language
from portail_famille.state.planning_console import PlanningConsoleState
from portail_famille.state.session import SessionState


@dataclass
class PreviewRow:
    family: str
    payer: str
    kind: str
    amount: str
    lines: list[str]


def _parse_month(raw: object) -> date | None:
    try:
        return date.fromisoformat(f"{str(raw).strip()}-01")
    except ValueError:
        return None


class PlanningBillingState(rx.State):
    title: str = ""
    rows: list[PreviewRow] = []
    totals: list[str] = []
    already: str = ""
    shown: bool = False
    needs_confirmation: bool = False
    notice: str = ""
    error: str = ""
    billing: bool = False
    _month: str = ""  # the month previewed, "YYYY-MM": the one "Émettre" issues
    _fingerprint: str = ""

    async def _who(self) -> tuple[int | None, int | None]:
        """The signed-in user and the organisation of the activity chosen on the screen."""
        user_id = await (await self.get_state(SessionState))._current_user_id()
        console = await self.get_state(PlanningConsoleState)
        ids, position = list(console._activity_ids), console.activity
        if user_id is None or not ids or not 0 <= position < len(ids):
            return user_id, None
        with session_scope() as session:
            return user_id, staff_activity(session, user_id, ids[position]).organisation_id

    def _clear(self) -> None:
        self.title, self.rows, self.totals, self.already = "", [], [], ""
        self.shown, self.needs_confirmation, self._month, self._fingerprint = False, False, "", ""

    def _show(self, plan: InvoicingPreview, language: str, country: str, today: date) -> None:
        locale = locale_for(language, country)

        def money(cents: int) -> str:
            return format_money(Money(cents, plan.currency), locale)

        self.title = translate(
            language,
            "planning_billing.preview_title",
            month=format_day(plan.month, locale, "LLLL y"),
        )
        self.rows = [
            PreviewRow(
                family=d.family_name,
                payer=translate(language, "planning_billing.payer", name=d.payer_name),
                kind=translate(language, f"planning_billing.kind.{d.kind}"),
                amount=money(d.total_cents),
                lines=[
                    translate(
                        language,
                        "planning_billing.line",
                        label=line.label,
                        quantity=str(line.quantity),
                        amount=money(line.amount_cents),
                    )
                    for line in d.lines
                ],
            )
            for d in plan.documents
        ]
        self.totals = [
            translate(language, "planning_billing.billed_total", amount=money(plan.billed_cents)),
            translate(
                language, "planning_billing.credited_total", amount=money(plan.credited_cents)
            ),
            translate(language, "planning_billing.net_total", amount=money(plan.total_cents)),
        ]
        self.already = (
            translate(language, "planning_billing.already", count=str(plan.already_billed))
            if plan.already_billed
            else ""
        )
        self.shown = True
        self.needs_confirmation = month_not_over(plan.month, today)
        self._month, self._fingerprint = f"{plan.month:%Y-%m}", plan.fingerprint

    async def _preview(self, month: date, language: str) -> None:
        user_id, org_id = await self._who()
        if user_id is None or org_id is None:
            raise Forbidden
        with session_scope() as session:
            plan = preview_month_as_staff(
                session, user_id=user_id, organisation_id=org_id, month=month
            )
            org = organisation(session, org_id)
            self._show(plan, language, org.country, local_today(org))

    @rx.event
    async def preview(self, form: dict):
        """Shows what billing the month would issue; writes nothing."""
        language = await current_language(self)
        self._clear()
        self.notice, self.error = "", ""
        month = _parse_month(form.get("month", ""))
        if month is None:
            self.error = translate(language, "planning.console.bad_month")
            return
        try:
            await self._preview(month, language)
        except Forbidden:
            self.error = translate(language, "planning.console.bill_forbidden")

    @rx.event(background=True)
    async def issue(self, form: dict):
        """Issues the month previewed, only if it is still what was shown (one action)."""
        async with self:
            language = await current_language(self)
            if self.billing:
                return
            month, expected = _parse_month(self._month), self._fingerprint
            self.billing, self.notice, self.error = True, "", ""
            try:
                user_id, org_id = await self._who()
            except Forbidden:
                user_id = org_id = None
        confirmed = str(form.get("confirm", "")) in {"on", "true"}
        notice = error = ""
        outdated = False
        try:
            if month is None:
                raise LookupError
            if user_id is None or org_id is None:
                raise Forbidden
            with session_scope() as session:
                report = bill_month_as_staff(
                    session,
                    user_id=user_id,
                    organisation_id=org_id,
                    month=month,
                    confirmed=confirmed,
                    expected=expected,
                )
                org = organisation(session, org_id)
                amount = format_money(
                    Money(report.total_cents, org.currency), locale_for(language, org.country)
                )
                notice = translate(
                    language,
                    "planning_billing.issued",
                    invoices=str(report.created),
                    credits=str(report.credit_notes),
                    amount=amount,
                )
        except LookupError:
            error = translate(language, "planning_billing.no_preview")
        except ConfirmationNeeded:
            error = translate(language, "planning_billing.confirm_needed")
        except PreviewOutdated:
            error, outdated = translate(language, "planning_billing.outdated"), True
        except Forbidden:
            error = translate(language, "planning.console.bill_forbidden")
        async with self:
            self.billing, self.notice, self.error = False, notice, error
            if notice:
                self._clear()  # issued: a new preview is asked for the next run
            elif outdated and month is not None:
                await self._preview(month, language)  # what would be issued now, to check again
