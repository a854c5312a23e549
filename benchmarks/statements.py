"""Deposits N statements (one per active child of a school, 15 invoice lines each), then renders
their PDFs on a process pool, and prints the time until all are visible, the PDFs per second and
peak memory (this process and its workers). On a fresh SQLite file unless --database-url is given:

    .venv/bin/python benchmarks/statements.py 1000 --workers 2
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    BillingService,
    BillingSource,
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    Organisation,
    Relationship,
    School,
    SchoolYear,
    UserAccount,
)
from portail_famille.services.demo import SECRETARY_EMAIL, load_demo
from portail_famille.services.invoices import NewLine, create_invoice
from portail_famille.services.statement_batch import _pool, deposit_all, render_all, start_batch

LINES = 15


def _prepare(url: str, count: int) -> tuple[int, int, int]:
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        load_demo(session)
        css = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
        school = session.exec(select(School).where(School.code == "001")).one()
        year = session.exec(
            select(SchoolYear).where(SchoolYear.organisation_id == css.id, SchoolYear.is_current)
        ).one()
        secretary = session.exec(
            select(UserAccount).where(UserAccount.email == SECRETARY_EMAIL)
        ).one()
        assert css.id and school.id and year.id and secretary.id
        service = BillingService(
            organisation_id=css.id,
            school_id=school.id,
            code="BENCH",
            name="Service de garde (banc d'essai)",
            source=BillingSource.DAYCARE,
        )
        session.add(service)
        session.flush()
        assert service.id
        for n in range(count):
            family = Family(organisation_id=css.id, name=f"Famille Banc {n}")
            session.add(family)
            session.flush()
            assert family.id
            guardian = Guardian(
                organisation_id=css.id, family_id=family.id, first_name="Parent", last_name=f"B{n}"
            )
            child = Child(
                organisation_id=css.id,
                first_name="Enfant",
                last_name=f"B{n}",
                birth_date=date(2017, 1, 1),
                file_number=f"8{n:06d}",
            )
            session.add_all([guardian, child])
            session.flush()
            assert guardian.id and child.id
            session.add(
                GuardianChildLink(
                    guardian_id=guardian.id, child_id=child.id, relationship=Relationship.MOTHER
                )
            )
            session.add(
                Enrolment(child_id=child.id, school_id=school.id, school_year_id=year.id, grade="4")
            )
            create_invoice(
                session,
                organisation_id=css.id,
                billing_service_id=service.id,
                family_id=family.id,
                payer_guardian_id=guardian.id,
                label="Novembre 2026",
                lines=[
                    NewLine("Garde régulière", 1500 + day, 1, child.id, date(2026, 11, day + 1))
                    for day in range(LINES)
                ],
                issued_on=date(2026, 11, 30),
                due_on=date(2026, 12, 18),
                origin_key=f"bench:{n}",
            )
        batch_id = start_batch(
            session, user_id=secretary.id, school_id=school.id, billing_service_id=service.id
        )
        session.commit()
    engine.dispose()
    return batch_id, school.id, service.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="statements-bench-")
    url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    print(f"preparing {args.count} children with {LINES} invoice lines each on {url} ...")
    batch_id, _school, _service = _prepare(url, args.count)
    engine = make_engine(url)
    tracemalloc.start()
    started = time.perf_counter()
    deposited = deposit_all(engine, batch_id)
    visible = time.perf_counter() - started
    render_started = time.perf_counter()
    rendered = render_all(engine, batch_id, args.workers)
    render_time = time.perf_counter() - render_started
    total = time.perf_counter() - started
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _pool(args.workers).shutdown()  # the workers' peak is known once they have exited
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"statements deposited:      {deposited}")
    print(f"all visible after:         {visible:.2f} s ({deposited / visible:.0f} statements/s)")
    print(f"PDFs rendered:             {rendered} in {render_time:.1f} s on {args.workers} workers")
    print(
        f"PDFs per second:           {rendered / render_time:.2f} "
        f"({rendered / render_time / args.workers:.2f} per worker, pool start included)"
    )
    print(f"whole batch:               {total:.1f} s ({deposited / total:.2f} statements/s)")
    print(f"peak memory, this process: {own:.0f} MiB RSS, {traced_peak / 2**20:.1f} MiB traced")
    print(f"peak memory, one worker:   {workers:.0f} MiB RSS")


if __name__ == "__main__":
    main()
