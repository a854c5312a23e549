"""Every create action holds against a double submit, on the server.

Two tools, one per kind of record:
- `submit_once`: a form carries a token drawn once per rendering (state/submission_token.py);
  the first submit claims it (unique) and makes the record, a second submit with the
  same token gets that record back: one absence, one request, one message.
- `add_unique`: a record with a natural unique key (an absence: child, day, kind, time) is
  inserted in a savepoint, so that a concurrent twin answers "already there" instead of failing
  the whole transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, SQLModel, select

from portail_famille.domain.submissions import clean_token
from portail_famille.models import FormSubmission
from portail_famille.services.access import Forbidden

Record = TypeVar("Record", bound=SQLModel)


def _claimed(session: Session, token: str) -> FormSubmission | None:
    return session.exec(select(FormSubmission).where(FormSubmission.token == token)).first()


def submit_once(
    session: Session,
    *,
    user_id: int | None,
    token: str,
    action: str,
    model: type[Record],
    create: Callable[[], Record],
) -> Record:
    """What `create` makes, once per token: a resubmission returns the first record (to the
    same user only; `user_id` None for a public form).

    Without a valid token (an old page), `create` runs as before. `create` raising leaves no
    claim behind, so the corrected form can be sent again with the same token.
    """
    token = clean_token(token)
    if not token:
        return create()
    earlier = _claimed(session, token)
    if earlier is None:
        claim = FormSubmission(user_id=user_id, token=token, action=action)
        try:
            with _savepoint(session):
                session.add(claim)
                session.flush()
        except IntegrityError:
            # A twin submit claimed it first (PostgreSQL waited for it to commit).
            earlier = _claimed(session, token)
        else:
            try:
                record = create()
            except Exception:
                # Bad input: free the token, even if the caller goes on and commits.
                with suppress(SQLAlchemyError):  # a failed transaction rolls back whole anyway
                    session.delete(claim)
                    session.flush()
                raise
            claim.object_id = getattr(record, "id", None)
            session.add(claim)
            session.flush()
            return record
    if earlier is None or (earlier.user_id, earlier.action) != (user_id, action):
        raise DuplicateSubmission  # someone else's token, or another form's
    found = session.get(model, earlier.object_id) if earlier.object_id else None
    if found is None:
        raise DuplicateSubmission
    return found


class DuplicateSubmission(Forbidden):
    """The token was already used for something else, or its record is gone."""


def add_unique(session: Session, record: SQLModel) -> bool:
    """Inserts `record`; False (and nothing added) when a unique constraint says it exists."""
    try:
        with _savepoint(session):
            session.add(record)
            session.flush()
    except IntegrityError:
        return False
    return True


@contextmanager
def _savepoint(session: Session) -> Iterator[None]:
    """A savepoint inside the caller's transaction. Python's sqlite3 opens its transaction only
    at the first write, and a SAVEPOINT taken before that is the outermost transaction, whose
    RELEASE commits: open the transaction first so the caller's rollback still undoes it all."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        if driver is not None and not driver.in_transaction:
            connection.exec_driver_sql("BEGIN")
    with session.begin_nested():
        yield
