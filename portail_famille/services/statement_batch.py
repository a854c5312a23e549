"""A school's statements in one action: deposit every active child's, then render the PDFs.

Deposits come first, one transaction per child (the new statements replace the old ones in it),
so families see every statement within seconds and a crash leaves each child with the old or the
new ones, never none. PDFs are then rendered by a process pool (WeasyPrint holds the GIL) and each
is written in one UPDATE: a statement has a whole PDF or none, and one without is rendered when
it is first opened. Progress lives on the StatementBatch row, so any screen can follow it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import smtplib
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from functools import cache

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from portail_famille.models import BillingService, School, Statement, StatementBatch
from portail_famille.models.base import utcnow
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.finance_mail import notify_new_statement
from portail_famille.services.finance_pdf import statement_pdf
from portail_famille.services.school_years import current_school_year
from portail_famille.services.statements import (
    active_children,
    deposit_for_child,
)

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
_PAGE = 64


def batch_choices(session: Session, user_id: int) -> list[tuple[School, BillingService]]:
    """The (school, billing service) pairs this staff member may run a batch for."""
    scope = staff_scope(session, user_id)
    pairs = []
    for service in session.exec(
        select(BillingService)
        .where(col(BillingService.organisation_id).in_(scope.organisation_ids))
        .order_by(col(BillingService.organisation_id), col(BillingService.name))
    ).all():
        schools = session.exec(
            select(School)
            .where(School.organisation_id == service.organisation_id)
            .order_by(col(School.name))
        ).all()
        for school in schools:
            assert school.id is not None
            if service.school_id not in (None, school.id):
                continue
            if scope.allows_school(service.organisation_id, school.id):
                pairs.append((school, service))
    return pairs


def start_batch(session: Session, *, user_id: int, school_id: int, billing_service_id: int) -> int:
    """A new batch row for the school's active children; Forbidden outside the staff's scope.

    The caller commits, then runs `run_batch` (in the background)."""
    scope = staff_scope(session, user_id)
    school = session.get(School, school_id)
    service = session.get(BillingService, billing_service_id)
    if (
        school is None
        or service is None
        or service.organisation_id != school.organisation_id
        or service.school_id not in (None, school_id)
        or not scope.allows_school(school.organisation_id, school_id)
    ):
        raise Forbidden
    year = current_school_year(session, school.organisation_id)
    total = len(active_children(session, school_id, year.id)) if year and year.id else 0
    batch = StatementBatch(
        organisation_id=school.organisation_id,
        school_id=school_id,
        billing_service_id=billing_service_id,
        started_by=user_id,
        total=total,
    )
    session.add(batch)
    session.flush()
    assert batch.id is not None
    return batch.id


def deposit_all(engine: Engine, batch_id: int, progress: Progress | None = None) -> int:
    """Deposits every active child's statements, one transaction each; the count of children."""
    with Session(engine) as session:
        batch = session.get(StatementBatch, batch_id)
        assert batch is not None
        service = session.get(BillingService, batch.billing_service_id)
        year = current_school_year(session, batch.organisation_id)
        assert service is not None
        children = active_children(session, batch.school_id, year.id) if year and year.id else []
        school_id = batch.school_id
    done = 0
    for child_id in children:
        with Session(engine) as session:
            service_now = session.get(BillingService, service.id)
            assert service_now is not None
            deposit_for_child(
                session,
                service=service_now,
                child_id=child_id,
                school_id=school_id,
                batch_id=batch_id,
            )
            session.exec(
                update(StatementBatch)
                .where(col(StatementBatch.id) == batch_id)
                .values(deposited=col(StatementBatch.deposited) + 1)
            )
            session.commit()
        done += 1
        if progress is not None:
            progress(done, len(children))
    return done


def _pending(engine: Engine, batch_id: int) -> Iterator[tuple[int, dict[str, object]]]:
    """The batch's current statements still without a PDF, a page at a time (memory stays flat)."""
    after = 0
    while True:
        with Session(engine) as session:
            page = session.exec(
                select(Statement.id, Statement.snapshot)
                .where(
                    Statement.batch_id == batch_id,
                    col(Statement.pdf).is_(None),
                    col(Statement.superseded_at).is_(None),
                    col(Statement.id) > after,
                )
                .order_by(col(Statement.id))
                .limit(_PAGE)
            ).all()
        if not page:
            return
        for statement_id, snapshot in page:
            assert statement_id is not None
            after = statement_id
            yield statement_id, dict(snapshot)


def render_job(job: tuple[int, dict[str, object]]) -> tuple[int, bytes]:
    """In a worker process: one statement's PDF from its snapshot alone."""
    statement_id, snapshot = job
    return statement_id, statement_pdf(snapshot, str(snapshot.get("language") or "fr"))


def _warm_up() -> None:
    import weasyprint  # noqa: F401  # its import costs about a second: once per worker


def store_pdf(session: Session, statement_id: int, pdf: bytes) -> bool:
    """Writes a statement's PDF unless another run (or a first open) already did."""
    result = session.exec(
        update(Statement)
        .where(col(Statement.id) == statement_id, col(Statement.pdf).is_(None))
        .values(pdf=pdf, rendered_at=utcnow())
    )
    return bool(result.rowcount)


def render_all(
    engine: Engine, batch_id: int, workers: int | None = None, progress: Progress | None = None
) -> int:
    """Renders the batch's missing PDFs on `workers` processes (the CPU count by default)."""
    workers = workers or os.cpu_count() or 1
    try:
        return _render_on(_pool(workers), engine, batch_id, workers, progress)
    except BrokenProcessPool:
        _pool.cache_clear()  # a worker died (killed, out of memory): next run starts afresh
        raise


@cache
def _pool(workers: int) -> ProcessPoolExecutor:
    """One pool per process, kept: starting workers (imports, fonts) costs seconds per batch.

    spawn, not fork: the app process runs threads and an event loop that must not be copied."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up)


def _render_on(
    pool: ProcessPoolExecutor,
    engine: Engine,
    batch_id: int,
    workers: int,
    progress: Progress | None,
) -> int:
    rendered = 0
    jobs = _pending(engine, batch_id)
    running: set[Future[tuple[int, bytes]]] = set()
    exhausted = False
    while running or not exhausted:
        while not exhausted and len(running) < workers * 4:
            job = next(jobs, None)
            if job is None:
                exhausted = True
            else:
                running.add(pool.submit(render_job, job))
        if not running:
            break
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        with Session(engine) as session:
            stored = sum(store_pdf(session, *future.result()) for future in finished)
            session.exec(
                update(StatementBatch)
                .where(col(StatementBatch.id) == batch_id)
                .values(rendered=col(StatementBatch.rendered) + stored)
            )
            session.commit()
        rendered += stored
        if progress is not None:
            progress(rendered, 0)
    return rendered


def notify_all(engine: Engine, batch_id: int) -> int:
    """Tells the families, one statement per transaction; a mail that fails is retried by the
    next run (notified_at stays empty), it never undoes a deposit."""
    told = 0
    with Session(engine) as session:
        ids = session.exec(
            select(Statement.id).where(
                Statement.batch_id == batch_id,
                col(Statement.notified_at).is_(None),
                col(Statement.superseded_at).is_(None),
            )
        ).all()
    for statement_id in ids:
        try:
            with Session(engine) as session:
                statement = session.get(Statement, statement_id)
                if statement is not None:
                    told += notify_new_statement(session, statement)
                session.commit()
        except (OSError, smtplib.SMTPException):
            logger.warning("statement %s: notification not sent", statement_id, exc_info=True)
    return told


def run_batch(
    engine: Engine,
    batch_id: int,
    *,
    workers: int | None = None,
    on_deposit: Progress | None = None,
    notify: bool = True,
) -> None:
    """Deposits, renders, tells the families, then marks the batch finished."""
    deposit_all(engine, batch_id, on_deposit)
    render_all(engine, batch_id, workers)
    if notify:
        notify_all(engine, batch_id)
    with Session(engine) as session:
        session.exec(
            update(StatementBatch)
            .where(col(StatementBatch.id) == batch_id)
            .values(finished_at=utcnow())
        )
        session.commit()


def batch_progress(session: Session, *, user_id: int, batch_id: int) -> StatementBatch:
    batch = session.get(StatementBatch, batch_id)
    if batch is None or not staff_scope(session, user_id).allows_school(
        batch.organisation_id, batch.school_id
    ):
        raise Forbidden
    return batch
