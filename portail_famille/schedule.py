"""Periodic jobs, run by the app's lifespan task until the task queue (Huey) takes them over.

Only one for now: asking Stripe about Checkout Sessions still open after a few minutes, in case
their webhook is late or lost (card_sync.reconcile_open_checkouts). Every backend worker runs the
loop; that is safe, since recording a paid session is idempotent. `portail reconcile-checkouts`
runs one round, for cron.
"""

from __future__ import annotations

import asyncio
import logging

from portail_famille.config import get_settings
from portail_famille.db import session_scope
from portail_famille.models.base import utcnow
from portail_famille.services.card_checkout import stripe_client
from portail_famille.services.card_sync import CheckResult, reconcile_open_checkouts

RECONCILE_EVERY_SECONDS = 120
_log = logging.getLogger(__name__)


def reconcile_now() -> list[CheckResult]:
    """One round: every open checkout older than a few minutes, checked with Stripe."""
    if not get_settings().card_payment_configured:
        return []
    client = stripe_client()
    with session_scope() as session:
        return reconcile_open_checkouts(session, client, utcnow())


async def reconcile_forever() -> None:
    """The lifespan task: a round every two minutes, off the event loop; errors are logged."""
    while True:
        await asyncio.sleep(RECONCILE_EVERY_SECONDS)
        try:
            settled = await asyncio.to_thread(reconcile_now)
        except Exception:
            _log.exception("checking open card checkouts with Stripe failed")
            continue
        if settled:
            _log.info("checked %d open card checkouts with Stripe", len(settled))
