"""The school's statements in one batch: deposits per child, PDFs by a process pool, and a batch
killed in the middle (an exception after N children, or SIGKILL) loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    BillingSource,
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    Relationship,
    Statement,
    StatementBatch,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import SECRETARY_EMAIL
from portail_famille.services.school_years import current_school_year
from portail_famille.services.statement_batch import deposit_all, run_batch, start_batch
from portail_famille.services.statements import active_children
from tests.finance_fixtures import organisation, school
from tests.results_fixtures import user_id

pytestmark = pytest.mark.db


def _service(session: Session) -> tuple[int, int]:
    erables = school(session, "Érables")
    css = organisation(session, "css")
    assert erables.id is not None and css.id is not None
    service = BillingService(
        organisation_id=css.id,
        school_id=erables.id,
        code="T-BATCH",
        name="Frais scolaires",
        source=BillingSource.SCHOOL_FEES,
    )
    session.add(service)
    session.flush()
    assert service.id is not None
    return erables.id, service.id


def _more_children(session: Session, school_id: int, count: int) -> None:
    """Extra active children at the school, each with one guardian, so a batch takes time."""
    css = organisation(session, "css")
    year = current_school_year(session, (school_id and css.id) or 0)
    assert css.id is not None and year is not None and year.id is not None
    for n in range(count):
        family = Family(organisation_id=css.id, name=f"Famille Test {n}")
        session.add(family)
        session.flush()
        assert family.id is not None
        guardian = Guardian(
            organisation_id=css.id, family_id=family.id, first_name="Parent", last_name=f"T{n}"
        )
        child = Child(
            organisation_id=css.id,
            first_name="Enfant",
            last_name=f"T{n}",
            birth_date=date(2017, 1, 1),
            file_number=f"9{n:06d}",
        )
        session.add_all([guardian, child])
        session.flush()
        assert guardian.id is not None and child.id is not None
        session.add(
            GuardianChildLink(
                guardian_id=guardian.id, child_id=child.id, relationship=Relationship.MOTHER
            )
        )
        session.add(
            Enrolment(child_id=child.id, school_id=school_id, school_year_id=year.id, grade="4")
        )


def _setup(engine: Engine, extra: int) -> tuple[int, int, int]:
    with Session(engine, expire_on_commit=False) as session:
        school_id, service_id = _service(session)
        _more_children(session, school_id, extra)
        secretary = user_id(session, SECRETARY_EMAIL)
        session.commit()
    return school_id, service_id, secretary


def _new_batch(engine: Engine, secretary: int, school_id: int, service_id: int) -> int:
    with Session(engine) as session:
        batch_id = start_batch(
            session, user_id=secretary, school_id=school_id, billing_service_id=service_id
        )
        session.commit()
    return batch_id


def _check_every_child_has_one_whole_statement(engine: Engine, school_id: int, service_id: int):
    """Each active child has exactly one current statement of the service, with a whole snapshot
    and either no PDF yet or a whole one; returns the batch ids they come from."""
    with Session(engine) as session:
        year = current_school_year(session, organisation(session, "css").id or 0)
        assert year is not None and year.id is not None
        children = active_children(session, school_id, year.id)
        current = session.exec(
            select(Statement).where(
                Statement.billing_service_id == service_id,
                col(Statement.superseded_at).is_(None),
            )
        ).all()
        per_child: dict[int, list[Statement]] = {}
        for statement in current:
            per_child.setdefault(statement.child_id, []).append(statement)
        # Léa is in shared custody: two shares; every other child: one statement.
        for child_id in children:
            shares = per_child.get(child_id, [])
            assert len(shares) in (1, 2), child_id
            assert len({s.batch_id for s in shares}) == 1
            for statement in shares:
                assert statement.snapshot["child"] and "balance_cents" in statement.snapshot
                if statement.pdf is not None:
                    assert statement.pdf.startswith(b"%PDF") and b"%%EOF" in statement.pdf[-64:]
        return {s.batch_id for s in current}


def test_a_batch_deposits_for_active_children_and_renders_every_pdf(engine: Engine) -> None:
    school_id, service_id, secretary = _setup(engine, extra=3)
    first = _new_batch(engine, secretary, school_id, service_id)
    run_batch(engine, first, workers=2)
    second = _new_batch(engine, secretary, school_id, service_id)
    run_batch(engine, second, workers=2)  # running it again replaces
    assert _check_every_child_has_one_whole_statement(engine, school_id, service_id) == {second}
    with Session(engine) as session:
        batch = session.get(StatementBatch, second)
        assert batch is not None and batch.finished_at is not None
        assert batch.total == 3 + 4 and batch.deposited == 7
        assert batch.rendered == 8  # Léa's two shares
        pdfs = session.exec(select(Statement).where(Statement.batch_id == second)).all()
        assert all(s.pdf for s in pdfs)
        assert all(s.notified_at for s in pdfs if s.superseded_at is None)  # families told
        noah = session.exec(select(Child).where(Child.first_name == "Noah")).one()
        assert noah.id not in {s.child_id for s in pdfs}  # not active this year


def test_an_exception_after_two_children_loses_nothing(engine: Engine) -> None:
    school_id, service_id, secretary = _setup(engine, extra=3)
    old = _new_batch(engine, secretary, school_id, service_id)
    deposit_all(engine, old)

    def crash(done: int, _total: int) -> None:
        if done == 2:
            raise RuntimeError("the server went down")

    new = _new_batch(engine, secretary, school_id, service_id)
    with pytest.raises(RuntimeError):
        run_batch(engine, new, on_deposit=crash)
    assert _check_every_child_has_one_whole_statement(engine, school_id, service_id) == {old, new}
    again = _new_batch(engine, secretary, school_id, service_id)
    deposit_all(engine, again)
    assert _check_every_child_has_one_whole_statement(engine, school_id, service_id) == {again}


def test_a_batch_killed_with_sigkill_midway_loses_nothing(engine: Engine) -> None:
    school_id, service_id, secretary = _setup(engine, extra=150)
    old = _new_batch(engine, secretary, school_id, service_id)
    deposit_all(engine, old)
    new = _new_batch(engine, secretary, school_id, service_id)
    script = (
        "import sys\n"
        "from portail_famille.db import make_engine\n"
        "from portail_famille.services.statement_batch import run_batch\n"
        "run_batch(make_engine(sys.argv[1]), int(sys.argv[2]), workers=2)\n"
    )
    url = engine.url.render_as_string(hide_password=False)
    runner = subprocess.Popen([sys.executable, "-c", script, url, str(new)], start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            with Session(engine) as session:
                batch = session.get(StatementBatch, new)
                assert batch is not None
                if batch.deposited >= 20:
                    break
            time.sleep(0.01)
    finally:
        os.killpg(runner.pid, signal.SIGKILL)  # the runner and its pool's workers
        runner.wait()
    with Session(engine) as session:
        batch = session.get(StatementBatch, new)
        assert batch is not None and batch.finished_at is None
    assert _check_every_child_has_one_whole_statement(engine, school_id, service_id) <= {old, new}
    again = _new_batch(engine, secretary, school_id, service_id)
    deposit_all(engine, again)
    assert _check_every_child_has_one_whole_statement(engine, school_id, service_id) == {again}


def test_staff_of_another_school_cannot_start_a_batch(engine: Engine) -> None:
    school_id, service_id, _secretary = _setup(engine, extra=0)
    with Session(engine) as session:
        for outsider in ("secretariat.boise@example.org", "enfance@saint-aubin.example.org"):
            with pytest.raises(Forbidden):
                start_batch(
                    session,
                    user_id=user_id(session, outsider),
                    school_id=school_id,
                    billing_service_id=service_id,
                )
