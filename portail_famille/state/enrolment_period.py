"""The re-enrolment period of the selected child's organisation: open now, or closed."""

from __future__ import annotations

import reflex as rx

from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.enrolment_period import Period, reenrolment_period
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.request_form_views import texts


def period_text(period: Period) -> dict[str, str]:
    """ "from 1 February 2027 to 28 February 2027" in every language; {} when none is set."""
    if period.opens_on is None or period.closes_on is None:
        return {}
    found = {}
    for language in LANGUAGES:
        locale = locale_for(language, period.country)
        found[language] = texts(
            "requests_family.period",
            start=format_day(period.opens_on, locale),
            end=format_day(period.closes_on, locale),
        )[language]
    return found


class EnrolmentPeriodState(rx.State):
    period: dict[str, str] = {}
    period_open: bool = False

    @rx.event
    async def load(self):
        self.period, self.period_open = {}, False
        selection = await (await self.get_state(ChildSelectionState))._selected_child("view")
        if selection is None:
            return
        try:
            with session_scope() as session:
                period = reenrolment_period(session, user_id=selection[0], child_id=selection[1])
        except Forbidden:
            return
        self.period = period_text(period)
        self.period_open = period.is_open()
