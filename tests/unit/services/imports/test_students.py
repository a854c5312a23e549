"""Students: a good file, every broken file (line-numbered error, nothing written), re-import,
and a full import that deactivates a left-out child without losing them."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import Child, Enrolment, SchoolYear
from tests.unit.services.imports.conftest import SAMPLES, counts, errors, run

pytestmark = pytest.mark.db

HEADER = "numero_fiche;nom;prenom;date_naissance;code_permanent;ecole;niveau;groupe\n"
GOOD = "1000020;Lavoie;Zoé;2018-05-02;LAVZ02551801;001;3e année;301\n"


def test_the_sample_file_creates_the_new_student_and_her_enrolment(engine: Engine) -> None:
    data = (SAMPLES / "eleves.csv").read_bytes()
    trial = run(engine, "students", {"eleves.csv": data}, dry_run=True)
    assert trial.ok and not trial.applied
    assert trial.counts[("child", "create")] == 1 and trial.counts[("enrolment", "create")] == 1
    before = counts(engine)
    assert counts(engine) == before  # the dry run wrote nothing
    report = run(engine, "students", {"eleves.csv": data})
    assert report.applied and report.counts == trial.counts
    with Session(engine) as session:
        zoe = session.exec(select(Child).where(Child.file_number == "1000008")).one()
        assert (zoe.first_name, zoe.permanent_code) == ("Zoé", "LAVZ02551801")


def test_importing_the_same_file_twice_changes_nothing_the_second_time(engine: Engine) -> None:
    data = (SAMPLES / "eleves.csv").read_bytes()
    assert run(engine, "students", {"eleves.csv": data}, full=True).applied
    before = counts(engine)
    again = run(engine, "students", {"eleves.csv": data}, full=True)
    assert again.ok and again.changes == 0
    assert counts(engine) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((HEADER + GOOD).encode("utf-16"), ("eleves.csv", 0, "imports.error.encoding")),
        (b"nom;prenom\nLavoie;Zoe\n", ("eleves.csv", 1, "imports.error.missing_column")),
        (
            (HEADER + GOOD + "1000021;Roy;Lou;31/02/2019;;001;1re;101\n").encode(),
            ("eleves.csv", 3, "imports.error.date"),
        ),
        (
            (HEADER + "1000021;Roy;Lou;2019-02-01;;999;1re;101\n" + GOOD).encode(),
            ("eleves.csv", 2, "imports.error.unknown_school"),
        ),
        (
            (HEADER + GOOD + "\n" + GOOD.replace("LAVZ02551801", "")).encode(),
            ("eleves.csv", 4, "imports.error.duplicate_row"),
        ),
        (
            (HEADER + GOOD.replace("LAVZ02551801", "LAVZ0255180X")).encode(),
            ("eleves.csv", 2, "imports.error.permanent_code"),
        ),
        (
            (HEADER + GOOD.replace("LAVZ02551801", "GAGL14531701")).encode(),
            ("eleves.csv", 2, "imports.error.permanent_code_taken"),
        ),
        (
            (HEADER + GOOD.replace("1000020", "100002")).encode(),
            ("eleves.csv", 2, "imports.error.file_number"),
        ),
    ],
)
def test_a_broken_file_names_its_line_and_writes_nothing(
    engine: Engine, data: bytes, expected: tuple[str, int, str]
) -> None:
    before = counts(engine)
    report = run(engine, "students", {"eleves.csv": data})
    assert not report.ok and not report.applied
    assert expected in errors(report)
    assert counts(engine) == before


def test_a_full_import_deactivates_a_left_out_child_and_keeps_their_history(
    engine: Engine,
) -> None:
    # Émile (1000003) is left out of the Érables list this time.
    rows = [
        "1000001;Gagnon;Léa;2017-03-14;GAGL14531701;001;4e année;401",
        "1000005;Côté;Félix;2015-11-05;COTF05011501;001;6e année;601",
        "1000007;Nguyen;Alice;2021-07-07;NGUA07572101;001;Maternelle 5 ans;M1",
    ]
    data = (HEADER + "\n".join(rows) + "\n").encode()
    report = run(engine, "students", {"eleves.csv": data}, full=True)
    assert report.applied
    assert report.counts[("enrolment", "deactivate")] == 1
    assert report.counts[("child", "create")] == 0
    with Session(engine) as session:
        emile = session.exec(select(Child).where(Child.file_number == "1000003")).one()
        history = {
            year.label: enrolment.active
            for enrolment, year in session.exec(
                select(Enrolment, SchoolYear).join(SchoolYear).where(Enrolment.child_id == emile.id)
            ).all()
        }
    assert history == {"2026-2027": False, "2025-2026": True}


def test_a_file_without_full_leaves_other_children_alone(engine: Engine) -> None:
    report = run(engine, "students", {"eleves.csv": (HEADER + GOOD).encode()})
    assert report.applied and report.counts[("enrolment", "deactivate")] == 0
