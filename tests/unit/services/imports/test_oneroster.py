"""OneRoster 1.1: the sample archive, a school the organisation lacks, re-import."""

import io
import zipfile

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import Guardian, GuardianChildLink
from tests.unit.services.imports.conftest import SAMPLES, counts, errors, run

pytestmark = pytest.mark.db


def _zip(replace: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((SAMPLES / "oneroster").glob("*.csv")):
            text = path.read_text(encoding="utf-8")
            archive.writestr(f"roster/{path.name}", (replace or {}).get(path.name, text))
    return buffer.getvalue()


def test_the_sample_archive_creates_the_student_her_guardian_and_their_link(
    engine: Engine,
) -> None:
    report = run(engine, "oneroster", {"roster.zip": _zip()})
    assert report.applied, errors(report)
    assert report.counts[("child", "create")] == 1
    assert report.counts[("enrolment", "create")] == 1
    assert report.counts[("guardian", "create")] == 1
    assert report.counts[("link", "create")] == 1
    with Session(engine) as session:
        julie = session.exec(select(Guardian).where(Guardian.external_id == "u-julie")).one()
        assert session.exec(
            select(GuardianChildLink).where(GuardianChildLink.guardian_id == julie.id)
        ).one()
    before = counts(engine)
    again = run(engine, "oneroster", {"roster.zip": _zip()})
    assert again.ok and again.changes == 0 and counts(engine) == before


def test_an_unknown_school_is_a_line_numbered_error_and_nothing_is_written(
    engine: Engine,
) -> None:
    orgs = (SAMPLES / "oneroster" / "orgs.csv").read_text().replace(",school,001,", ",school,777,")
    before = counts(engine)
    report = run(engine, "oneroster", {"roster.zip": _zip({"orgs.csv": orgs})})
    assert ("orgs.csv", 3, "imports.error.unknown_school") in errors(report)
    assert counts(engine) == before


def test_a_missing_file_or_a_file_that_is_no_zip_is_refused(engine: Engine) -> None:
    assert errors(run(engine, "oneroster", {"roster.zip": b"sourcedId\n"})) == [
        ("roster.zip", 0, "imports.error.not_zip")
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("orgs.csv", "sourcedId,name,type,identifier\n")
    report = run(engine, "oneroster", {"roster.zip": buffer.getvalue()})
    assert errors(report)[0][2] == "imports.error.missing_file"
