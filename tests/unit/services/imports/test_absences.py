"""School-recorded absences: a good file, broken files (line-numbered error, nothing written),
and a re-import that changes nothing."""

from datetime import time

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from portail_famille.models import Absence, AbsenceKind, AbsenceSource
from tests.unit.services.imports.conftest import SAMPLES, errors, run

pytestmark = pytest.mark.db

HEADER = "numero_fiche;date;type;heure;justifiee\n"
GOOD = "1000001;2026-10-08;retard;8h45;non\n"


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Absence)).one()


def test_the_sample_file_records_a_full_day_a_late_arrival_and_an_early_departure(
    engine: Engine,
) -> None:
    before = _count(engine)
    report = run(engine, "absences", {"absences.csv": (SAMPLES / "absences.csv").read_bytes()})
    assert report.applied and report.counts[("absence", "create")] == 3
    assert _count(engine) == before + 3
    with Session(engine) as session:
        late = session.exec(
            select(Absence)
            .where(Absence.kind == AbsenceKind.LATE_ARRIVAL)
            .order_by(
                Absence.id.desc()  # type: ignore[union-attr]
            )
        ).first()
        assert late is not None
        assert (late.at_time, late.justified, late.source) == (
            time(8, 50),
            False,
            AbsenceSource.SCHOOL,
        )


def test_importing_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    data = (SAMPLES / "absences.csv").read_bytes()
    assert run(engine, "absences", {"absences.csv": data}).applied
    before = _count(engine)
    again = run(engine, "absences", {"absences.csv": data})
    assert again.ok and again.changes == 0
    assert _count(engine) == before


def test_justifying_later_changes_the_same_absence(engine: Engine) -> None:
    assert run(engine, "absences", {"a.csv": (HEADER + GOOD).encode()}).applied
    before = _count(engine)
    report = run(engine, "absences", {"a.csv": (HEADER + GOOD.replace(";non", ";oui")).encode()})
    assert report.applied and report.counts[("absence", "change")] == 1
    assert _count(engine) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            HEADER + GOOD + GOOD.replace("2026-10-08", "2026-13-01"),
            ("a.csv", 3, "imports.error.date"),
        ),
        (HEADER + GOOD.replace("1000001", "9999999"), ("a.csv", 2, "imports.error.unknown_child")),
        (HEADER + GOOD.replace("8h45", "25:00"), ("a.csv", 2, "imports.error.time")),
        (HEADER + GOOD.replace("8h45", ""), ("a.csv", 2, "imports.error.time")),
        (HEADER + GOOD.replace("retard", "malade"), ("a.csv", 2, "imports.error.absence_kind")),
        (HEADER + GOOD.replace(";non", ";bof"), ("a.csv", 2, "imports.error.boolean")),
        (HEADER + GOOD + GOOD, ("a.csv", 3, "imports.error.duplicate_row")),
    ],
)
def test_a_broken_file_names_its_line_and_writes_nothing(
    engine: Engine, data: str, expected: tuple[str, int, str]
) -> None:
    before = _count(engine)
    report = run(engine, "absences", {"a.csv": data.encode()})
    assert not report.ok and not report.applied
    assert expected in errors(report)
    assert _count(engine) == before


def test_english_headers(engine: Engine) -> None:
    data = b"student_number,date,kind,time,justified\n1000001,2026-10-09,full day,,yes\n"
    report = run(engine, "absences", {"a.csv": data})
    assert report.applied and report.counts[("absence", "create")] == 1
