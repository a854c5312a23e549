"""The demo: what README promises is there, and loading it again changes nothing."""

import pytest
from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    OrganisationKind,
    School,
    SchoolYear,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services.accounts import authenticate
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    GUARDIAN_WITHOUT_ACCOUNT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
    load_demo,
)

pytestmark = pytest.mark.db


def _counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }


def test_demo_loads_into_an_empty_database_once(empty_database_url: str) -> None:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        assert load_demo(session)
        session.commit()
        before = _counts(session)
        assert not load_demo(session)
        session.commit()
        assert _counts(session) == before
    engine.dispose()


def test_demo_has_what_readme_promises(session: Session) -> None:
    kinds = {org.kind for org in session.exec(select(Organisation)).all()}
    assert kinds == {OrganisationKind.SCHOOL_SERVICE_CENTRE, OrganisationKind.COMMUNE}
    levels = {school.level for school in session.exec(select(School)).all()}
    assert {"primary", "secondary"} <= levels
    assert session.exec(select(func.count()).select_from(Family)).one() >= 8

    # Two guardians in shared custody of the same two children, in two schools.
    shared = session.exec(
        select(GuardianChildLink).where(col(GuardianChildLink.shared_custody).is_(True))
    ).all()
    by_child: dict[int, set[int]] = {}
    for link in shared:
        by_child.setdefault(link.child_id, set()).add(link.guardian_id)
    pairs = [guardians for guardians in by_child.values() if len(guardians) == 2]
    assert len(pairs) >= 2 and pairs[0] == pairs[1]
    schools = session.exec(
        select(Enrolment.school_id).where(col(Enrolment.child_id).in_(list(by_child)))
    ).all()
    assert len(set(schools)) == 2

    # A guardian registered by e-mail with no account yet.
    unlinked = session.exec(
        select(Guardian)
        .join(GuardianEmail, col(GuardianEmail.guardian_id) == Guardian.id)
        .where(GuardianEmail.email == GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
    ).one()
    assert unlinked.user_id is None
    assert (
        session.exec(
            select(UserAccount).where(UserAccount.email == GUARDIAN_WITHOUT_ACCOUNT_EMAIL)
        ).first()
        is None
    )

    # A child who is on file but not active this school year.
    inactive = session.exec(
        select(Child)
        .join(Enrolment, col(Enrolment.child_id) == Child.id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(col(SchoolYear.is_current).is_(True), col(Enrolment.active).is_(False))
    ).all()
    assert [child.first_name for child in inactive] == ["Noah"]

    # Staff in each organisation.
    staff_orgs = {m.organisation_id for m in session.exec(select(StaffMembership)).all()}
    assert len(staff_orgs) == 2
    roles = {m.role for m in session.exec(select(StaffMembership)).all()}
    assert {StaffRole.SECRETARY, StaffRole.CHILDHOOD_SERVICE, StaffRole.ADMIN} <= roles


@pytest.mark.parametrize("email", [PARENT_EMAIL, SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL, ADMIN_EMAIL])
def test_readme_sign_ins_work(session: Session, email: str) -> None:
    assert authenticate(session, email, DEMO_PASSWORD) is not None
    assert authenticate(session, email, DEMO_PASSWORD + "x") is None
