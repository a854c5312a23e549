"""Planning fixtures: commune families with one child each, registered for a small activity."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlmodel import Session, select

from portail_famille.models import (
    Activity,
    ActivityKind,
    ActivityRate,
    ActivityRegistration,
    BillingService,
    Child,
    CutoffKind,
    Family,
    Guardian,
    GuardianChildLink,
    Organisation,
    Relationship,
    UserAccount,
)

# A Monday of the school year, outside every holiday; booking it is open on NOW.
DAY = date(2027, 5, 3)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def commune(session: Session) -> Organisation:
    return session.exec(select(Organisation).where(Organisation.slug == "saint-aubin")).one()


def small_activity(session: Session, capacity: int, rates=((0, None, 300),)) -> Activity:
    org = commune(session)
    service = session.exec(
        select(BillingService).where(BillingService.organisation_id == org.id)
    ).first()
    activity = Activity(
        organisation_id=org.id or 0,
        name=f"Atelier {capacity}",
        kind=ActivityKind.EVENING_CARE,
        capacity=capacity,
        weekdays="1,2,3,4,5",
        cutoff_kind=CutoffKind.WEEKLY,
        cutoff_weekday=5,
        cutoff_time=time(12, 0),
        billing_service_id=service.id if service else None,
    )
    session.add(activity)
    session.flush()
    for low, high, cents in rates:
        session.add(
            ActivityRate(
                activity_id=activity.id or 0, quotient_min=low, quotient_max=high, unit_cents=cents
            )
        )
    return activity


def family_with_child(
    session: Session, activity: Activity, name: str, *, can_book: bool = True
) -> tuple[UserAccount, Child]:
    """A family whose guardian has an account that claimed the child, registered for `activity`."""
    org_id = activity.organisation_id
    user = UserAccount(email=f"{name.lower()}@example.org", display_name=name, password_hash="x")
    family = Family(organisation_id=org_id, name=f"Famille {name}")
    session.add_all([user, family])
    session.flush()
    guardian = Guardian(
        organisation_id=org_id,
        family_id=family.id or 0,
        first_name="Parent",
        last_name=name,
        user_id=user.id,
    )
    child = Child(
        organisation_id=org_id,
        first_name=f"Enfant{name}",
        last_name=name,
        birth_date=date(2018, 1, 1),
        file_number=str(abs(hash(name)) % 10_000_000).zfill(7),
    )
    session.add_all([guardian, child])
    session.flush()
    session.add(
        GuardianChildLink(
            guardian_id=guardian.id or 0,
            child_id=child.id or 0,
            relationship=Relationship.MOTHER,
            can_book=can_book,
            claimed_at=NOW,
        )
    )
    session.add(ActivityRegistration(activity_id=activity.id or 0, child_id=child.id or 0))
    session.flush()
    return user, child
