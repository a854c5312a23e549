"""Writing a batch of guardian rows: households, guardians, their e-mails, their links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from portail_famille.models import (
    Child,
    Enrolment,
    Family,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
)
from portail_famille.services.imports.context import ImportContext

if TYPE_CHECKING:
    from portail_famille.services.imports.kinds.guardians import GuardianRecord


def _children(records: list[GuardianRecord], context: ImportContext) -> dict[str, int]:
    """File number -> child id, for the children of the batch this staff member may reach."""
    org = context.target.organisation_id
    found = {
        number: child_id
        for number, child_id in context.session.exec(
            select(Child.file_number, Child.id).where(
                Child.organisation_id == org,
                col(Child.file_number).in_({r.child_file_number for r in records}),
            )
        ).all()
        if child_id is not None
    }
    schools = context.target.school_ids
    if schools is not None:  # a school's secretary links only that school's children
        allowed = set(
            context.session.exec(
                select(Enrolment.child_id).where(
                    col(Enrolment.child_id).in_(list(found.values())),
                    col(Enrolment.school_id).in_(schools),
                )
            ).all()
        )
        found = {number: cid for number, cid in found.items() if cid in allowed}
    return found


def _existing_guardians(records: list[GuardianRecord], context: ImportContext) -> dict[str, int]:
    """Record key -> guardian id, by external id first, then by any of the record's e-mails."""
    org, session = context.target.organisation_id, context.session
    external = {r.external_id for r in records if r.external_id}
    by_external = {
        ext: gid
        for ext, gid in session.exec(
            select(Guardian.external_id, Guardian.id).where(
                Guardian.organisation_id == org, col(Guardian.external_id).in_(external)
            )
        ).all()
        if ext and gid
    }
    emails = {e for r in records for e in r.emails}
    # E-mails first, then their guardians by id: joined, SQLite would walk every guardian of the
    # organisation for each batch, and a 50,000-row file would take minutes.
    candidates = session.exec(
        select(GuardianEmail.email, GuardianEmail.guardian_id)
        .where(col(GuardianEmail.email).in_(emails))
        .order_by(col(GuardianEmail.guardian_id))
    ).all()
    ours = set(
        session.exec(
            select(Guardian.id).where(
                col(Guardian.id).in_({gid for _e, gid in candidates}),
                Guardian.organisation_id == org,
            )
        ).all()
    )
    by_email: dict[str, int] = {}
    for email, gid in candidates:
        if gid in ours:
            by_email.setdefault(email, gid)
    found: dict[str, int] = {}
    for r in records:
        match = by_external.get(r.external_id or "")
        if match is None:
            match = next((by_email[e] for e in r.emails if e in by_email), None)
        if match is not None:
            found.setdefault(r.key, match)
    return found


def _families(records: list[GuardianRecord], context: ImportContext) -> dict[str, int]:
    """Household key -> family id, creating the households the batch names for the first time."""
    org, session = context.target.organisation_id, context.session
    keys = {r.household or r.key for r in records}
    found = {
        ext: fid
        for ext, fid in session.exec(
            select(Family.external_id, Family.id).where(
                Family.organisation_id == org, col(Family.external_id).in_(keys)
            )
        ).all()
        if ext and fid
    }
    created: dict[str, Family] = {}
    for r in records:
        key = r.household or r.key
        if key not in found and key not in created:
            created[key] = Family(
                organisation_id=org, name=f"Famille {r.last_name}", external_id=key
            )
            context.report.note("family", "create", created[key].name)
    session.add_all(created.values())
    session.flush()
    found.update({key: family.id for key, family in created.items() if family.id})
    return found


def _update_guardian(guardian: Guardian, record: GuardianRecord, family_id: int | None) -> bool:
    before = guardian.model_dump()
    guardian.first_name, guardian.last_name = record.first_name, record.last_name
    guardian.phone = record.phone or guardian.phone
    guardian.external_id = guardian.external_id or record.external_id
    if record.household and family_id is not None:
        guardian.family_id = family_id
    return guardian.model_dump() != before


def apply_guardians(records: list[GuardianRecord], context: ImportContext) -> None:
    session, report = context.session, context.report
    children = _children(records, context)
    kept = []
    for r in records:
        if r.child_file_number in children:
            kept.append(r)
        else:
            report.error(r.file, r.line, "imports.error.unknown_child", value=r.child_file_number)
    records = kept
    existing = _existing_guardians(records, context)
    families = _families(records, context)
    loaded = {
        g.id: g
        for g in session.exec(
            select(Guardian).where(col(Guardian.id).in_(set(existing.values())))
        ).all()
    }
    guardians: dict[str, Guardian] = {}
    for r in records:
        if r.key in guardians:
            continue
        family_id = families.get(r.household or r.key)
        guardian = loaded.get(existing.get(r.key))
        label = f"{r.first_name} {r.last_name}"
        if guardian is None:
            assert family_id is not None
            guardian = Guardian(
                organisation_id=context.target.organisation_id,
                family_id=family_id,
                first_name=r.first_name,
                last_name=r.last_name,
                phone=r.phone,
                external_id=r.external_id,
            )
            report.note("guardian", "create", label)
        elif (
            _update_guardian(guardian, r, family_id)
            and context.first_line("guardian_changed", r.key, r.line) is None
        ):
            report.note("guardian", "change", label)
        session.add(guardian)
        guardians[r.key] = guardian
    session.flush()
    _emails_and_links(records, guardians, children, context)


def _emails_and_links(
    records: list[GuardianRecord],
    guardians: dict[str, Guardian],
    children: dict[str, int],
    context: ImportContext,
) -> None:
    session, report = context.session, context.report
    ids = {g.id for g in guardians.values()}
    emails = {
        (e.guardian_id, e.email)
        for e in session.exec(select(GuardianEmail).where(col(GuardianEmail.guardian_id).in_(ids)))
    }
    links = {
        (link.guardian_id, link.child_id): link
        for link in session.exec(
            select(GuardianChildLink).where(col(GuardianChildLink.guardian_id).in_(ids))
        )
    }
    for r in records:
        guardian_id = guardians[r.key].id
        child_id = children[r.child_file_number]
        assert guardian_id is not None
        for email in r.emails:
            if (guardian_id, email) not in emails:
                emails.add((guardian_id, email))
                session.add(GuardianEmail(guardian_id=guardian_id, email=email))
                report.note("email", "create", email)
        label = f"{r.first_name} {r.last_name} → {r.child_file_number}"
        wanted: dict[str, Any] = {"relationship": r.relationship, **r.flags}
        link = links.get((guardian_id, child_id))
        if link is None:
            link = GuardianChildLink(guardian_id=guardian_id, child_id=child_id, **wanted)
            links[(guardian_id, child_id)] = link
            report.note("link", "create", label)
        elif any(getattr(link, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(link, name, value)
            report.note("link", "change", label)
        else:
            continue
        session.add(link)
