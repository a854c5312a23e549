"""The admin sets the organisation's contacts ("Nous joindre"), periods and absence reasons;
nobody else."""

from datetime import date

import pytest
from sqlmodel import Session, select

from portail_famille.models import Absence, AbsenceReason, OrganisationSettings
from portail_famille.services import organisation_settings as org
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.help import organisation_directory
from tests.unit.services.staff_fixtures import commune_admin, organisation_id, user_id

pytestmark = pytest.mark.db


def test_contacts_saved_show_in_nous_joindre(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), organisation_id(session, "css-mille-lacs")
    org.update_contacts(
        session,
        user_id=admin,
        organisation_id=css,
        email="Accueil@Mille-Lacs.example.org",
        phone="+1 819 555-0199",
        address="1, place du Centre, Lac-Vert",
    )
    session.flush()
    [card] = [c for c in organisation_directory(session) if c.name.startswith("Centre")]
    assert (card.email, card.phone, card.address) == (
        "accueil@mille-lacs.example.org",
        "+1 819 555-0199",
        "1, place du Centre, Lac-Vert",
    )


def test_bad_contacts_are_refused_field_by_field(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), organisation_id(session, "css-mille-lacs")
    with pytest.raises(org.SettingsError) as refused:
        org.update_contacts(
            session, user_id=admin, organisation_id=css, email="nope", phone="abc", address=""
        )
    assert refused.value.errors == {
        "email": "records_admin.error.email",
        "phone": "records_admin.error.phone",
    }


def test_reasons_are_added_moved_renamed_and_removed_unless_used(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), organisation_id(session, "css-mille-lacs")
    start = org.settings_for(session, user_id=admin, organisation_id=css).reasons
    added = org.add_reason(
        session, user_id=admin, organisation_id=css, label_fr="Compétition", label_en="Competition"
    )
    assert added.id is not None
    org.move_reason(session, user_id=admin, reason_id=added.id, step=-1)
    session.flush()
    reasons = org.settings_for(session, user_id=admin, organisation_id=css).reasons
    assert len(reasons) == len(start) + 1
    assert start and reasons[-2].label_fr == "Compétition"
    org.rename_reason(
        session, user_id=admin, reason_id=added.id, label_fr="Tournoi", label_en="Tournament"
    )
    org.remove_reason(session, user_id=admin, reason_id=added.id)
    session.flush()
    assert session.get(AbsenceReason, added.id) is None


def test_a_used_reason_stays(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), organisation_id(session, "css-mille-lacs")
    reason = org.add_reason(session, user_id=admin, organisation_id=css, label_fr="A", label_en="A")
    absence = session.exec(select(Absence)).first()
    assert absence is not None  # the demo's agenda records absences
    absence.reason_id = reason.id
    session.add(absence)
    session.flush()
    assert reason.id is not None
    with pytest.raises(org.SettingsError):
        org.remove_reason(session, user_id=admin, reason_id=reason.id)


@pytest.mark.parametrize("email", [SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL, PARENT_EMAIL])
def test_others_change_nothing(session: Session, email: str) -> None:
    css = organisation_id(session, "css-mille-lacs")
    reason = org.add_reason(
        session,
        user_id=user_id(session, ADMIN_EMAIL),
        organisation_id=css,
        label_fr="B",
        label_en="B",
    )
    assert reason.id is not None
    for actor in (user_id(session, email), commune_admin(session)):
        with pytest.raises(Forbidden):
            org.settings_for(session, user_id=actor, organisation_id=css)
        with pytest.raises(Forbidden):
            org.update_contacts(
                session, user_id=actor, organisation_id=css, email="", phone="", address=""
            )
        with pytest.raises(Forbidden):
            org.add_reason(session, user_id=actor, organisation_id=css, label_fr="C", label_en="C")
        with pytest.raises(Forbidden):
            org.remove_reason(session, user_id=actor, reason_id=reason.id)
        with pytest.raises(Forbidden):
            org.move_reason(session, user_id=actor, reason_id=reason.id, step=1)
        with pytest.raises(Forbidden):
            org.rename_reason(
                session, user_id=actor, reason_id=reason.id, label_fr="D", label_en="D"
            )


def test_periods_are_saved_for_the_requests_feature_and_checked(session: Session) -> None:
    admin, css = user_id(session, ADMIN_EMAIL), organisation_id(session, "css-mille-lacs")
    org.update_periods(
        session,
        user_id=admin,
        organisation_id=css,
        reenrolment_opens_on=date(2027, 2, 1),
        reenrolment_closes_on=date(2027, 2, 28),
        records_confirmation_due_on=date(2026, 10, 1),
    )
    session.flush()
    row = session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == css)
    ).one()
    assert (row.reenrolment_opens_on, row.reenrolment_closes_on) == (
        date(2027, 2, 1),
        date(2027, 2, 28),
    )
    view = org.settings_for(session, user_id=admin, organisation_id=css)
    assert view.records_confirmation_due_on == date(2026, 10, 1)
    with pytest.raises(org.SettingsError) as refused:
        org.update_periods(
            session,
            user_id=admin,
            organisation_id=css,
            reenrolment_opens_on=date(2027, 3, 1),
            reenrolment_closes_on=date(2027, 2, 1),
            records_confirmation_due_on=None,
        )
    assert refused.value.errors == {"reenrolment_closes_on": "records_admin.error.date_order"}
    with pytest.raises(org.SettingsError):
        org.update_periods(
            session,
            user_id=admin,
            organisation_id=css,
            reenrolment_opens_on=date(2027, 3, 1),
            reenrolment_closes_on=None,
            records_confirmation_due_on=None,
        )
    with pytest.raises(Forbidden):
        org.update_periods(
            session,
            user_id=commune_admin(session),
            organisation_id=css,
            reenrolment_opens_on=None,
            reenrolment_closes_on=None,
            records_confirmation_due_on=None,
        )
