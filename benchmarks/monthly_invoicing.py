"""Bills a month of périscolaire for N children (default 1,000) in a temporary SQLite database
(or PORTAIL_BENCH_DATABASE_URL) and prints how long the monthly invoicing takes.

    .venv/bin/python benchmarks/monthly_invoicing.py [N]

Each child is in a family of its own (one in ten in shared custody: two paying households),
registered for morning care and lunch, booked on every running day of March 2027 (about 18
days each, ~36 bookings per child), a few absences justified or not.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, func, select

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    Activity,
    ActivityRegistration,
    Booking,
    Child,
    Family,
    FamilyRecord,
    Guardian,
    GuardianChildLink,
    Invoice,
    Organisation,
    Relationship,
)
from portail_famille.services.demo import load_demo
from portail_famille.services.planning_catalog import running_days
from portail_famille.services.planning_invoicing import bill_month

MONTH = date(2027, 3, 1)


def populate(session: Session, count: int) -> int:
    org = session.exec(select(Organisation).where(Organisation.slug == "saint-aubin")).one()
    assert org.id is not None
    activities = [
        a
        for a in session.exec(select(Activity).where(Activity.organisation_id == org.id)).all()
        if a.name in ("Accueil du matin", "Restauration scolaire")
    ]
    for activity in activities:
        activity.capacity = None  # the benchmark bills; capacity is tested elsewhere
        session.add(activity)
    days = {a.id: running_days(session, a, MONTH, date(2027, 3, 31)) for a in activities}
    bookings = []
    for n in range(count):
        family = Family(organisation_id=org.id, name=f"Famille Bench{n}")
        session.add(family)
        session.flush()
        guardian = Guardian(
            organisation_id=org.id, family_id=family.id or 0, first_name="P", last_name=f"B{n}"
        )
        child = Child(
            organisation_id=org.id,
            first_name=f"Enfant{n}",
            last_name=f"Bench{n}",
            birth_date=date(2018, 1, 1),
            file_number=f"{8000000 + n}",
        )
        session.add_all([guardian, child])
        session.add(FamilyRecord(family_id=family.id or 0, family_quotient=(n * 37) % 1800))
        session.flush()
        payers = [guardian]
        session.add(
            GuardianChildLink(
                guardian_id=guardian.id or 0,
                child_id=child.id or 0,
                relationship=Relationship.MOTHER,
                claimed_at=datetime(2026, 9, 1, tzinfo=UTC),
            )
        )
        if n % 10 == 0:  # shared custody: the other household pays its own days
            other_family = Family(organisation_id=org.id, name=f"Famille Bench{n}b")
            session.add(other_family)
            session.flush()
            other = Guardian(
                organisation_id=org.id,
                family_id=other_family.id or 0,
                first_name="Q",
                last_name=f"B{n}",
            )
            session.add(other)
            session.flush()
            session.add(
                GuardianChildLink(
                    guardian_id=other.id or 0,
                    child_id=child.id or 0,
                    relationship=Relationship.FATHER,
                    shared_custody=True,
                )
            )
            payers.append(other)
        for activity in activities:
            session.add(ActivityRegistration(child_id=child.id or 0, activity_id=activity.id or 0))
            for index, day in enumerate(days[activity.id]):
                payer = payers[(index // 5) % len(payers)]  # alternate weeks in shared custody
                bookings.append(
                    Booking(
                        activity_id=activity.id or 0,
                        child_id=child.id or 0,
                        day=day,
                        family_id=payer.family_id,
                        payer_guardian_id=payer.id or 0,
                        absence_declared=index % 9 == 3,
                        absence_justified=index % 18 == 3,
                    )
                )
    session.add_all(bookings)
    session.flush()
    return org.id


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("PORTAIL_BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'b.db'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        with Session(engine) as session:
            load_demo(session)
            org_id = populate(session, count)
            session.commit()
            bookings = session.exec(select(func.count()).select_from(Booking)).one()
        for run in ("first run", "second run (already billed)"):
            with Session(engine) as session:
                started = time.perf_counter()
                report = bill_month(
                    session, organisation_id=org_id, month=MONTH, issued_on=date(2027, 4, 1)
                )
                session.commit()
                elapsed = time.perf_counter() - started
            print(
                f"{run}: {count} children, {bookings} bookings -> {report.created} invoices "
                f"created, {report.already_billed} already billed, "
                f"{report.total_cents / 100:.2f} EUR, in {elapsed:.2f} s"
            )
        with Session(engine) as session:
            invoices = session.exec(select(func.count()).select_from(Invoice)).one()
        print(f"invoices in the database: {invoices}")
        engine.dispose()


if __name__ == "__main__":
    main()
