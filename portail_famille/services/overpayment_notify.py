"""Telling the payer how a charge that paid nothing was settled: a message from the service in
the portal's inbox and an e-mail, in the payer's language."""

from __future__ import annotations

import logging

from sqlmodel import Session

from portail_famille.config import get_settings
from portail_famille.domain.money import Money
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_money, locale_for
from portail_famille.models import Guardian, MessageThread, Organisation, OverpaymentCase
from portail_famille.paths import PAYMENTS_PAGE
from portail_famille.services.finance_mail import reader
from portail_famille.services.mail import send_message
from portail_famille.services.messaging import add_message

_log = logging.getLogger(__name__)


def _params(session: Session, case: OverpaymentCase, language: str) -> dict[str, str]:
    organisation = session.get(Organisation, case.organisation_id)
    assert organisation is not None
    return {
        "amount": format_money(
            Money(case.amount_cents, case.currency), locale_for(language, organisation.country)
        ),
        "organisation": organisation.name,
        "link": f"{get_settings().base_url.rstrip('/')}{PAYMENTS_PAGE}",
    }


def tell_case_outcome(session: Session, case: OverpaymentCase, staff_user_id: int) -> bool:
    """A thread from the organisation's service to the payer's account, in the caller's
    transaction; False when the payer has no account to read it."""
    guardian = session.get(Guardian, case.payer_guardian_id)
    who = reader(session, guardian) if guardian is not None else None
    if guardian is None or guardian.user_id is None or who is None:
        return False
    template = f"mail.overpayment_{case.status}"
    params = _params(session, case, who.language)
    thread = MessageThread(
        organisation_id=case.organisation_id,
        school_id=None,
        guardian_user_id=guardian.user_id,
        subject=translate(who.language, f"{template}.subject", **params)[:200],
    )
    session.add(thread)
    session.flush()
    body = translate(who.language, f"{template}.body", **params)
    add_message(session, thread, staff_user_id, True, body, ())
    return True


def mail_case_outcome(session: Session, case: OverpaymentCase) -> None:
    """The e-mail, after the outcome is saved: a mail server down undoes no refund."""
    guardian = session.get(Guardian, case.payer_guardian_id)
    who = reader(session, guardian) if guardian is not None else None
    if who is None:
        return
    try:
        send_message(
            session,
            recipient=who.address,
            template=f"overpayment_{case.status}",
            language=who.language,
            organisation_id=case.organisation_id,
            **_params(session, case, who.language),
        )
        session.commit()
    except Exception:
        session.rollback()
        _log.exception("outcome mail for overpayment case %s not sent", case.id)
