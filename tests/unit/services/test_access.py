"""A guardian reaches only linked children, with the link's rights; staff only their scope."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import Child, School, UserAccount
from portail_famille.services.access import (
    Forbidden,
    child_for_guardian,
    guardian_links,
    staff_scope,
)
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)

pytestmark = pytest.mark.db


def _user(session: Session, email: str) -> int:
    user = session.exec(select(UserAccount).where(UserAccount.email == email)).one()
    assert user.id is not None
    return user.id


def _child(session: Session, first_name: str) -> Child:
    return session.exec(select(Child).where(Child.first_name == first_name)).one()


def test_a_parent_reaches_her_own_children_only(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    names = {child.first_name for _g, _l, child in guardian_links(session, marie)}
    assert names == {"Léa", "Thomas"}
    lea = _child(session, "Léa")
    assert child_for_guardian(session, marie, lea.id or 0)[0].first_name == "Léa"


@pytest.mark.parametrize("other", ["Émile", "Jade", "Noah"])
def test_another_familys_child_is_forbidden(session: Session, other: str) -> None:
    marie = _user(session, PARENT_EMAIL)
    with pytest.raises(Forbidden):
        child_for_guardian(session, marie, _child(session, other).id or 0)


def test_an_id_that_does_not_exist_looks_like_any_forbidden_one(session: Session) -> None:
    with pytest.raises(Forbidden):
        child_for_guardian(session, _user(session, PARENT_EMAIL), 10**9)
    with pytest.raises(Forbidden):
        child_for_guardian(session, 10**9, _child(session, "Léa").id or 0)


def test_the_links_rights_are_checked(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    lea = _child(session, "Léa")
    _child_row, link = child_for_guardian(session, marie, lea.id or 0, "pay")
    link.can_pay = False
    session.add(link)
    session.flush()
    assert child_for_guardian(session, marie, lea.id or 0, "view")[0].id == lea.id
    with pytest.raises(Forbidden):
        child_for_guardian(session, marie, lea.id or 0, "pay")
    link.can_view = False
    session.add(link)
    session.flush()
    assert {c.first_name for _g, _l, c in guardian_links(session, marie)} == {"Thomas"}
    with pytest.raises(Forbidden):
        child_for_guardian(session, marie, lea.id or 0)


def test_a_school_secretary_is_bound_to_her_school(session: Session) -> None:
    scope = staff_scope(session, _user(session, SECRETARY_EMAIL))
    erables = session.exec(select(School).where(School.code == "001")).one()
    boise = session.exec(select(School).where(School.code == "002")).one()
    assert scope.allows_school(erables.organisation_id, erables.id or 0)
    assert not scope.allows_school(boise.organisation_id, boise.id or 0)
    assert len(scope.organisation_ids) == 1


def test_organisation_wide_roles_see_every_school_of_theirs_and_no_other(session: Session) -> None:
    admin = staff_scope(session, _user(session, ADMIN_EMAIL))
    agent = staff_scope(session, _user(session, COMMUNE_AGENT_EMAIL))
    assert admin.organisation_ids.isdisjoint(agent.organisation_ids)
    for school in session.exec(select(School)).all():
        assert admin.allows_school(school.organisation_id, school.id or 0) != agent.allows_school(
            school.organisation_id, school.id or 0
        )


def test_a_parent_is_not_staff(session: Session) -> None:
    with pytest.raises(Forbidden):
        staff_scope(session, _user(session, PARENT_EMAIL))
