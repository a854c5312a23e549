"""Helpers to run an import and count rows (the fresh `engine` is in the parent conftest)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    SchoolYear,
)
from portail_famille.services.imports import ImportReport, run_import, target_for_organisation

SAMPLES = Path(__file__).resolve().parents[4] / "docs" / "imports"
TABLES = (Child, Enrolment, Family, Guardian, GuardianEmail, GuardianChildLink, SchoolYear)


def run(
    engine: Engine,
    kind: str,
    files: dict[str, bytes],
    *,
    organisation: str = "css-mille-lacs",
    dry_run: bool = False,
    full: bool = False,
) -> ImportReport:
    with Session(engine, expire_on_commit=False) as session:
        target = target_for_organisation(session, organisation)
        assert target is not None
        return run_import(session, target, kind, files, dry_run=dry_run, full=full)


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table: what "writes nothing" is checked against."""
    with Session(engine) as session:
        return {
            table.__name__: session.exec(select(func.count()).select_from(table)).one()
            for table in TABLES
        }


def errors(report: ImportReport) -> list[tuple[str, int, str]]:
    return [(issue.file, issue.line, issue.key) for issue in report.issues]
