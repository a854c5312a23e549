"""What a family sees of its requests, and how any request's fields read: unsealed, bank
accounts masked, yes/no and fixed choices as catalogue keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, or_, select

from portail_famille.domain.masking import mask_account
from portail_famille.models import Child
from portail_famille.models.base import utcnow
from portail_famille.models.requests import (
    ChangeRequest,
    RequestDocument,
    RequestField,
    RequestStatus,
)
from portail_famille.services.access import active_user, guardian_links
from portail_famille.services.request_registry import FieldSpec, handler_for
from portail_famille.services.sealing import unseal


@dataclass(frozen=True)
class FieldView:
    name: str
    label_key: str
    before: str
    proposed: str
    decision: str
    # True: before/proposed are catalogue keys (yes/no, fixed choices, photo) or empty, to
    # translate on display.
    translated: bool = False
    conflict: bool = False
    current: str = ""


@dataclass(frozen=True)
class DocumentLink:
    reference: str
    filename: str
    is_photo: bool


@dataclass(frozen=True)
class RequestView:
    id: int
    category: str
    category_key: str
    status: str
    status_key: str
    created_at: datetime
    decided_at: datetime | None
    staff_comment: str
    child_name: str
    fields: list[FieldView] = field(default_factory=list)
    documents: list[DocumentLink] = field(default_factory=list)
    can_withdraw: bool = False
    version: int = 0


def display_value(spec: FieldSpec | None, value: str, sealed: bool) -> tuple[str, bool]:
    """(text to show, is it a catalogue key): unsealed, bank accounts masked."""
    if sealed and value:
        value = unseal(value) or ""
    if spec is None:
        return value, False
    if spec.kind == "iban":
        return (mask_account(value) if value else ""), False
    if spec.kind == "bool":
        return (f"requests.value.{value}" if value else ""), bool(value)
    if spec.kind == "file":
        return ("requests.photo.present" if value else "requests.photo.none"), True
    if spec.kind == "choice" and spec.choices and spec.choices[0][1].startswith("requests."):
        labels = dict(spec.choices)
        return (labels.get(value, value), value in labels)
    return value, False


def field_views(session: Session, request: ChangeRequest) -> list[FieldView]:
    handler = handler_for(request.category)
    specs = {s.name: s for s in handler.fields(None, None)}
    rows = session.exec(
        select(RequestField)
        .where(RequestField.request_id == request.id)
        .order_by(col(RequestField.position), col(RequestField.id))
    ).all()
    views = []
    for row in rows:
        spec = specs.get(row.name)
        before, before_is_key = display_value(spec, row.before, row.sealed)
        proposed, proposed_is_key = display_value(spec, row.proposed, row.sealed)
        views.append(
            FieldView(
                name=row.name,
                label_key=spec.label_key if spec else f"requests.field.{row.name}",
                before=before,
                proposed=proposed,
                decision=str(row.decision),
                translated=before_is_key or proposed_is_key,
            )
        )
    return views


def document_links(session: Session, request_id: int) -> list[DocumentLink]:
    rows = session.exec(
        select(RequestDocument)
        .where(RequestDocument.request_id == request_id)
        .order_by(col(RequestDocument.id))
    ).all()
    return [DocumentLink(d.reference, d.filename, d.is_photo) for d in rows]


def _visible_to_guardian(session: Session, user_id: int) -> ColumnElement[bool]:
    """The condition on ChangeRequest for what this guardian may see."""
    links = guardian_links(session, user_id, "view")
    families = {g.family_id for g, _l, _c in links}
    children = {c.id for _g, _l, c in links}
    return col(ChangeRequest.family_id).in_(families) & or_(
        col(ChangeRequest.child_id).is_(None), col(ChangeRequest.child_id).in_(children)
    )


def requests_for_guardian(session: Session, *, user_id: int, days: int = 31) -> list[RequestView]:
    """Pending requests, then those decided in the last `days`, newest first."""
    active_user(session, user_id)
    since = utcnow() - timedelta(days=days)
    rows = session.exec(
        select(ChangeRequest)
        .where(
            _visible_to_guardian(session, user_id),
            or_(
                col(ChangeRequest.status) == RequestStatus.PENDING,
                col(ChangeRequest.decided_at) >= since,
            ),
        )
        .order_by(col(ChangeRequest.created_at).desc(), col(ChangeRequest.id).desc())
    ).all()
    names = _child_names(session, {r.child_id for r in rows if r.child_id is not None})
    views = []
    for request in rows:
        assert request.id is not None
        views.append(
            RequestView(
                id=request.id,
                category=str(request.category),
                category_key=f"requests.category.{request.category}",
                status=str(request.status),
                status_key=f"requests.status.{request.status}",
                created_at=request.created_at,
                decided_at=request.decided_at,
                staff_comment=request.staff_comment,
                child_name=names.get(request.child_id or 0, ""),
                fields=field_views(session, request),
                documents=document_links(session, request.id),
                can_withdraw=request.status == RequestStatus.PENDING
                and request.requested_by == user_id,
                version=request.version,
            )
        )
    # Pending first, each group newest first.
    views.sort(key=lambda v: v.status != RequestStatus.PENDING)
    return views


def _child_names(session: Session, child_ids: set[int]) -> dict[int, str]:
    if not child_ids:
        return {}
    rows = session.exec(select(Child).where(col(Child.id).in_(child_ids))).all()
    return {c.id or 0: c.first_name for c in rows}


def pending_count_for_guardian(session: Session, *, user_id: int) -> int:
    active_user(session, user_id)
    return int(
        session.exec(
            select(func.count())
            .select_from(ChangeRequest)
            .where(
                _visible_to_guardian(session, user_id),
                col(ChangeRequest.status) == RequestStatus.PENDING,
            )
        ).one()
    )
