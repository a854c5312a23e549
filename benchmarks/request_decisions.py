"""Prints how long submitting, queueing and deciding requests take, and how many times a request
raced by several staff members is applied (it must be once). Builds its own demo database:

    .venv/bin/python benchmarks/request_decisions.py --requests 200 --racers 8 --races 20
    PORTAIL_BENCH_DATABASE_URL=postgresql+psycopg2://postgres@127.0.0.1:5432/bench ... (optional)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlmodel import Session, select

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import Child, PickupPerson, UserAccount
from portail_famille.services.demo import ADMIN_EMAIL, SECRETARY_EMAIL, load_demo
from portail_famille.services.request_decisions import AlreadyDecided, approve_whole, queue
from portail_famille.services.requests import submit_request


def _user(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--racers", type=int, default=8)
    parser.add_argument("--races", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = os.environ.get("PORTAIL_BENCH_DATABASE_URL") or f"sqlite:///{folder / 'bench.db'}"
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
        jean = _user(session, "jean.cote@example.org")
        staff = [_user(session, SECRETARY_EMAIL), _user(session, ADMIN_EMAIL)]
        felix = session.exec(select(Child).where(Child.file_number == "1000005")).one().id

    def pickup(name: str) -> int:
        with Session(engine) as session:
            request = submit_request(
                session,
                user_id=jean,
                category="pickup",
                child_id=felix,
                values={"action": "add", "name": name, "relation": "Bench"},
            )
            session.commit()
            return request.id or 0

    started = time.perf_counter()
    ids = [pickup(f"Bench {i}") for i in range(args.requests)]
    submit_ms = (time.perf_counter() - started) * 1000 / args.requests
    with Session(engine) as session:
        started = time.perf_counter()
        shown = queue(session, user_id=staff[0])
        queue_ms = (time.perf_counter() - started) * 1000
    timings = []
    for request_id in ids:
        with Session(engine) as session:
            started = time.perf_counter()
            approve_whole(session, user_id=staff[0], request_id=request_id, expected_version=0)
            session.commit()
            timings.append((time.perf_counter() - started) * 1000)
    print(f"submit: {submit_ms:.1f} ms per request ({args.requests} requests)")
    print(f"queue of {len(shown)} pending requests: {queue_ms:.0f} ms")
    print(
        f"decide + apply + message + mail row: median {statistics.median(timings):.1f} ms, "
        f"p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms"
    )
    applied_counts = []
    for race in range(args.races):
        request_id = pickup(f"Race {race}")
        barrier = threading.Barrier(args.racers)
        applied: list[int] = []

        def approve(
            staff_id: int,
            request_id: int = request_id,
            barrier: threading.Barrier = barrier,
            applied: list[int] = applied,
        ) -> None:
            with Session(engine) as session:
                barrier.wait()
                try:
                    approve_whole(
                        session, user_id=staff_id, request_id=request_id, expected_version=0
                    )
                    session.commit()
                    applied.append(staff_id)
                except AlreadyDecided:
                    session.rollback()

        threads = [
            threading.Thread(target=approve, args=(staff[i % 2],)) for i in range(args.racers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with Session(engine) as session:
            people = session.exec(
                select(PickupPerson).where(PickupPerson.name == f"Race {race}")
            ).all()
        applied_counts.append((len(applied), len(people)))
    once = sum(1 for decided, people in applied_counts if decided == 1 and people == 1)
    print(f"races of {args.racers} approvals at once: applied exactly once in {once}/{args.races}")
    engine.dispose()


if __name__ == "__main__":
    main()
