"""Staff import only into their own organisation, and a school's secretary only for her school."""

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import Organisation, UserAccount
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.imports import run_import, target_for_staff
from tests.unit.services.imports.conftest import counts, errors

pytestmark = pytest.mark.db

FILE = b"numero_fiche,nom,prenom,date_naissance,ecole\n1000030,Roy,Lou,2019-02-01,002\n"


def _ids(session: Session, email: str) -> tuple[int, int]:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    css = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
    assert user.id is not None and css.id is not None
    return user.id, css.id


@pytest.mark.parametrize("email", [COMMUNE_AGENT_EMAIL, PARENT_EMAIL])
def test_the_commune_or_a_parent_cannot_import_into_the_school_service_centre(
    engine: Engine, email: str
) -> None:
    with Session(engine) as session:
        user_id, css_id = _ids(session, email)
        with pytest.raises(Forbidden):
            target_for_staff(session, user_id, css_id)


def test_the_erables_secretary_cannot_import_for_another_school(engine: Engine) -> None:
    before = counts(engine)
    with Session(engine) as session:
        user_id, css_id = _ids(session, SECRETARY_EMAIL)
        target = target_for_staff(session, user_id, css_id)
        report = run_import(session, target, "students", {"e.csv": FILE}, dry_run=False)
    assert ("e.csv", 2, "imports.error.school_not_allowed") in errors(report)
    assert counts(engine) == before


@pytest.mark.parametrize(
    ("kind", "data", "key"),
    [
        (
            "marks",
            b"numero_fiche,matiere,evaluation,date,resultat\n1000002,Art,Dessin,2026-11-02,9/10\n",
            "imports.error.child_elsewhere",
        ),
        (
            "absences",
            b"numero_fiche,date,type\n1000002,2026-10-05,journee\n",
            "imports.error.child_elsewhere",
        ),
        (
            "timetable",
            b"ecole,groupe,jour,debut,fin,matiere\n002,203,1,8:15,9:30,Art\n",
            "imports.error.school_not_allowed",
        ),
    ],
)
def test_the_erables_secretary_imports_marks_absences_and_timetables_for_her_school_only(
    engine: Engine, kind: str, data: bytes, key: str
) -> None:
    with Session(engine) as session:
        user_id, css_id = _ids(session, SECRETARY_EMAIL)
        target = target_for_staff(session, user_id, css_id)
        report = run_import(session, target, kind, {"f.csv": data}, dry_run=False)
    assert ("f.csv", 2, key) in errors(report) and not report.applied
