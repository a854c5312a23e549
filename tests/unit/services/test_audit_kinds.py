"""Each audit entry says what happened (viewed, changed, exported, decided) in words in both
languages; a queue view is one entry; the parent's page keeps views and changes apart."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from sqlmodel import Session, col, func, select

from portail_famille.domain.audit_kinds import KNOWN_ACTIONS, AuditKind, kind_of
from portail_famille.i18n.catalog import translate
from portail_famille.models import AuditEntry
from portail_famille.services import audit
from portail_famille.services.audit_csv import audit_csv
from portail_famille.services.audit_log import LogFilters, search_log, viewers_for_guardian
from portail_famille.services.audit_words import CHANGED, KIND_WORDS
from portail_famille.services.request_decisions import QueueFilters
from portail_famille.services.request_queue import queue, request_detail
from portail_famille.services.requests import submit_request
from portail_famille.services.staff_child_record import open_child_record
from portail_famille.services.statement_access import last_statements_for_child
from tests.unit.services.request_fixtures import (
    ADMIN_EMAIL,
    JEAN_EMAIL,
    SECRETARY_EMAIL,
    child_named,
    user_id,
)
from tests.unit.state.test_request_console_state import _felix_request

pytestmark = pytest.mark.db

SOURCE = Path(__file__).resolve().parents[3] / "portail_famille"


def more_pending_requests(session: Session, count: int) -> None:
    """`count` more health requests of Jean's for Félix, waiting in the secretary's queue."""
    jean, felix = user_id(session, JEAN_EMAIL), child_named(session, "Félix").id
    for n in range(count):
        submit_request(
            session,
            user_id=jean,
            category="health",
            child_id=felix,
            values={"allergies": f"Pollen ({n})"},
        )


def _entries(session: Session) -> int:
    return session.exec(select(func.count()).select_from(AuditEntry)).one()


def test_every_action_the_portal_logs_is_classified_and_an_unknown_one_is_refused(
    session: Session,
) -> None:
    logged: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        for call in re.findall(r"audit\.record\(\s*[^)]*?action=([^,\n]+)", text):
            logged |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', call))
        # An action chosen before the call: `action = "school.changed" if ... else "..."`.
        for line in re.findall(r"^\s*action = (.+)$", text, re.M):
            logged |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', line))
    assert len(logged) > 60 and logged <= KNOWN_ACTIONS, logged - KNOWN_ACTIONS
    with pytest.raises(KeyError):
        audit.record(session, action="child.peeked", actor_user_id=None)


@pytest.mark.parametrize("kind", list(AuditKind))
def test_each_kind_has_its_words_in_french_and_in_english(kind: AuditKind) -> None:
    french, english = translate("fr", KIND_WORDS[kind]), translate("en", KIND_WORDS[kind])
    assert french and english and french != english


def test_staff_who_only_looked_are_listed_as_views_not_changes(session: Session) -> None:
    felix, secretary = child_named(session, "Félix"), user_id(session, SECRETARY_EMAIL)
    assert felix.id is not None
    parent = user_id(session, JEAN_EMAIL)
    before = viewers_for_guardian(session, user_id=parent, child_id=felix.id)
    request_detail(session, user_id=secretary, request_id=_felix_request(session).id or 0)
    last_statements_for_child(session, user_id=secretary, child_id=felix.id)
    open_child_record(session, user_id=secretary, child_id=felix.id)
    session.flush()
    found = viewers_for_guardian(session, user_id=parent, child_id=felix.id)
    assert len(found.views) == len(before.views) + 3
    assert len(found.changes) == len(before.changes)  # looking changed nothing
    said = {translate("en", row.action_key) for row in found.views[:3]}
    assert said == {"viewed a request", "viewed an account statement", "viewed the record"}
    assert CHANGED not in {row.action_key for row in found.views}


def test_a_queue_view_is_one_entry_however_many_cards_it_shows(session: Session) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    more_pending_requests(session, 3)
    before = _entries(session)
    shown = queue(session, user_id=secretary, filters=QueueFilters(), audit_reads=True)
    queue(session, user_id=secretary, filters=QueueFilters(), audit_reads=True)  # a refresh
    session.flush()
    assert len(shown) >= 4
    assert _entries(session) == before + 2
    newest = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(2)).all()
    assert {e.action for e in newest} == {"request.queue_viewed"}
    assert kind_of(newest[0].action) == AuditKind.VIEWED
    assert newest[0].detail["requests"] == [item.view.id for item in shown]


def test_the_admin_log_and_its_csv_say_what_happened_in_each_language(
    session: Session,
) -> None:
    secretary, admin = user_id(session, SECRETARY_EMAIL), user_id(session, ADMIN_EMAIL)
    felix = child_named(session, "Félix")
    assert felix.id is not None
    open_child_record(session, user_id=secretary, child_id=felix.id)
    session.flush()
    rows = search_log(session, user_id=admin, filters=LogFilters(action="child.record")).rows
    assert rows and {r.kind for r in rows} == {AuditKind.VIEWED}
    for language, word, header in (
        ("fr", "Consultation", "Ce qui s'est passé"),
        ("en", "Viewed", "What happened"),
    ):
        text = audit_csv(
            session, user_id=admin, filters=LogFilters(action="child.record"), language=language
        )
        table = list(csv.reader(io.StringIO(text)))
        kind_column = table[0].index(header)
        assert table[0][kind_column - 1] == translate(language, "records_admin.csv.action")
        assert {row[kind_column] for row in table[1:]} == {word}


def test_every_way_an_overpayment_case_closes_is_classified() -> None:
    """`overpayment.<status>` is built from the case's status (services/overpayments.py)."""
    from portail_famille.models.overpayments import CaseStatus

    closed = {f"overpayment.{status}" for status in CaseStatus if status != CaseStatus.OPEN}
    assert closed <= KNOWN_ACTIONS, closed - KNOWN_ACTIONS
