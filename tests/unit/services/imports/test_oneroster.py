"""OneRoster 1.1 into the portal: the good package, and what only the portal can check (its
schools, years, file numbers, who may import what). A package with any problem writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from portail_famille.models import (
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    Organisation,
    School,
    SchoolYear,
)
from portail_famille.services.imports import ImportReport, ImportTarget, run_import
from tests.oneroster_sets import as_zip, good_text, package
from tests.unit.services.imports.conftest import counts, errors, run

pytestmark = pytest.mark.db


def _run(engine: Engine, files: dict[str, bytes], *, dry_run: bool = False) -> ImportReport:
    return run(engine, "oneroster", {"roster.zip": as_zip(files)}, dry_run=dry_run)


def _links(engine: Engine) -> set[tuple[str, str]]:
    """(guardian's sourcedId, child's file number) of every imported guardian's link."""
    with Session(engine) as session:
        rows = session.exec(
            select(Guardian.external_id, Child.file_number)
            .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
            .join(Child, col(Child.id) == GuardianChildLink.child_id)
            .where(col(Guardian.external_id).startswith("u-"))
        ).all()
    return {(str(g), number) for g, number in rows}


def _school(engine: Engine, code: str) -> School | None:
    with Session(engine) as session:
        return session.exec(select(School).where(School.code == code)).first()


def _everything(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {**counts(engine), "School": len(session.exec(select(School)).all())}


def test_the_good_package_in_a_dry_run_shows_the_new_school_and_writes_nothing(
    engine: Engine,
) -> None:
    before = _everything(engine)
    report = _run(engine, package(), dry_run=True)
    assert report.ok and not report.applied, errors(report)
    assert report.counts[("school", "create")] == 1
    assert any(s.entity == "school" and "099" in s.label for s in report.samples)
    assert _everything(engine) == before and _school(engine, "099") is None


def test_the_good_package_creates_the_school_the_students_and_only_their_own_guardians_links(
    engine: Engine,
) -> None:
    report = _run(engine, package())
    assert report.applied, errors(report)
    assert report.counts[("school_year", "create")] == 0  # same dates as 2026-2027: reused
    riviere = _school(engine, "099")
    assert riviere is not None and riviere.name == "École primaire de la Rivière"
    with Session(engine) as session:
        children = {
            c.file_number: c
            for c in session.exec(
                select(Child).where(col(Child.file_number).in_(["3000001", "3000002"]))
            )
        }
        # Léo's file number and both permanent codes come from userIds.
        assert children["3000001"].permanent_code == "ROYL12051801"
        assert children["3000002"].permanent_code == "GAGI15071902"
        placed = {
            (e.child_id, code, e.group_name, year.label, year.is_current)
            for e, code, year in session.exec(
                select(Enrolment, School.code, SchoolYear)
                .join(School, col(School.id) == Enrolment.school_id)
                .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
                .where(col(Enrolment.child_id).in_([c.id for c in children.values()]))
            )
        }
    assert placed == {
        (children["3000001"].id, "001", "401", "2026-2027", True),  # the homeroom class wins
        (children["3000002"].id, "099", "201", "2026-2027", True),
    }
    assert _links(engine) == {("u-marie", "3000001"), ("u-paul", "3000002"), ("u-ana", "3000002")}
    before = _everything(engine)
    again = _run(engine, package())
    assert again.ok and again.changes == 0 and _everything(engine) == before


def test_a_student_naming_a_guardian_does_not_link_that_guardian(engine: Engine) -> None:
    # Léo's row names Paul of another family; Paul's own row names only Inès.
    users = good_text("users.csv").replace(",,u-marie,04,", ',,"u-marie,u-paul",04,')
    report = _run(engine, package(users_csv=users))
    assert report.applied, errors(report)
    assert ("u-paul", "3000001") not in _links(engine)
    assert ("u-paul", "3000002") in _links(engine)


def test_a_duplicated_sourced_id_writes_nothing_and_names_both_lines(engine: Engine) -> None:
    before = _everything(engine)
    report = _run(engine, package("duplicate_sourced_id"))
    assert not report.ok and not report.applied
    assert errors(report) == [("users.csv", 8, "imports.oneroster.duplicate_id")]
    assert report.issues[0].params == {"value": "u-marie", "first": "4"}
    assert _everything(engine) == before


def test_a_school_year_with_new_dates_is_created_under_its_whole_title(engine: Engine) -> None:
    sessions = "\n".join(
        [
            "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear",
            "as-2027,,,Année scolaire 2030-2031 (secteur nord),schoolYear,"
            "2030-08-27,2031-06-23,,2031",
            "as-s1,,,Semestre 1,semester,2030-08-27,2031-01-20,as-2027,2031",
            "as-t1,,,Étape 1,term,2030-08-27,2030-11-15,as-s1,2031",
            "as-t2,,,Étape 2,term,2030-11-16,2031-01-20,,2031",
        ]
    )
    report = _run(engine, package(academicSessions_csv=sessions))
    assert report.applied, errors(report)
    assert report.counts[("school_year", "create")] == 1
    with Session(engine) as session:
        year = session.exec(
            select(SchoolYear).where(SchoolYear.label == "Année scolaire 2030-2031 (secteur nord)")
        ).one()
        assert (str(year.starts_on), str(year.ends_on)) == ("2030-08-27", "2031-06-23")
        enrolled = session.exec(select(Enrolment).where(Enrolment.school_year_id == year.id)).all()
    assert len(enrolled) == 2


def test_a_school_year_overlapping_the_portals_with_other_dates_is_the_one_error(
    engine: Engine,
) -> None:
    sessions = good_text("academicSessions.csv").replace(
        "schoolYear,2026-08-27,2027-06-23", "schoolYear,2026-09-01,2027-06-30"
    )
    before = _everything(engine)
    report = _run(engine, package(academicSessions_csv=sessions))
    assert errors(report) == [("academicSessions.csv", 2, "imports.oneroster.year_dates")]
    assert report.issues[0].params["label"] == "2026-2027"
    assert _everything(engine) == before  # the new school 099 included


def test_user_ids_that_contradict_the_identifier_or_hold_no_permanent_code_are_refused(
    engine: Engine,
) -> None:
    users = (
        good_text("users.csv")
        .replace("Gagnon,,3000002,", "Gagnon,,3000009,")
        .replace("{codePermanent:GAGI15071902}", '"{codePermanent:GAGI1507},{fiche:3000002}"')
    )
    report = _run(engine, package(users_csv=users))
    assert errors(report) == [
        ("users.csv", 3, "imports.oneroster.identifier_conflict"),
        ("users.csv", 3, "imports.error.permanent_code"),
    ]


def test_a_school_renamed_in_orgs_is_renamed_in_the_portal(engine: Engine) -> None:
    orgs = good_text("orgs.csv").replace(
        "École primaire des Érables,school", "École des Érables (pavillon A),school"
    )
    dry = _run(engine, package(orgs_csv=orgs), dry_run=True)
    assert dry.counts[("school", "change")] == 1
    assert _school(engine, "001").name == "École primaire des Érables"  # type: ignore[union-attr]
    assert _run(engine, package(orgs_csv=orgs)).applied
    assert _school(engine, "001").name == "École des Érables (pavillon A)"  # type: ignore[union-attr]


def test_a_schools_secretary_is_told_only_that_the_other_school_is_not_hers(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session:
        org = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
        erables = session.exec(select(School).where(School.code == "001")).one()
        assert org.id is not None and erables.id is not None
        target = ImportTarget(org.id, frozenset({erables.id}), None)
        files = {"roster.zip": as_zip(package())}
        report = run_import(session, target, "oneroster", files, dry_run=True)
    # Not "refers to no line of the other files" for each class, enrolment and guardian of it.
    assert errors(report) == [("orgs.csv", 4, "imports.error.school_not_allowed")]


def test_a_file_that_cannot_be_read_or_is_no_zip_is_refused(engine: Engine) -> None:
    assert errors(run(engine, "oneroster", {"roster.zip": b"sourcedId\n"})) == [
        ("roster.zip", 0, "imports.error.not_zip")
    ]
    broken = package(users_csv=None)
    broken["users.csv"] = b"sourcedId\x00,role\n"
    assert errors(_run(engine, broken)) == [("users.csv", 0, "imports.error.encoding")]
