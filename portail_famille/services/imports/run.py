"""Running an import: parse every row, write in batches inside one transaction, then commit only
when staff asked to apply and no row had an error. A dry run does the same work and rolls back,
so what it reports is exactly what applying would do."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from portail_famille.services import audit
from portail_famille.services.imports.context import ImportContext, ImportTarget
from portail_famille.services.imports.errors import ImportFileError
from portail_famille.services.imports.kinds import (
    absences,
    enrolments,
    guardians,
    marks,
    students,
    timetable,
)
from portail_famille.services.imports.kinds.base import ImportKind
from portail_famille.services.imports.reader import count_lines, read_rows
from portail_famille.services.imports.report import ImportReport

CSV_KINDS: dict[str, ImportKind] = {
    kind.name: kind
    for kind in (
        students.KIND,
        guardians.KIND,
        enrolments.KIND,
        marks.KIND,
        absences.KIND,
        timetable.KIND,
    )
}
KIND_NAMES = (*CSV_KINDS, "oneroster")
BATCH = 1000

Progress = Callable[[int, int], None]  # rows done, rows expected


def _no_progress(_done: int, _total: int) -> None:
    return None


def apply_in_batches(
    records: Iterable[Any],
    apply: Callable[[list[Any], ImportContext], None],
    context: ImportContext,
) -> None:
    """Writes records a batch at a time; the session forgets each batch once it is flushed."""
    batch: list[Any] = []
    for record in records:
        batch.append(record)
        if len(batch) >= BATCH:
            _flush(batch, apply, context)
            batch = []
    if batch:
        _flush(batch, apply, context)


def _flush(batch: list[Any], apply: Callable[..., None], context: ImportContext) -> None:
    apply(batch, context)
    context.session.flush()
    context.session.expunge_all()  # keeps memory flat: ids, not objects, cross batches


def _parsed(kind: ImportKind, name: str, data: bytes, context: ImportContext, progress: Progress):
    total = count_lines(data)
    for row in read_rows(name, data, kind.columns):
        context.report.rows += 1
        if context.report.rows % 500 == 0:
            progress(context.report.rows, total)
        record = kind.parse(row, context)
        if record is not None:
            yield record


def run_import(
    session: Session,
    target: ImportTarget,
    kind_name: str,
    files: dict[str, bytes],
    *,
    dry_run: bool,
    full: bool = False,
    progress: Progress = _no_progress,
) -> ImportReport:
    """Imports `files` (one CSV, or OneRoster's set) into `target`; owns the session's transaction:
    commits only when applying a file without a single error, rolls back otherwise."""
    report = ImportReport(kind=kind_name, dry_run=dry_run)
    try:
        context = ImportContext.open(session, target, report, full)
        _run(kind_name, files, context, progress)
    except ImportFileError as error:
        report.add(error.issue)
    except IntegrityError:
        # Two rows that each look right but clash in the database (a race with another import).
        session.rollback()
        report.error(next(iter(files), "-"), 0, "imports.error.conflict")
    if dry_run or not report.ok:
        session.rollback()
        return report
    audit.record(
        session,
        action="imports.applied",
        actor_user_id=target.actor_user_id,
        organisation_id=target.organisation_id,
        kind=kind_name,
        rows=report.rows,
        counts={f"{entity}.{action}": n for (entity, action), n in report.counts.items()},
    )
    session.commit()
    report.applied = True
    return report


def _run(kind_name: str, files: dict[str, bytes], context: ImportContext, progress: Progress):
    if kind_name == "oneroster":
        from portail_famille.services.imports.oneroster import run_oneroster

        run_oneroster(files, context, progress)
        return
    kind = CSV_KINDS[kind_name]
    ((name, data),) = files.items()
    apply_in_batches(_parsed(kind, name, data, context, progress), kind.apply, context)
    kind.finish(context)
    context.session.flush()
    progress(context.report.rows, context.report.rows)
