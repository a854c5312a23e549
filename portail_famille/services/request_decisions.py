"""The staff side of requests: the queue, one request in detail, and the decision.

A decision is applied exactly once: the request leaves `pending` through one conditional UPDATE
(`... WHERE id = ? AND status = 'pending' AND version = ?`). Two staff members deciding at the same
moment both reach that UPDATE; the database lets one through and the other matches no row and gets
AlreadyDecided (on PostgreSQL the second waits for the first's row lock, then re-reads the row).
Whatever fails after the claim (an applier, the mail) rolls the whole decision back: nothing is
half-applied and the request stays pending.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col

from portail_famille.domain import requests as rules
from portail_famille.models.base import utcnow
from portail_famille.models.requests import ChangeRequest, FieldDecision, RequestStatus
from portail_famille.services import audit
from portail_famille.services.request_notify import notify_decision
from portail_famille.services.request_queue import (
    ConsoleRequest,
    QueueFilters,
    age_on,
    conflicts_of,
    console_request,
    find_conflicts,
    plain_value,
    queue,
    queue_page,
    queue_schools,
    request_detail,
    request_fields,
    request_for_staff,
    request_target,
)
from portail_famille.services.request_registry import ApplyFailed, handler_for

__all__ = [
    "AlreadyDecided",
    "ConsoleRequest",
    "DecisionFailed",
    "DecisionResult",
    "QueueFilters",
    "RequestConflict",
    "age_on",
    "approve_whole",
    "console_request",
    "decide",
    "find_conflicts",
    "queue",
    "queue_page",
    "queue_schools",
    "request_detail",
    "request_for_staff",
]


class AlreadyDecided(Exception):
    """Someone else decided (or the family withdrew) first: nothing was changed."""


class RequestConflict(Exception):
    """The record changed since the family asked; staff choose per field before applying."""

    def __init__(self, conflicts: list[rules.Conflict]) -> None:
        super().__init__([c.name for c in conflicts])
        self.conflicts = conflicts


class DecisionFailed(Exception):
    """Applying failed and everything rolled back; `key` is the catalogue key of the reason."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class DecisionResult:
    status: RequestStatus
    applied: list[str]
    refused: list[str]


def decide(
    session: Session,
    *,
    user_id: int,
    request_id: int,
    accepted_fields: Collection[str],
    comment: str = "",
    expected_version: int,
    apply_conflicts: bool = False,
) -> DecisionResult:
    """Accepts the fields named in `accepted_fields`, refuses the others, applies, notifies.

    Raises Forbidden (not this staff member's request), AlreadyDecided (someone was first),
    RequestConflict (an accepted field changed on the record since; pass apply_conflicts=True to
    overwrite, or refuse that field) or DecisionFailed (applying failed). After any of these the
    session holds nothing of the decision: it was rolled back.
    """
    request = request_for_staff(session, user_id, request_id)
    if request.status != RequestStatus.PENDING or request.version != expected_version:
        raise AlreadyDecided
    rows = request_fields(session, request)
    decisions = rules.field_decisions([r.name for r in rows], accepted_fields)
    status = rules.outcome(decisions)
    now = utcnow()
    # The claim: the one statement that lets exactly one decision through.
    claimed = session.execute(
        update(ChangeRequest)
        .where(
            col(ChangeRequest.id) == request_id,
            col(ChangeRequest.status) == RequestStatus.PENDING,
            col(ChangeRequest.version) == expected_version,
        )
        .values(
            status=status,
            version=expected_version + 1,
            decided_at=now,
            decided_by=user_id,
            staff_comment=comment.strip()[:2000],
        )
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        raise AlreadyDecided
    try:
        session.refresh(request)
        accepted = {n for n, d in decisions.items() if d == FieldDecision.ACCEPTED}
        clashes = [c for c in conflicts_of(session, request, rows) if c.name in accepted]
        if clashes and not apply_conflicts:
            raise RequestConflict(clashes)
        for row in rows:
            row.decision = decisions[row.name]
            session.add(row)
        if accepted:
            handler = handler_for(request.category)
            values = {r.name: plain_value(r, r.proposed) for r in rows if r.name in accepted}
            handler.apply(session, request_target(session, request), values, request)
        audit.record(
            session,
            action="request.decided",
            actor_user_id=user_id,
            organisation_id=request.organisation_id,
            object_type="request",
            object_id=request_id,
            status=str(status),
            accepted=sorted(accepted),
            refused=sorted(set(decisions) - accepted),
            overwrote=sorted(c.name for c in clashes),
            child_id=request.child_id,
        )
        notify_decision(session, request=request, staff_user_id=user_id)
        session.flush()
    except ApplyFailed as failed:
        session.rollback()
        raise DecisionFailed(failed.key) from None
    except BaseException:
        session.rollback()
        raise
    return DecisionResult(
        status=status,
        applied=sorted(accepted),
        refused=sorted(set(decisions) - accepted),
    )


def approve_whole(
    session: Session, *, user_id: int, request_id: int, expected_version: int
) -> DecisionResult:
    """Bulk approval of one request: every field, no overwriting of a changed record."""
    request = request_for_staff(session, user_id, request_id)
    names = [r.name for r in request_fields(session, request)]
    return decide(
        session,
        user_id=user_id,
        request_id=request_id,
        accepted_fields=names,
        expected_version=expected_version,
    )
