"""Guardians with their e-mails and links: a good file, a bad e-mail, re-import, matching keys."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import Guardian, GuardianChildLink, GuardianEmail
from tests.unit.services.imports.conftest import SAMPLES, counts, errors, run

pytestmark = pytest.mark.db

HEADER = "id_repondant;nom;prenom;courriel;fiche_enfant;lien;garde_partagee;payeur\n"


def _students(engine: Engine) -> None:
    assert run(engine, "students", {"eleves.csv": (SAMPLES / "eleves.csv").read_bytes()}).applied


def test_the_sample_file_creates_a_household_two_guardians_and_their_links(
    engine: Engine,
) -> None:
    _students(engine)
    data = (SAMPLES / "guardians.csv").read_bytes()
    report = run(engine, "guardians", {"guardians.csv": data})
    assert report.applied
    assert report.counts[("family", "create")] == 1
    assert report.counts[("guardian", "create")] == 2
    assert report.counts[("email", "create")] == 3
    assert report.counts[("link", "create")] == 2
    with Session(engine) as session:
        marc = session.exec(select(Guardian).where(Guardian.external_id == "R-5002")).one()
        link = session.exec(
            select(GuardianChildLink).where(GuardianChildLink.guardian_id == marc.id)
        ).one()
        assert (link.relationship, link.is_payer, link.receives_statements) == (
            "father",
            False,
            False,
        )
    before = counts(engine)
    again = run(engine, "guardians", {"guardians.csv": data})
    assert again.ok and again.changes == 0 and counts(engine) == before


def test_a_guardian_without_id_is_found_again_by_e_mail(engine: Engine) -> None:
    data = (
        "nom,prenom,courriel,numero_fiche,lien\n"
        "Roy,Sophie,Sophie.Roy@example.org,1000003,mère\n"
        "Roy,Sophie,sophie.roy@example.org,1000007,mère\n"
    ).encode("cp1252")
    before = counts(engine)
    report = run(engine, "guardians", {"g.csv": data})
    assert report.applied
    assert report.counts[("guardian", "create")] == 0
    assert report.counts[("link", "create")] == 1  # Alice; Émile's link was already there
    assert counts(engine)["Guardian"] == before["Guardian"]


def test_an_e_mail_that_is_not_one_names_its_line_and_writes_nothing(engine: Engine) -> None:
    data = (
        HEADER + "R-1;Roy;Paul;paul.roy@example.org;1000003;père;non;oui\n"
        "R-2;Roy;Anne;anne.roy(at)example.org;1000003;mère;non;oui\n"
    ).encode()
    before = counts(engine)
    report = run(engine, "guardians", {"g.csv": data})
    assert ("g.csv", 3, "imports.error.email") in errors(report)
    assert counts(engine) == before


def test_a_child_unknown_to_the_organisation_is_an_error(engine: Engine) -> None:
    data = (HEADER + "R-1;Martin;Paul;paul@example.org;2000001;père;non;oui\n").encode()
    before = counts(engine)
    report = run(engine, "guardians", {"g.csv": data})
    assert ("g.csv", 2, "imports.error.unknown_child") in errors(report)
    assert counts(engine) == before
    with Session(engine) as session:
        assert not session.exec(
            select(GuardianEmail).where(GuardianEmail.email == "paul@example.org")
        ).first()
