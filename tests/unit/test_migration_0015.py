"""Upgrading to 0015 keeps every card payment already set aside for review: each becomes a case."""

import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from alembic import command
from portail_famille.db import make_engine
from portail_famille.migrations import alembic_config, upgrade_to_head
from portail_famille.models import CaseStatus, OverpaymentCase
from portail_famille.services.demo import load_demo

pytestmark = pytest.mark.db


def test_checkouts_set_aside_before_the_upgrade_become_open_cases(empty_database_url: str) -> None:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    command.downgrade(alembic_config(empty_database_url), "0013")
    with engine.begin() as connection:
        guardian = connection.execute(
            text(
                "SELECT id, family_id, organisation_id, user_id FROM guardian"
                " WHERE user_id IS NOT NULL"
            )
        ).first()
        assert guardian is not None
        for key, status in (("kept", "needs_review"), ("paid", "paid")):
            connection.execute(
                text(
                    "INSERT INTO cardcheckout (organisation_id, family_id, payer_guardian_id,"
                    " user_id, idempotency_key, stripe_payment_intent, amount_cents, currency,"
                    " invoice_ids,"
                    " status, created_at) VALUES (:o, :f, :g, :u, :k, :pi, 4200, 'CAD', '[1]', :s,"
                    " CURRENT_TIMESTAMP)"
                ),
                {
                    "o": guardian.organisation_id,
                    "f": guardian.family_id,
                    "g": guardian.id,
                    "u": guardian.user_id,
                    "k": key,
                    "pi": f"pi_{key}",
                    "s": status,
                },
            )
    command.upgrade(alembic_config(empty_database_url), "head")
    with Session(engine) as session:
        cases = session.exec(select(OverpaymentCase)).all()
    engine.dispose()
    assert [(c.amount_cents, c.stripe_payment_intent, c.status) for c in cases] == [
        (4200, "pi_kept", CaseStatus.OPEN)
    ]
