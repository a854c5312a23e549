"""The number allocator: counters start where the numbers already given end (migration 0014 and a
new year alike), numbers written without it are stepped over, and a rollback gives a number back."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from alembic.script import ScriptDirectory
from sqlmodel import Session, select

from alembic import command
from portail_famille.db import make_engine
from portail_famille.migrations import alembic_config, upgrade_to_head
from portail_famille.models import Child, Invoice, NumberCounter, Payment
from portail_famille.services.demo import load_demo
from portail_famille.services.numbering import (
    FILE_NUMBERS,
    INVOICES,
    RECEIPTS,
    SERIES,
    next_number,
)
from portail_famille.services.payments import next_receipt_number
from tests.payment_fixtures import new_invoice, record_sample_payments

pytestmark = pytest.mark.db


def _highest_in_data(session: Session) -> dict[tuple[int, str, int], int]:
    found: dict[tuple[int, str, int], int] = {}
    rows = [
        *((RECEIPTS, p.organisation_id, p.receipt_number) for p in session.exec(select(Payment))),
        *((INVOICES, i.organisation_id, i.number) for i in session.exec(select(Invoice))),
        *((FILE_NUMBERS, c.organisation_id, c.file_number) for c in session.exec(select(Child))),
    ]
    for series, organisation_id, number in rows:
        year_in = re.match(r"^\D*(\d{4})-", number)
        year = int(year_in.group(1)) if series.yearly and year_in else 0
        value = series.value_of(year, number)
        if value is not None:
            key = (organisation_id, series.kind, year)
            found[key] = max(found.get(key, series.floor), value)
    return dict(found)


def test_migration_0014_starts_each_counter_at_the_highest_number_already_given(
    empty_database_url: str,
) -> None:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_demo(session)
        record_sample_payments(session)
        session.commit()
    # Data numbered before the counters existed: undo 0014 (whatever precedes it once the
    # branches are chained), then apply it again over that data.
    config = alembic_config(empty_database_url)
    before = ScriptDirectory.from_config(config).get_revision("0014").down_revision
    assert isinstance(before, str)
    command.downgrade(config, before)
    upgrade_to_head(empty_database_url)
    with Session(engine) as session:
        counters = {
            (c.organisation_id, c.kind, c.year): c.value
            for c in session.exec(select(NumberCounter)).all()
        }
        expected = _highest_in_data(session)
        assert counters == expected
        assert {kind for _o, kind, _y in counters} == {s.kind for s in SERIES}
        # The next receipt follows the highest one given, in the same year.
        (org, _kind, year), highest = max(
            (k, v) for k, v in counters.items() if k[1] == RECEIPTS.kind
        )
        when = datetime(year, 6, 1, tzinfo=UTC)
        assert next_receipt_number(session, org, when) == f"R{year}-{highest + 1:06d}"
    engine.dispose()


def test_a_year_without_a_counter_starts_after_the_numbers_already_written(
    session: Session,
) -> None:
    invoice = new_invoice(session, ("Marie", "Tremblay"), ("Léa", "Gagnon"), 1_000)
    org = invoice.organisation_id
    # An import wrote invoice numbers of 2031 directly, without the counter.
    invoice.number = "2031-000041"
    session.add(invoice)
    session.flush()
    assert next_number(session, INVOICES, org, 2031) == "2031-000042"
    assert next_number(session, INVOICES, org, 2031) == "2031-000043"
    # A number written meanwhile without the counter is stepped over, not given twice.
    invoice.number = "2031-000044"
    session.add(invoice)
    session.flush()
    assert next_number(session, INVOICES, org, 2031) == "2031-000045"


def test_a_rolled_back_transaction_gives_its_number_back(session: Session) -> None:
    invoice = new_invoice(session, ("Marie", "Tremblay"), ("Léa", "Gagnon"), 1_000)
    org = invoice.organisation_id
    first = next_number(session, RECEIPTS, org, 2032)
    savepoint = session.begin_nested()
    assert next_number(session, RECEIPTS, org, 2032) == "R2032-000002"
    savepoint.rollback()
    assert (first, next_number(session, RECEIPTS, org, 2032)) == ("R2032-000001", "R2032-000002")


def test_file_numbers_never_reset_and_follow_the_highest_of_the_organisation(
    session: Session,
) -> None:
    child = session.exec(select(Child)).first()
    assert child is not None
    numbers = session.exec(
        select(Child.file_number).where(Child.organisation_id == child.organisation_id)
    ).all()
    highest = max(int(n) for n in numbers if n.isdigit())
    expected = f"{max(highest, 1_000_000) + 1:07d}"
    assert next_number(session, FILE_NUMBERS, child.organisation_id, 2040) == expected
