"""Prints how long the staff record search and the admin's audit-log search take on an
organisation of N children (default 20,000) with M audit entries (default 200,000), on a fresh
SQLite file (or PORTAIL_BENCH_DATABASE_URL), e.g.:

    .venv/bin/python benchmarks/records_search.py --children 20000 --entries 200000
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date, timedelta

from sqlmodel import Session, select

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    AuditEntry,
    Child,
    Enrolment,
    Organisation,
    School,
    SchoolYear,
    StaffMembership,
    UserAccount,
)
from portail_famille.services.audit_log import LogFilters, search_log
from portail_famille.services.demo import ADMIN_EMAIL, SECRETARY_EMAIL, load_demo
from portail_famille.services.records_search import search_children

FIRST = ["Léa", "Émile", "Chloé", "Félix", "Noah", "Alice", "Zoé", "Jérôme", "Inès", "Gaël"]
LAST = ["Gagnon", "Côté", "Roy", "Bouchard", "Lévesque", "Pelletier", "Bélanger", "Morin"]


def _fill(session: Session, children: int, entries: int) -> None:
    org = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
    school = session.exec(select(School).where(School.code == "001")).one()
    year = session.exec(
        select(SchoolYear).where(SchoolYear.organisation_id == org.id, SchoolYear.is_current)
    ).one()
    secretary = session.exec(select(UserAccount).where(UserAccount.email == SECRETARY_EMAIL)).one()
    assert org.id and school.id and year.id and secretary.id
    rows = [
        Child(
            organisation_id=org.id,
            first_name=FIRST[i % len(FIRST)],
            last_name=f"{LAST[i % len(LAST)]}{i}",
            birth_date=date(2015, 1, 1) + timedelta(days=i % 3000),
            file_number=f"{3000000 + i}",
            permanent_code=f"BEN{i:09d}",
        )
        for i in range(children)
    ]
    session.add_all(rows)
    session.flush()
    session.add_all(
        Enrolment(child_id=c.id, school_id=school.id, school_year_id=year.id, grade="1")  # type: ignore[arg-type]
        for c in rows
    )
    ids = [c.id for c in rows]
    session.add_all(
        AuditEntry(
            action="child.record_viewed",
            actor_user_id=secretary.id,
            organisation_id=org.id,
            object_type="child",
            object_id=ids[i % len(ids)],
            child_id=ids[i % len(ids)],
        )
        for i in range(entries)
    )
    session.commit()


def _time(fn, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took), max(took)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.get("PORTAIL_BENCH_DATABASE_URL")
    folder = tempfile.mkdtemp()
    url = url or f"sqlite:///{folder}/bench.db"
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
        start = time.perf_counter()
        _fill(session, args.children, args.entries)
        print(
            f"filled {args.children} children, {args.entries} entries in "
            f"{time.perf_counter() - start:.1f} s"
        )
        admin = session.exec(select(UserAccount).where(UserAccount.email == ADMIN_EMAIL)).one().id
        secretary = (
            session.exec(select(UserAccount).where(UserAccount.email == SECRETARY_EMAIL)).one().id
        )
        assert session.exec(select(StaffMembership)).first()
        cases = {
            "search 'lea gag' (secretary)": lambda: search_children(
                session, user_id=secretary, query="lea gag"
            ),
            "search file number (secretary)": lambda: search_children(
                session, user_id=secretary, query="3012345"
            ),
            "search permanent code (admin)": lambda: search_children(
                session, user_id=admin, query="ben000012"
            ),
            "audit log, no filter, 200 rows": lambda: search_log(
                session, user_id=admin, filters=LogFilters(), limit=200
            ),
            "audit log, child 'lea gag'": lambda: search_log(
                session, user_id=admin, filters=LogFilters(child="lea gagnon1"), limit=200
            ),
        }
        for name, case in cases.items():
            median, worst = _time(case, args.runs)
            print(f"{name:34s} median {median:8.1f} ms   max {worst:8.1f} ms")
    engine.dispose()


if __name__ == "__main__":
    main()
