"""Enrolments by file number, school and year."""

import pytest
from sqlalchemy.engine import Engine

from tests.unit.services.imports.conftest import SAMPLES, counts, errors, run

pytestmark = pytest.mark.db


def test_the_sample_file_enrols_the_new_student_in_two_years(engine: Engine) -> None:
    assert run(engine, "students", {"e.csv": (SAMPLES / "eleves.csv").read_bytes()}).applied
    data = (SAMPLES / "inscriptions.csv").read_bytes()
    report = run(engine, "enrolments", {"inscriptions.csv": data})
    assert report.applied and report.counts[("enrolment", "create")] == 1  # and one unchanged
    before = counts(engine)
    assert run(engine, "enrolments", {"inscriptions.csv": data}).changes == 0
    assert counts(engine) == before


def test_an_unknown_year_or_child_is_a_line_numbered_error(engine: Engine) -> None:
    data = b"numero_fiche,ecole,annee_scolaire,niveau\n1000001,001,1999-2000,1\n9999999,001,,1\n"
    before = counts(engine)
    report = run(engine, "enrolments", {"i.csv": data})
    assert ("i.csv", 2, "imports.error.unknown_year") in errors(report)
    assert ("i.csv", 3, "imports.error.unknown_child") in errors(report)
    assert counts(engine) == before
