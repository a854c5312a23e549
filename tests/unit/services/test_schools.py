"""An administrator creates and changes the organisation's schools; nobody else, nowhere else."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from portail_famille.models import AuditEntry, Organisation, School
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.schools import SchoolError, save_school, schools_of
from tests.results_fixtures import user_id

pytestmark = pytest.mark.db


def _org(session: Session, slug: str) -> int:
    found = session.exec(select(Organisation).where(Organisation.slug == slug)).one().id
    assert found is not None
    return found


def _school(session: Session, code: str) -> School:
    return session.exec(select(School).where(School.code == code)).one()


def test_an_admin_creates_a_school_then_renames_it_and_both_are_audited(
    session: Session,
) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), _org(session, "css-mille-lacs")
    new_id = save_school(
        session,
        user_id=admin,
        organisation_id=css,
        school_id=None,
        code=" 099 ",
        name="École  de la Rivière",
    )
    assert ("099", "École de la Rivière") in {
        (s.code, s.name) for s in schools_of(session, user_id=admin, organisation_id=css)
    }
    save_school(
        session,
        user_id=admin,
        organisation_id=css,
        school_id=new_id,
        code="099",
        name="École primaire de la Rivière",
    )
    assert _school(session, "099").name == "École primaire de la Rivière"
    actions = session.exec(
        select(AuditEntry.action).where(AuditEntry.object_type == "school")
    ).all()
    assert sorted(actions) == ["school.changed", "school.created"]


def test_submitting_the_same_new_school_twice_makes_one(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), _org(session, "css-mille-lacs")
    kwargs = {"user_id": admin, "organisation_id": css, "school_id": None}
    first = save_school(session, **kwargs, code="099", name="École de la Rivière")  # type: ignore[arg-type]
    again = save_school(session, **kwargs, code="099", name="École de la Rivière")  # type: ignore[arg-type]
    assert first == again
    assert len(session.exec(select(School).where(School.code == "099")).all()) == 1


def test_bad_input_is_named_field_by_field(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), _org(session, "css-mille-lacs")
    with pytest.raises(SchoolError) as empty:
        save_school(session, user_id=admin, organisation_id=css, school_id=None, code="", name=" ")
    assert empty.value.errors == {
        "code": "schools.error.code_required",
        "name": "schools.error.name_required",
    }
    with pytest.raises(SchoolError) as taken:  # 002 is the Boisé's code, whatever the case
        save_school(
            session,
            user_id=admin,
            organisation_id=css,
            school_id=_school(session, "001").id,
            code="002",
            name="x" * 201,
        )
    assert taken.value.errors == {
        "code": "schools.error.code_taken",
        "name": "schools.error.name_too_long",
    }
    assert _school(session, "001").name == "École primaire des Érables"


def test_a_secretary_a_parent_and_another_organisations_school_are_refused(
    session: Session,
) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), _org(session, "css-mille-lacs")
    for someone in (SECRETARY_EMAIL, PARENT_EMAIL):
        with pytest.raises(Forbidden):
            save_school(
                session,
                user_id=user_id(session, someone),
                organisation_id=css,
                school_id=None,
                code="099",
                name="École de la Rivière",
            )
        with pytest.raises(Forbidden):
            schools_of(session, user_id=user_id(session, someone), organisation_id=css)
    with pytest.raises(Forbidden):  # the commune's school, through the admin's own organisation
        save_school(
            session,
            user_id=admin,
            organisation_id=css,
            school_id=_school(session, "M01").id,
            code="M01",
            name="Prise",
        )
    with pytest.raises(Forbidden):  # the commune itself, which this admin does not administer
        save_school(
            session,
            user_id=admin,
            organisation_id=_org(session, "saint-aubin"),
            school_id=None,
            code="E02",
            name="Nouvelle école",
        )
    assert _school(session, "M01").name == "École maternelle Les Coquelicots"
