"""Linking a child to a guardian's account: by proving the child's identity, or by the codes
printed on the organisation's access letter (seed 004).

Wrong answers never say which field was wrong, are throttled per account, and are audited.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.codes import normalise_file_number, normalise_permanent_code
from portail_famille.domain.secrets import keyed_hash, normalise_letter_code
from portail_famille.models import (
    Child,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Organisation,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit, throttle
from portail_famille.services.access import active_user

THROTTLE_KIND = "link_child"


class LinkRefused(Exception):
    """The answers match no child this account may add (never says which field)."""


class LinkThrottled(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass(frozen=True)
class IdentityProof:
    organisation_id: int
    first_name: str
    last_name: str
    birth_date: date
    identifier: str  # file number or permanent code


def _folded(name: str) -> str:
    """Names compare without case, accents, hyphens or extra spaces: "Lea-Marie" is "Léa Marie"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.replace("-", " ").replace("'", " ").split())


def organisations(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).order_by(col(Organisation.name))).all())


def _claim(
    session: Session, user: UserAccount, guardian: Guardian, link: GuardianChildLink
) -> None:
    guardian.user_id = user.id
    link.claimed_at = link.claimed_at or utcnow()
    session.add(guardian)
    session.add(link)


def _check_throttle(session: Session, user_id: int) -> None:
    wait = throttle.wait_seconds(session, THROTTLE_KIND, str(user_id))
    if wait > 0:
        audit.record(session, action="child.link_throttled", actor_user_id=user_id)
        raise LinkThrottled(wait)


def _refuse(session: Session, user_id: int, method: str, organisation_id: int | None) -> None:
    throttle.record_failure(session, THROTTLE_KIND, str(user_id))
    audit.record(
        session,
        action="child.link_refused",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        method=method,
    )
    raise LinkRefused


def link_by_identity(session: Session, user_id: int, proof: IdentityProof) -> Child:
    """Links the child the proof names, if its record names this account's e-mail."""
    user = active_user(session, user_id)
    _check_throttle(session, user_id)
    file_number = normalise_file_number(proof.identifier)
    permanent_code = normalise_permanent_code(proof.identifier)
    candidates = session.exec(
        select(Child).where(
            Child.organisation_id == proof.organisation_id, Child.birth_date == proof.birth_date
        )
    ).all()
    child = next(
        (
            c
            for c in candidates
            if _folded(c.first_name) == _folded(proof.first_name)
            and _folded(c.last_name) == _folded(proof.last_name)
            and (
                (file_number is not None and c.file_number == file_number)
                or (permanent_code is not None and c.permanent_code == permanent_code)
            )
        ),
        None,
    )
    if child is not None:
        rows = session.exec(
            select(Guardian, GuardianChildLink)
            .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
            .join(GuardianEmail, col(GuardianEmail.guardian_id) == Guardian.id)
            .where(GuardianChildLink.child_id == child.id, GuardianEmail.email == user.email)
        ).all()
        for guardian, link in rows:
            if guardian.user_id in (None, user.id):
                _claim(session, user, guardian, link)
                _linked(session, user_id, child, "identity")
                return child
    # The id comes from the client: an unknown one must not break the audit entry's foreign key.
    known = session.get(Organisation, proof.organisation_id) is not None
    _refuse(session, user_id, "identity", proof.organisation_id if known else None)
    raise AssertionError("unreachable")


def link_by_codes(session: Session, user_id: int, child_code: str, payer_code: str) -> Child:
    """Links the child whose access-letter codes (child code + payer code) this account holds."""
    user = active_user(session, user_id)
    _check_throttle(session, user_id)
    secret = get_settings().secret_key.get_secret_value()
    child_hash = keyed_hash(secret, normalise_letter_code(child_code))
    payer_hash = keyed_hash(secret, normalise_letter_code(payer_code))
    row = session.exec(
        select(Child, Guardian, GuardianChildLink)
        .join(GuardianChildLink, col(GuardianChildLink.child_id) == Child.id)
        .join(Guardian, col(Guardian.id) == GuardianChildLink.guardian_id)
        .where(Child.child_code_hash == child_hash, Guardian.payer_code_hash == payer_hash)
    ).first()
    if row is not None and normalise_letter_code(child_code) and normalise_letter_code(payer_code):
        child, guardian, link = row
        if guardian.user_id in (None, user.id):
            _claim(session, user, guardian, link)
            _linked(session, user_id, child, "codes")
            return child
    _refuse(session, user_id, "codes", None)
    raise AssertionError("unreachable")


def _linked(session: Session, user_id: int, child: Child, method: str) -> None:
    # Failures are not forgiven on success: re-adding a known child must not reset the count.
    audit.record(
        session,
        action="child.linked",
        actor_user_id=user_id,
        organisation_id=child.organisation_id,
        object_type="child",
        object_id=child.id,
        method=method,
    )
