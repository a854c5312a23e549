"""Telling the family about a decision: a message in their portal inbox and an e-mail, each in
the reader's language."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portail_famille.i18n.catalog import translate
from portail_famille.models import Child, Guardian, MessageThread, UserAccount
from portail_famille.models.requests import ChangeRequest
from portail_famille.services.mail import send_message
from portail_famille.services.messaging import add_message


def family_accounts(session: Session, request: ChangeRequest) -> list[UserAccount]:
    """The portal accounts of the household's guardians (the asker first)."""
    accounts = session.exec(
        select(UserAccount)
        .join(Guardian, col(Guardian.user_id) == UserAccount.id)
        .where(Guardian.family_id == request.family_id)
        .distinct()
        .order_by(col(UserAccount.id))
    ).all()
    return sorted(accounts, key=lambda a: a.id != request.requested_by)


def decision_texts(session: Session, request: ChangeRequest, language: str) -> dict[str, str]:
    child = session.get(Child, request.child_id) if request.child_id else None
    params = {
        "category": translate(language, f"requests.category.{request.category}"),
        "status": translate(language, f"requests.status.{request.status}"),
        "child": f" ({child.first_name})" if child else "",
    }
    comment = (
        translate(language, "requests.notify.comment", comment=request.staff_comment)
        if request.staff_comment
        else ""
    )
    return {
        "subject": translate(language, "requests.notify.subject", **params),
        "body": translate(language, "requests.notify.body", comment=comment, **params),
        **params,
        "comment": comment,
    }


def notify_decision(session: Session, *, request: ChangeRequest, staff_user_id: int) -> int:
    """One inbox thread and one e-mail per family account; returns how many were told."""
    accounts = family_accounts(session, request)
    for account in accounts:
        texts = decision_texts(session, request, account.locale)
        thread = MessageThread(
            organisation_id=request.organisation_id,
            school_id=request.school_id,
            guardian_user_id=account.id or 0,
            child_id=request.child_id,
            subject=texts["subject"][:200],
        )
        session.add(thread)
        session.flush()
        add_message(session, thread, staff_user_id, True, texts["body"], ())
        send_message(
            session,
            recipient=account.email,
            template="request_decided",
            language=account.locale,
            organisation_id=request.organisation_id,
            category=texts["category"],
            status=texts["status"],
            child=texts["child"],
            comment=texts["comment"],
        )
    return len(accounts)
