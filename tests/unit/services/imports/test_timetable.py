"""Timetables: a good file, broken files (line-numbered error, nothing written), and a re-import
that changes nothing."""

from datetime import time

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from portail_famille.models import TimetablePeriod
from tests.unit.services.imports.conftest import SAMPLES, errors, run

pytestmark = pytest.mark.db

HEADER = "ecole;groupe;jour;debut;fin;matiere;enseignant;local\n"
GOOD = "002;302;vendredi;13:50;15:05;Histoire;Éric Roy;A-12\n"


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(TimetablePeriod)).one()


def test_the_sample_file_creates_the_group_s_periods(engine: Engine) -> None:
    before = _count(engine)
    report = run(engine, "timetable", {"horaires.csv": (SAMPLES / "horaires.csv").read_bytes()})
    assert report.applied and report.counts[("period", "create")] == 3
    assert _count(engine) == before + 3
    with Session(engine) as session:
        tuesday = session.exec(
            select(TimetablePeriod).where(
                TimetablePeriod.group_name == "301", TimetablePeriod.weekday == 1
            )
        ).one()
        assert (tuesday.starts_at, tuesday.ends_at, tuesday.room) == (
            time(8, 15),
            time(9, 30),
            "Labo 2",
        )


def test_importing_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    data = (SAMPLES / "horaires.csv").read_bytes()
    assert run(engine, "timetable", {"horaires.csv": data}).applied
    before = _count(engine)
    again = run(engine, "timetable", {"horaires.csv": data})
    assert again.ok and again.changes == 0
    assert _count(engine) == before


def test_a_changed_room_updates_the_same_period(engine: Engine) -> None:
    assert run(engine, "timetable", {"h.csv": (HEADER + GOOD).encode()}).applied
    before = _count(engine)
    report = run(engine, "timetable", {"h.csv": (HEADER + GOOD.replace("A-12", "A-14")).encode()})
    assert report.applied and report.counts[("period", "change")] == 1
    assert _count(engine) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (HEADER + GOOD + GOOD.replace("vendredi", "octidi"), ("h.csv", 3, "imports.error.weekday")),
        (HEADER + GOOD.replace("002", "999"), ("h.csv", 2, "imports.error.unknown_school")),
        (HEADER + GOOD.replace("13:50", "13:70"), ("h.csv", 2, "imports.error.time")),
        (HEADER + GOOD.replace("15:05", "12:00"), ("h.csv", 2, "imports.error.period_order")),
        (HEADER + GOOD.replace("Histoire", ""), ("h.csv", 2, "imports.error.required")),
        (HEADER + GOOD + GOOD, ("h.csv", 3, "imports.error.duplicate_row")),
    ],
)
def test_a_broken_file_names_its_line_and_writes_nothing(
    engine: Engine, data: str, expected: tuple[str, int, str]
) -> None:
    before = _count(engine)
    report = run(engine, "timetable", {"h.csv": data.encode()})
    assert not report.ok and not report.applied
    assert expected in errors(report)
    assert _count(engine) == before


def test_english_headers_and_an_existing_period_of_the_demo(engine: Engine) -> None:
    data = b"school,group,weekday,start,end,subject,teacher,room\n002,203,Monday,8:15,9:30,Art,,\n"
    report = run(engine, "timetable", {"t.csv": data})
    assert report.applied and report.counts[("period", "change")] == 1
    assert report.counts[("period", "create")] == 0
