"""Several runs of the same month at once (two clerks, a double click, a scheduled run): each day
is billed by exactly one invoice line, each later day by exactly one supplementary invoice, each
cancellation credited once. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from portail_famille.models import BilledDay, Guardian, Invoice
from portail_famille.services.bookings import apply_changes, guardian_actor
from portail_famille.services.planning_invoicing import InvoicingReport, bill_month
from tests.planning_fixtures import NOW, family_with_child, small_activity

pytestmark = pytest.mark.db

DECEMBER = date(2026, 12, 1)
FAMILIES = 5
PRICE = 300


def _setup(engine: Engine) -> tuple[int, int, list[tuple[int, int]]]:
    with Session(engine, expire_on_commit=False) as session:
        activity = small_activity(session, 30)
        people = [family_with_child(session, activity, f"Mois{n}") for n in range(FAMILIES)]
        session.flush()
        for user, child in people:
            _change(session, activity.id or 0, user.id or 0, child.id or 0, add=[DECEMBER])
        session.commit()
        return (
            activity.organisation_id,
            activity.id or 0,
            [(u.id or 0, c.id or 0) for u, c in people],
        )


def _change(session: Session, activity_id: int, user_id: int, child_id: int, **days) -> None:
    actor = guardian_actor(session, user_id, child_id)
    apply_changes(session, actor=actor, activity_id=activity_id, now=NOW, **days)


def _runs_at_once(engine: Engine, org_id: int, runs: int) -> list[InvoicingReport]:
    barrier = threading.Barrier(runs)
    reports: list[InvoicingReport] = []
    errors: list[Exception] = []

    def run() -> None:
        try:
            barrier.wait()
            with Session(engine, expire_on_commit=False) as session:
                report = bill_month(
                    session,
                    organisation_id=org_id,
                    month=DECEMBER,
                    issued_on=date(2026, 12, 1),
                    notify=False,
                )
                session.commit()
                reports.append(report)
        except Exception as error:  # reported by the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return reports


def _month(session: Session, org_id: int) -> list[Invoice]:
    return list(
        session.exec(
            select(Invoice).where(
                Invoice.organisation_id == org_id, Invoice.period_start == DECEMBER
            )
        ).all()
    )


@pytest.mark.parametrize("runs", [2, 8])
def test_runs_at_once_issue_each_line_once(engine: Engine, runs: int) -> None:
    org_id, activity_id, people = _setup(engine)
    with Session(engine) as session:
        before = {i.id for i in _month(session, org_id)}

    first = _runs_at_once(engine, org_id, runs)
    assert sorted(r.created for r in first) == [0] * (runs - 1) + [FAMILIES]

    # Each family books one more day and one family cancels its first one; runs at once again.
    with Session(engine) as session:
        for user_id, child_id in people:
            _change(session, activity_id, user_id, child_id, add=[date(2026, 12, 2)])
        _change(session, activity_id, *people[0], remove=[DECEMBER])
        session.commit()
    second = _runs_at_once(engine, org_id, runs)
    assert sorted((r.created, r.credit_notes) for r in second) == [(0, 0)] * (runs - 1) + [
        (FAMILIES, 1)
    ]

    with Session(engine) as session:
        issued = [i for i in _month(session, org_id) if i.id not in before]
        assert len(issued) == 2 * FAMILIES + 1
        assert len({i.number for i in issued}) == len(issued)
        assert sum(i.total_cents for i in issued) == (2 * FAMILIES - 1) * PRICE
        children = [c for _u, c in people]
        standing = session.exec(
            select(BilledDay.child_id, func.count())
            .where(col(BilledDay.child_id).in_(children), col(BilledDay.open_key).is_not(None))
            .group_by(col(BilledDay.child_id))
        ).all()
        assert dict(standing) == {c: 1 if c == people[0][1] else 2 for c in children}
        payers = session.exec(
            select(Guardian.id).where(col(Guardian.user_id).in_([u for u, _c in people]))
        ).all()
        assert {i.payer_guardian_id for i in issued} == set(payers)
