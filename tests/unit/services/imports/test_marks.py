"""Marks: a good file, broken files (line-numbered error, nothing written), a re-import that
changes nothing, and unpublished marks that stay unpublished."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from portail_famille.models import Mark, Subject
from tests.unit.services.imports.conftest import SAMPLES, errors, run

pytestmark = pytest.mark.db

HEADER = "numero_fiche;matiere;evaluation;date;resultat;publie\n"
GOOD = "1000001;Sciences;Les volcans;2026-11-24;15/20;oui\n"


def _counts(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(Subject)).one(),
            session.exec(select(func.count()).select_from(Mark)).one(),
        )


def test_the_sample_file_creates_its_marks_and_keeps_unpublished_ones_hidden(
    engine: Engine,
) -> None:
    data = (SAMPLES / "notes.csv").read_bytes()
    before = _counts(engine)
    report = run(engine, "marks", {"notes.csv": data})
    assert report.applied and report.counts[("mark", "create")] == 3
    assert _counts(engine)[1] == before[1] + 3
    with Session(engine) as session:
        water = session.exec(select(Mark).where(Mark.title == "Le cycle de l'eau")).one()
        assert (water.score, water.out_of, water.published_at) == (42, 50, None)
        exam = session.exec(select(Mark).where(Mark.title == "Fractions (examen)")).one()
        assert (exam.score, exam.out_of) == (17.5, 20) and exam.published_at is not None
        science = session.get(Subject, water.subject_id)
        assert science is not None and science.teacher_name == "Julie Fortin"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    data = (SAMPLES / "notes.csv").read_bytes()
    assert run(engine, "marks", {"notes.csv": data}).applied
    before = _counts(engine)
    with Session(engine) as session:
        published = {m.id: m.published_at for m in session.exec(select(Mark)).all()}
    again = run(engine, "marks", {"notes.csv": data})
    assert again.ok and again.changes == 0
    assert _counts(engine) == before
    with Session(engine) as session:
        assert {m.id: m.published_at for m in session.exec(select(Mark)).all()} == published


def test_a_changed_result_updates_the_same_mark(engine: Engine) -> None:
    assert run(engine, "marks", {"n.csv": (HEADER + GOOD).encode()}).applied
    before = _counts(engine)
    report = run(engine, "marks", {"n.csv": (HEADER + GOOD.replace("15/20", "16/20")).encode()})
    assert report.applied and report.counts[("mark", "change")] == 1
    assert _counts(engine) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            HEADER + GOOD + GOOD.replace("2026-11-24", "31/02/2026"),
            ("n.csv", 3, "imports.error.date"),
        ),
        (HEADER + GOOD.replace("1000001", "9999999"), ("n.csv", 2, "imports.error.unknown_child")),
        (HEADER + GOOD.replace("15/20", "21/20"), ("n.csv", 2, "imports.error.score")),
        (HEADER + GOOD.replace("15/20", "quinze"), ("n.csv", 2, "imports.error.score")),
        (HEADER + GOOD.replace(";oui", ";peut-être"), ("n.csv", 2, "imports.error.boolean")),
        (HEADER + GOOD.replace("1000001", "12"), ("n.csv", 2, "imports.error.file_number")),
        (HEADER + GOOD + GOOD, ("n.csv", 3, "imports.error.duplicate_row")),
        (HEADER + GOOD.replace("Sciences", ""), ("n.csv", 2, "imports.error.required")),
    ],
)
def test_a_broken_file_names_its_line_and_writes_nothing(
    engine: Engine, data: str, expected: tuple[str, int, str]
) -> None:
    before = _counts(engine)
    report = run(engine, "marks", {"n.csv": data.encode()})
    assert not report.ok and not report.applied
    assert expected in errors(report)
    assert _counts(engine) == before


def test_english_headers_and_a_mark_out_of_100(engine: Engine) -> None:
    data = b"student_number,subject,assignment,date,score\n1000001,Sciences,Quiz,2026-11-20,85\n"
    report = run(engine, "marks", {"m.csv": data})
    assert report.applied
    with Session(engine) as session:
        quiz = session.exec(select(Mark).where(Mark.title == "Quiz")).one()
        assert (quiz.score, quiz.out_of, quiz.published_at) == (85, 100, None)
