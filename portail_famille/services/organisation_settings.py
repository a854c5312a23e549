"""What an administrator sets for their organisation: the contacts families see in "Nous joindre",
and the list of absence reasons (periods join them once the requests feature lands).

Every function re-checks that the acting account administers the organisation it touches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from portail_famille.domain.contact import is_plausible_email, is_plausible_phone
from portail_famille.models import Absence, AbsenceReason, Organisation, OrganisationSettings
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.staff_access import admin_organisation_ids

LABEL_MAX = 120


class SettingsError(ValueError):
    """Bad input: field name -> catalogue key of the error shown next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class ReasonRow:
    reason_id: int
    label_fr: str
    label_en: str
    in_use: bool


@dataclass(frozen=True)
class SettingsView:
    organisation_id: int
    name: str
    email: str
    phone: str
    address: str
    reasons: list[ReasonRow]
    reenrolment_opens_on: date | None = None
    reenrolment_closes_on: date | None = None
    records_confirmation_due_on: date | None = None


def administered_organisations(session: Session, *, user_id: int | None) -> list[Organisation]:
    """The organisations this account administers, by name; Forbidden if none."""
    orgs = admin_organisation_ids(session, user_id)
    return list(
        session.exec(
            select(Organisation)
            .where(col(Organisation.id).in_(orgs))
            .order_by(col(Organisation.name), col(Organisation.id))
        ).all()
    )


def _administered(session: Session, user_id: int | None, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or organisation_id not in admin_organisation_ids(session, user_id):
        raise Forbidden
    return organisation


def settings_for(session: Session, *, user_id: int | None, organisation_id: int) -> SettingsView:
    organisation = _administered(session, user_id, organisation_id)
    reasons = session.exec(
        select(AbsenceReason)
        .where(AbsenceReason.organisation_id == organisation_id)
        .order_by(col(AbsenceReason.position), col(AbsenceReason.id))
    ).all()
    used = set(
        session.exec(
            select(Absence.reason_id).where(col(Absence.reason_id).in_([r.id for r in reasons]))
        ).all()
    )
    periods = _periods_row(session, organisation_id)
    return SettingsView(
        reenrolment_opens_on=periods.reenrolment_opens_on if periods else None,
        reenrolment_closes_on=periods.reenrolment_closes_on if periods else None,
        records_confirmation_due_on=periods.records_confirmation_due_on if periods else None,
        organisation_id=organisation_id,
        name=organisation.name,
        email=organisation.email or "",
        phone=organisation.phone or "",
        address=organisation.address or "",
        reasons=[ReasonRow(r.id or 0, r.label_fr, r.label_en, r.id in used) for r in reasons],
    )


def update_contacts(
    session: Session,
    *,
    user_id: int | None,
    organisation_id: int,
    email: str,
    phone: str,
    address: str,
) -> None:
    """Saves the contacts shown in "Nous joindre"; empty fields are allowed, wrong ones are not."""
    organisation = _administered(session, user_id, organisation_id)
    email, phone, address = email.strip().lower(), phone.strip(), " ".join(address.split())
    errors = {}
    if email and not is_plausible_email(email):
        errors["email"] = "records_admin.error.email"
    if phone and not is_plausible_phone(phone):
        errors["phone"] = "records_admin.error.phone"
    if len(address) > 300:
        errors["address"] = "records_admin.error.address"
    if errors:
        raise SettingsError(errors)
    organisation.email, organisation.phone = email or None, phone or None
    organisation.address = address or None
    session.add(organisation)
    audit.record(
        session,
        action="organisation.contacts_changed",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="organisation",
        object_id=organisation_id,
    )


def _labels(label_fr: str, label_en: str) -> tuple[str, str]:
    fr, en = " ".join(label_fr.split()), " ".join(label_en.split())
    errors = {}
    for name, value in (("label_fr", fr), ("label_en", en)):
        if not value or len(value) > LABEL_MAX:
            errors[name] = "records_admin.error.label"
    if errors:
        raise SettingsError(errors)
    return fr, en


def add_reason(
    session: Session, *, user_id: int | None, organisation_id: int, label_fr: str, label_en: str
) -> AbsenceReason:
    """Adds a reason at the end of the organisation's list."""
    _administered(session, user_id, organisation_id)
    fr, en = _labels(label_fr, label_en)
    last = session.exec(
        select(func.max(AbsenceReason.position)).where(
            AbsenceReason.organisation_id == organisation_id
        )
    ).one()
    reason = AbsenceReason(
        organisation_id=organisation_id, label_fr=fr, label_en=en, position=(last or 0) + 1
    )
    session.add(reason)
    session.flush()
    audit.record(
        session,
        action="organisation.reason_added",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="absence_reason",
        object_id=reason.id,
        label=fr,
    )
    return reason


def _reason(session: Session, user_id: int | None, reason_id: int) -> AbsenceReason:
    reason = session.get(AbsenceReason, reason_id)
    if reason is None:
        raise Forbidden
    _administered(session, user_id, reason.organisation_id)
    return reason


def rename_reason(
    session: Session, *, user_id: int | None, reason_id: int, label_fr: str, label_en: str
) -> None:
    reason = _reason(session, user_id, reason_id)
    reason.label_fr, reason.label_en = _labels(label_fr, label_en)
    session.add(reason)
    audit.record(
        session,
        action="organisation.reason_renamed",
        actor_user_id=user_id,
        organisation_id=reason.organisation_id,
        object_type="absence_reason",
        object_id=reason.id,
        label=reason.label_fr,
    )


def remove_reason(session: Session, *, user_id: int | None, reason_id: int) -> None:
    """Removes a reason no absence uses (a used one stays, or past absences lose their reason)."""
    reason = _reason(session, user_id, reason_id)
    if session.exec(select(Absence.id).where(Absence.reason_id == reason_id)).first():
        raise SettingsError({"reasons": "records_admin.error.reason_in_use"})
    session.delete(reason)
    audit.record(
        session,
        action="organisation.reason_removed",
        actor_user_id=user_id,
        organisation_id=reason.organisation_id,
        object_type="absence_reason",
        object_id=reason_id,
        label=reason.label_fr,
    )


def move_reason(session: Session, *, user_id: int | None, reason_id: int, step: int) -> None:
    """Moves a reason one place up (step -1) or down (+1) in the list families choose from."""
    reason = _reason(session, user_id, reason_id)
    ordered = list(
        session.exec(
            select(AbsenceReason)
            .where(AbsenceReason.organisation_id == reason.organisation_id)
            .order_by(col(AbsenceReason.position), col(AbsenceReason.id))
        ).all()
    )
    index = ordered.index(reason)
    target = index + (1 if step > 0 else -1)
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, row in enumerate(ordered, start=1):
        row.position = position
        session.add(row)


def _periods_row(session: Session, organisation_id: int) -> OrganisationSettings | None:
    return session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation_id)
    ).first()


def update_periods(
    session: Session,
    *,
    user_id: int | None,
    organisation_id: int,
    reenrolment_opens_on: date | None,
    reenrolment_closes_on: date | None,
    records_confirmation_due_on: date | None,
) -> None:
    """The re-enrolment period (both days or neither; None closes it) and the day families
    confirm their records by, read by the requests feature."""
    _administered(session, user_id, organisation_id)
    opens, closes = reenrolment_opens_on, reenrolment_closes_on
    if (opens is None) != (closes is None):
        missing = "reenrolment_closes_on" if closes is None else "reenrolment_opens_on"
        raise SettingsError({missing: "records_admin.error.period_both"})
    if opens is not None and closes is not None and closes < opens:
        raise SettingsError({"reenrolment_closes_on": "records_admin.error.date_order"})
    row = _periods_row(session, organisation_id) or OrganisationSettings(
        organisation_id=organisation_id
    )
    row.reenrolment_opens_on, row.reenrolment_closes_on = opens, closes
    row.records_confirmation_due_on = records_confirmation_due_on
    session.add(row)
    audit.record(
        session,
        action="organisation.periods_changed",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="organisation",
        object_id=organisation_id,
        opens=opens.isoformat() if opens else None,
        closes=closes.isoformat() if closes else None,
        confirmation_due=records_confirmation_due_on.isoformat()
        if records_confirmation_due_on
        else None,
    )
