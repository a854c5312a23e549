"""Demo messages and resources, so the Messages and Resources tiles show real data in French."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from portail_famille.models import (
    Child,
    MessageThread,
    Organisation,
    Resource,
    School,
    ThreadMessage,
    UserAccount,
)


def _id(session: Session, model: type[Any], **where: object) -> int:
    statement: Any = select(model)
    for name, value in where.items():
        statement = statement.where(getattr(model, name) == value)
    return int(session.exec(statement).one().id)


def _thread(
    session: Session,
    *,
    organisation_id: int,
    school_id: int | None,
    guardian_id: int,
    child_id: int,
    subject: str,
    messages: list[tuple[int, bool, str, datetime, bool]],
) -> None:
    """`messages`: (author, from staff, text, when, read by the other side)."""
    thread = MessageThread(
        organisation_id=organisation_id,
        school_id=school_id,
        guardian_user_id=guardian_id,
        child_id=child_id,
        subject=subject,
        created_at=messages[0][3],
        last_message_at=messages[-1][3],
    )
    session.add(thread)
    session.flush()
    for author, from_staff, body, when, read in messages:
        session.add(
            ThreadMessage(
                thread_id=thread.id or 0,
                author_user_id=author,
                from_staff=from_staff,
                body=body,
                created_at=when,
                read_at=when if read else None,
            )
        )


def load_demo_messages(session: Session) -> None:
    """Threads for Marie Tremblay and Claire Martin, and each organisation's resources."""
    session.flush()  # the demo's people and places get their ids
    css = _id(session, Organisation, slug="css-mille-lacs")
    commune = _id(session, Organisation, slug="saint-aubin")
    marie = _id(session, UserAccount, email="marie.tremblay@example.org")
    claire = _id(session, UserAccount, email="claire.martin@example.org")
    boise_staff = _id(session, UserAccount, email="secretariat.boise@example.org")
    commune_staff = _id(session, UserAccount, email="enfance@saint-aubin.example.org")
    _thread(
        session,
        organisation_id=css,
        school_id=_id(session, School, code="002"),
        guardian_id=marie,
        child_id=_id(session, Child, file_number="1000002"),
        subject="Rencontre de parents du 26 novembre",
        messages=[
            (
                boise_staff,
                True,
                "Bonjour, la rencontre avec l'enseignante de mathématiques de Thomas aura lieu "
                "le jeudi 26 novembre à 18 h 30, au local 112. Merci de confirmer votre présence.",
                datetime(2026, 11, 18, 14, 5, tzinfo=UTC),
                False,
            )
        ],
    )
    _thread(
        session,
        organisation_id=commune,
        school_id=None,
        guardian_id=claire,
        child_id=_id(session, Child, file_number="2000001"),
        subject="Régime sans porc à la cantine",
        messages=[
            (
                claire,
                False,
                "Bonjour, Jade ne mange pas de porc. Pouvez-vous le signaler à la cantine ?",
                datetime(2026, 11, 17, 7, 40, tzinfo=UTC),
                True,
            ),
            (
                commune_staff,
                True,
                "Bonjour Madame Martin, c'est noté : un plat de remplacement sera servi à Jade.",
                datetime(2026, 11, 17, 10, 15, tzinfo=UTC),
                False,
            ),
        ],
    )
    session.add_all(
        [
            Resource(
                organisation_id=css,
                title="Calendrier scolaire 2026-2027",
                url="https://mille-lacs.example.org/calendrier-2026-2027.pdf",
            ),
            Resource(
                organisation_id=css,
                title="Service de garde : à savoir",
                body="Le service de garde ouvre à 7 h et ferme à 18 h. Un retard après 18 h "
                "entraîne des frais de 5 $ par tranche de 15 minutes.",
            ),
            Resource(
                organisation_id=commune,
                title="Règlement intérieur du périscolaire",
                url="https://saint-aubin.example.org/periscolaire/reglement.pdf",
            ),
            Resource(
                organisation_id=commune,
                title="Tarifs de la restauration scolaire",
                body="Le prix du repas dépend du quotient familial : de 0,90 € à 4,20 €.",
            ),
        ]
    )
