"""Twin submits at the same instant, each in its own transaction (SQLite and PostgreSQL): the
form's token and the absence's unique key still make one record."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from portail_famille.models import Absence, FormSubmission
from portail_famille.services.absences import AbsenceError, declare_absence
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.state.submission_token import fresh_token
from tests.unit.services.agenda_fixtures import child_id, user_id
from tests.unit.services.test_double_submits import NOW, _full_day

pytestmark = pytest.mark.db
DAY = date(2027, 5, 26)


def _at_once(engine: Engine, tokens: list[str]) -> tuple[list[int], list[str]]:
    """Each token's declaration in its own thread and transaction, released together."""
    with Session(engine) as session:
        marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    barrier = threading.Barrier(len(tokens))
    made: list[int] = []
    refused: list[str] = []

    def submit(token: str) -> None:
        with Session(engine) as session:
            barrier.wait()
            try:
                absence = declare_absence(session, marie, lea, _full_day(DAY), NOW, token=token)
                session.commit()
                made.append(absence.id or 0)
            except AbsenceError as error:
                session.rollback()
                refused.append(error.errors["starts_on"])

    threads = [threading.Thread(target=submit, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return made, refused


@pytest.mark.parametrize("twins", [2, 8])
def test_the_same_form_sent_by_twins_at_once_is_one_absence(engine: Engine, twins: int) -> None:
    started = time.perf_counter()
    made, refused = _at_once(engine, [fresh_token()] * twins)
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        rows = session.exec(select(Absence).where(Absence.starts_on == DAY)).all()
        claims = session.exec(select(func.count()).select_from(FormSubmission)).one()
    assert len(rows) == 1 and claims == 1
    assert made == [rows[0].id] * twins and refused == []  # every twin is told it was filed
    print(f"{twins} twin submits of one form: 1 absence in {elapsed:.2f} s")


def test_two_tabs_declaring_the_same_absence_at_once_make_one(engine: Engine) -> None:
    made, refused = _at_once(engine, [fresh_token(), fresh_token()])
    with Session(engine) as session:
        rows = session.exec(select(Absence).where(Absence.starts_on == DAY)).all()
    assert len(rows) == 1 and made == [rows[0].id]
    assert refused == ["absences.error.already_recorded"]
