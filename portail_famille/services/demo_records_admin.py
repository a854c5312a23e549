"""Demo data of the records and admin screens: the organisations' postal addresses ("Nous
joindre"), and staff openings of Thomas's record so his mother's "who viewed" list is not empty.

Called once by load_demo, after the children and staff accounts exist.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from portail_famille.models import AuditEntry, Child, Organisation, UserAccount

ADDRESSES = {
    "css-mille-lacs": "250, rue Principale, Lac-Vert (Québec)",
    "saint-aubin": "1 place de la Mairie, 44000 Saint-Aubin-sur-Loire",
}


def load_records_admin_demo(session: Session) -> None:
    for organisation in session.exec(select(Organisation)).all():
        organisation.address = ADDRESSES.get(organisation.slug, organisation.address)
        session.add(organisation)
    thomas = session.exec(select(Child).where(Child.file_number == "1000002")).one()
    boise = session.exec(
        select(UserAccount).where(UserAccount.email == "secretariat.boise@example.org")
    ).one()
    openings: list[tuple[str, datetime, dict[str, object]]] = [
        ("child.record_viewed", datetime(2026, 11, 18, 13, 5, tzinfo=UTC), {}),
        (
            "child.health_viewed",
            datetime(2026, 11, 18, 13, 6, tzinfo=UTC),
            {"reason": "Sortie de plein air du 20 novembre"},
        ),
    ]
    for action, at, detail in openings:
        session.add(
            AuditEntry(
                at=at,
                action=action,
                actor_user_id=boise.id,
                organisation_id=thomas.organisation_id,
                object_type="child",
                object_id=thomas.id,
                child_id=thomas.id,
                detail=detail,
            )
        )
    session.flush()
