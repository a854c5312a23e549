"""The family's side of the request workflow: submit, withdraw, list, count, prefill.

Every change a family makes to its records is a request that staff decide on
(services/request_decisions.py). These functions check the guardian's link first, then validate
through the category's handler (services/request_registry.py); nothing here commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence

from sqlalchemy import update
from sqlmodel import Session, col

from portail_famille.domain.attachments import AttachmentRefused, check_attachment
from portail_famille.domain.masking import mask_account
from portail_famille.domain.photos import PhotoRefused, reencode_photo
from portail_famille.domain.requests import changed_fields
from portail_famille.models import Guardian
from portail_famille.models.base import utcnow
from portail_famille.models.requests import (
    ChangeRequest,
    RequestCategory,
    RequestDocument,
    RequestField,
    RequestStatus,
)
from portail_famille.services import audit

# The core categories register themselves when imported.
from portail_famille.services import request_categories_activity as _activity  # noqa: F401
from portail_famille.services import request_categories_child as _child  # noqa: F401
from portail_famille.services import request_categories_enrolment as _enrolment  # noqa: F401
from portail_famille.services import request_categories_family as _family  # noqa: F401
from portail_famille.services.access import (
    Forbidden,
    active_user,
    child_for_guardian,
    guardian_links,
)
from portail_famille.services.placement import current_placement
from portail_famille.services.request_categories_child import photo_fingerprint
from portail_famille.services.request_registry import (
    FieldSpec,
    RequestInvalid,
    Target,
    clean_values,
    handler_for,
)
from portail_famille.services.request_views import (
    DocumentLink,
    FieldView,
    RequestView,
    display_value,
    document_links,
    field_views,
    pending_count_for_guardian,
    requests_for_guardian,
)
from portail_famille.services.sealing import seal
from portail_famille.services.submissions import submit_once

__all__ = [
    "DocumentLink",
    "FieldSpec",
    "FieldView",
    "RequestInvalid",
    "RequestView",
    "category_fields",
    "current_values",
    "display_value",
    "document_links",
    "field_views",
    "pending_count_for_guardian",
    "requests_for_guardian",
    "submit_request",
    "withdraw_request",
]

MAX_DOCUMENTS = 5


def _target(
    session: Session, user_id: int, category: RequestCategory | str, child_id: int | None
) -> Target:
    """Where a request of `category` by this guardian lands; Forbidden without the link."""
    handler = handler_for(category)
    active_user(session, user_id)
    if handler.scope == "child":
        if child_id is None:
            raise RequestInvalid({"": "requests.error.child"})
        child, link = child_for_guardian(session, user_id, child_id, handler.right)
        guardian = session.get(Guardian, link.guardian_id)
        assert guardian is not None and guardian.id is not None and child.id is not None
        placement = current_placement(session, child.id)
        return Target(
            organisation_id=child.organisation_id,
            family_id=guardian.family_id,
            child_id=child.id,
            user_id=user_id,
            guardian_id=guardian.id,
            school_id=placement.school_id if placement else None,
        )
    links = guardian_links(session, user_id, "view")
    if child_id is not None:
        links = [row for row in links if row[2].id == child_id]
    if not links:
        raise Forbidden
    guardian, _link, child = links[0]
    assert guardian.id is not None and child.id is not None
    placement = current_placement(session, child.id)
    return Target(
        organisation_id=guardian.organisation_id,
        family_id=guardian.family_id,
        child_id=None,
        user_id=user_id,
        guardian_id=guardian.id,
        school_id=placement.school_id if placement else None,
    )


def category_fields(
    category: RequestCategory | str,
    session: Session | None = None,
    *,
    user_id: int | None = None,
    child_id: int | None = None,
) -> list[FieldSpec]:
    """What a family's form shows; with a session and user, choices read from the records."""
    handler = handler_for(category)
    target = None
    if session is not None and user_id is not None:
        target = _target(session, user_id, category, child_id)
    return handler.fields(session, target)


def current_values(
    session: Session,
    *,
    user_id: int,
    category: RequestCategory | str,
    child_id: int | None = None,
) -> dict[str, str]:
    """The record's values to prefill the form; bank accounts masked."""
    target = _target(session, user_id, category, child_id)
    handler = handler_for(category)
    specs = {s.name: s for s in handler.fields(session, target)}
    values = handler.current(session, target)
    return {
        name: mask_account(value)
        if value and specs.get(name) and specs[name].kind == "iban"
        else value
        for name, value in values.items()
    }


def submit_request(
    session: Session,
    *,
    user_id: int,
    category: RequestCategory | str,
    child_id: int | None = None,
    values: Mapping[str, object],
    documents: Sequence[tuple[str, bytes]] = (),
    token: str = "",
) -> ChangeRequest:
    """Stores the guardian's request with the values at the time of asking; one transaction.

    RequestInvalid(errors) for bad input (nothing stored), Forbidden without the link. The same
    form sent twice (`token`) stores one request.
    """
    return submit_once(
        session,
        user_id=user_id,
        token=token,
        action="request.submitted",
        model=ChangeRequest,
        create=lambda: _submit_request(session, user_id, category, child_id, values, documents),
    )


def _submit_request(
    session: Session,
    user_id: int,
    category: RequestCategory | str,
    child_id: int | None,
    values: Mapping[str, object],
    documents: Sequence[tuple[str, bytes]],
) -> ChangeRequest:
    category = RequestCategory(category)
    handler = handler_for(category)
    target = _target(session, user_id, category, child_id)
    specs = handler.fields(session, target)
    cleaned_values = clean_values(specs, values)
    ref_id, school_id = None, target.school_id
    if handler.clean is not None:
        cleaned = handler.clean(session, target, cleaned_values)
        cleaned_values, ref_id = cleaned.values, cleaned.ref_id
        school_id = cleaned.school_id or school_id
        target = Target(**{**target.__dict__, "ref_id": ref_id, "school_id": school_id})
    photo: bytes | None = None
    papers = list(documents)
    if handler.takes_photo:
        if not papers:
            raise RequestInvalid({"photo": "requests.photo.missing"})
        try:
            photo = reencode_photo(papers.pop(0)[1])
        except PhotoRefused as refused:
            raise RequestInvalid({"photo": refused.key}) from None
        cleaned_values["photo"] = photo_fingerprint(photo)
    checked = _check_documents(papers)
    current = handler.current(session, target)
    if handler.creates:
        proposed = {name: value for name, value in cleaned_values.items() if value}
    else:
        proposed = changed_fields(cleaned_values, current)
    if not proposed:
        raise RequestInvalid({"": "requests.error.nothing_changed"})
    request = ChangeRequest(
        organisation_id=target.organisation_id,
        family_id=target.family_id,
        child_id=target.child_id,
        school_id=school_id,
        ref_id=ref_id,
        category=category,
        requested_by=user_id,
    )
    session.add(request)
    session.flush()
    assert request.id is not None
    sensitive = {s.name for s in specs if s.sensitive}
    order = [s.name for s in specs] + ["photo"]
    for name, value in proposed.items():
        before = current.get(name, "")
        sealed = name in sensitive
        session.add(
            RequestField(
                request_id=request.id,
                position=order.index(name) if name in order else len(order),
                name=name,
                before=seal(before) if sealed and before else before,
                proposed=seal(value) if sealed and value else value,
                sealed=sealed,
            )
        )
    if photo is not None:
        _add_document(session, request.id, "photo.jpg", "image/jpeg", photo, is_photo=True)
    for content_type, filename, data in checked:
        _add_document(session, request.id, filename, content_type, data)
    audit.record(
        session,
        action="request.submitted",
        actor_user_id=user_id,
        organisation_id=target.organisation_id,
        object_type="request",
        object_id=request.id,
        category=str(category),
        child_id=target.child_id,
    )
    session.flush()
    return request


def _check_documents(documents: Sequence[tuple[str, bytes]]) -> list[tuple[str, str, bytes]]:
    if len(documents) > MAX_DOCUMENTS:
        raise RequestInvalid({"documents": "requests.document.too_many"})
    checked = []
    for name, data in documents:
        try:
            content_type, filename = check_attachment(name, data)
        except AttachmentRefused as refused:
            raise RequestInvalid({"documents": refused.key}) from None
        checked.append((content_type, filename, data))
    return checked


def _add_document(
    session: Session,
    request_id: int,
    filename: str,
    content_type: str,
    data: bytes,
    *,
    is_photo: bool = False,
) -> None:
    session.add(
        RequestDocument(
            request_id=request_id,
            reference=secrets.token_urlsafe(24)[:32],
            filename=filename,
            content_type=content_type,
            size=len(data),
            is_photo=is_photo,
            data=data,
        )
    )


def withdraw_request(session: Session, *, user_id: int, request_id: int) -> None:
    """The guardian withdraws their own pending request; Forbidden for anything else."""
    active_user(session, user_id)
    result = session.execute(
        update(ChangeRequest)
        .where(
            col(ChangeRequest.id) == request_id,
            col(ChangeRequest.requested_by) == user_id,
            col(ChangeRequest.status) == RequestStatus.PENDING,
        )
        .values(
            status=RequestStatus.WITHDRAWN,
            version=ChangeRequest.version + 1,
            decided_at=utcnow(),
        )
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Forbidden
    request = session.get(ChangeRequest, request_id)
    assert request is not None
    session.refresh(request)
    audit.record(
        session,
        action="request.withdrawn",
        actor_user_id=user_id,
        organisation_id=request.organisation_id,
        object_type="request",
        object_id=request_id,
    )
