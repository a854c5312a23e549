"""Staff decisions: exactly once under concurrency, conflicts shown, nothing half-applied, scope,
and the family told by message and e-mail (through a real SMTP server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from portail_famille.db import dispose_cached_engine
from portail_famille.models import (
    AuditEntry,
    ChildRecord,
    FamilyRecord,
    MessageThread,
    OutboxMail,
    PickupPerson,
)
from portail_famille.models.requests import (
    ChangeRequest,
    FieldDecision,
    RequestCategory,
    RequestField,
    RequestStatus,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.request_categories_family import family_record
from portail_famille.services.request_decisions import (
    AlreadyDecided,
    DecisionFailed,
    QueueFilters,
    RequestConflict,
    approve_whole,
    decide,
    queue,
    queue_schools,
    request_detail,
)
from portail_famille.services.request_queue import pending_count_for_staff
from portail_famille.services.request_registry import (
    _REGISTRY,
    ApplyFailed,
    CategoryHandler,
    Target,
    handler_for,
)
from portail_famille.services.requests import submit_request
from tests.smtp import Mailbox, free_port
from tests.unit.services.request_fixtures import (
    ADMIN_EMAIL,
    BOISE_SECRETARY_EMAIL,
    COMMUNE_AGENT_EMAIL,
    JEAN_EMAIL,
    SECRETARY_EMAIL,
    child_named,
    user_id,
)

pytestmark = pytest.mark.db


def _health_request(session: Session, allergies: str = "Arachides") -> int:
    request = submit_request(
        session,
        user_id=user_id(session, JEAN_EMAIL),
        category="health",
        child_id=child_named(session, "Félix").id,
        values={"allergies": allergies, "medication": "Ventolin"},
    )
    assert request.id is not None
    return request.id


def _pickup_request(session: Session, name: str = "Mamie Côté") -> int:
    request = submit_request(
        session,
        user_id=user_id(session, JEAN_EMAIL),
        category="pickup",
        child_id=child_named(session, "Félix").id,
        values={"action": "add", "name": name, "relation": "Grand-mère", "phone": ""},
    )
    assert request.id is not None
    return request.id


def _set_allergies(session: Session, first_name: str, allergies: str) -> None:
    """What the school records on its side (not through a request)."""
    child = child_named(session, first_name)
    record = _record(session, first_name) or ChildRecord(
        child_id=child.id or 0, reference=f"test-{first_name}"
    )
    record.allergies = allergies
    session.add(record)
    session.flush()


def _record(session: Session, first_name: str) -> ChildRecord | None:
    child = child_named(session, first_name)
    return session.exec(select(ChildRecord).where(ChildRecord.child_id == child.id)).first()


def test_approving_applies_and_notifies_in_the_guardian_s_language(
    session: Session, mailbox: Mailbox
) -> None:
    request_id = _health_request(session)
    secretary = user_id(session, SECRETARY_EMAIL)
    [row] = [r for r in queue(session, user_id=secretary) if r.view.id == request_id]
    assert [(f.name, f.before, f.proposed) for f in row.view.fields] == [
        ("allergies", "", "Arachides"),
        ("medication", "", "Ventolin"),
    ]
    result = decide(
        session,
        user_id=secretary,
        request_id=request_id,
        accepted_fields={"allergies"},
        comment="Traitement : merci d'apporter l'ordonnance.",
        expected_version=row.view.version,
    )
    assert result.status == RequestStatus.PARTIAL
    record = _record(session, "Félix")
    assert record is not None and record.allergies == "Arachides" and record.medication is None
    decisions = dict(
        session.exec(
            select(RequestField.name, RequestField.decision).where(
                RequestField.request_id == request_id
            )
        ).all()
    )
    assert decisions == {"allergies": FieldDecision.ACCEPTED, "medication": FieldDecision.REFUSED}
    # Jean reads English: the mail and the inbox message say so, with the comment.
    text = mailbox.text_of_last_to(JEAN_EMAIL)
    assert 'Your request "Health data" (Félix)' in text and "Partly accepted" in text
    assert "merci d'apporter l'ordonnance" in text
    thread = session.exec(
        select(MessageThread)
        .where(MessageThread.guardian_user_id == user_id(session, JEAN_EMAIL))
        .order_by(col(MessageThread.id).desc())
    ).first()
    assert thread is not None and thread.subject.startswith('Your request "Health data"')
    assert all(r.view.id != request_id for r in queue(session, user_id=secretary))


def test_a_refusal_keeps_the_record_and_says_why(session: Session, mailbox: Mailbox) -> None:
    request_id = _health_request(session)
    decide(
        session,
        user_id=user_id(session, SECRETARY_EMAIL),
        request_id=request_id,
        accepted_fields=set(),
        comment="Certificat médical manquant",
        expected_version=0,
    )
    assert session.get(ChangeRequest, request_id).status == RequestStatus.REFUSED  # type: ignore[union-attr]
    record = _record(session, "Félix")
    assert record is None or record.allergies is None
    assert "Certificat médical manquant" in mailbox.text_of_last_to(JEAN_EMAIL)


def test_a_changed_record_shows_the_conflict_and_staff_choose(session: Session) -> None:
    request_id = _health_request(session)
    # The school recorded another allergy after Jean asked.
    _set_allergies(session, "Félix", "Lait")
    secretary = user_id(session, SECRETARY_EMAIL)
    detail = request_detail(session, user_id=secretary, request_id=request_id)
    assert detail.conflicts == ["allergies"]
    [allergies] = [f for f in detail.view.fields if f.name == "allergies"]
    assert (allergies.conflict, allergies.before, allergies.current, allergies.proposed) == (
        True,
        "",
        "Lait",
        "Arachides",
    )
    with pytest.raises(RequestConflict) as clash:
        decide(
            session,
            user_id=secretary,
            request_id=request_id,
            accepted_fields={"allergies", "medication"},
            expected_version=0,
        )
    assert [c.name for c in clash.value.conflicts] == ["allergies"]
    # (decide rolled the attempt back; test_applying_anyway... checks what is left afterwards)


def test_applying_anyway_overwrites_the_changed_field(engine: Engine) -> None:
    with Session(engine) as session:
        request_id = _health_request(session)
        _set_allergies(session, "Félix", "Lait")
        session.commit()
        secretary = user_id(session, SECRETARY_EMAIL)
    with Session(engine) as session:
        with pytest.raises(RequestConflict):
            decide(
                session,
                user_id=secretary,
                request_id=request_id,
                accepted_fields={"allergies"},
                expected_version=0,
            )
        session.commit()
    with Session(engine) as session:
        assert session.get(ChangeRequest, request_id).status == RequestStatus.PENDING  # type: ignore[union-attr]
        decide(
            session,
            user_id=secretary,
            request_id=request_id,
            accepted_fields={"allergies"},
            expected_version=0,
            apply_conflicts=True,
        )
        session.commit()
    with Session(engine) as session:
        record = _record(session, "Félix")
        assert record is not None and record.allergies == "Arachides"
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "request.decided")).one()
        assert entry.detail["overwrote"] == ["allergies"]


def _count(session: Session, model: type, *where: object) -> int:
    return int(session.exec(select(func.count()).select_from(model).where(*where)).one())  # type: ignore[arg-type]


def test_two_approvals_at_the_same_moment_apply_once(engine: Engine) -> None:
    with Session(engine) as session:
        request_id = _pickup_request(session)
        session.commit()
        deciders = [user_id(session, SECRETARY_EMAIL), user_id(session, ADMIN_EMAIL)]
    start = threading.Barrier(len(deciders))
    outcomes: list[str] = []

    def approve(staff_id: int) -> None:
        with Session(engine) as session:
            start.wait()
            try:
                approve_whole(session, user_id=staff_id, request_id=request_id, expected_version=0)
                session.commit()
                outcomes.append("applied")
            except AlreadyDecided:
                outcomes.append("already decided")

    threads = [threading.Thread(target=approve, args=(staff,)) for staff in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["already decided", "applied"]
    with Session(engine) as session:
        assert _count(session, PickupPerson, PickupPerson.name == "Mamie Côté") == 1
        assert _count(session, AuditEntry, AuditEntry.action == "request.decided") == 1
        assert _count(session, OutboxMail, OutboxMail.recipient == JEAN_EMAIL) == 1
        request = session.get(ChangeRequest, request_id)
        assert request is not None and request.version == 1


def test_many_approvals_at_once_apply_once(engine: Engine) -> None:
    """Eight decisions racing (the same two staff members on several devices)."""
    with Session(engine) as session:
        request_id = _pickup_request(session, "Oncle Paul")
        session.commit()
        deciders = [user_id(session, SECRETARY_EMAIL), user_id(session, ADMIN_EMAIL)] * 4
    start = threading.Barrier(len(deciders))
    applied: list[int] = []

    def approve(staff_id: int) -> None:
        with Session(engine) as session:
            start.wait()
            try:
                approve_whole(session, user_id=staff_id, request_id=request_id, expected_version=0)
                session.commit()
                applied.append(staff_id)
            except AlreadyDecided:
                pass

    threads = [threading.Thread(target=approve, args=(s,)) for s in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(applied) == 1
    with Session(engine) as session:
        assert _count(session, PickupPerson, PickupPerson.name == "Oncle Paul") == 1


def test_a_stale_version_is_already_decided(session: Session) -> None:
    request_id = _health_request(session)
    secretary = user_id(session, SECRETARY_EMAIL)
    decide(
        session, user_id=secretary, request_id=request_id, accepted_fields=set(), expected_version=0
    )
    with pytest.raises(AlreadyDecided):
        decide(
            session,
            user_id=secretary,
            request_id=request_id,
            accepted_fields={"allergies"},
            expected_version=0,
        )


@pytest.fixture
def unreachable_smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Mail configured towards a port nobody listens on: every delivery fails."""
    monkeypatch.setenv("PORTAIL_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    dispose_cached_engine()
    yield
    monkeypatch.delenv("PORTAIL_SMTP_URL")
    dispose_cached_engine()


def test_nothing_is_half_applied_when_the_mail_fails_after_the_record_changed(
    engine: Engine, unreachable_smtp: None
) -> None:
    with Session(engine) as session:
        request_id = _pickup_request(session, "Tante Rose")
        session.commit()
        secretary = user_id(session, SECRETARY_EMAIL)
    with Session(engine) as session:
        # The pickup person is added (flushed) before the family is told; telling them fails.
        with pytest.raises(OSError):
            approve_whole(session, user_id=secretary, request_id=request_id, expected_version=0)
        session.commit()  # whatever the caller does next, nothing of the decision is left
    with Session(engine) as session:
        assert _count(session, PickupPerson, PickupPerson.name == "Tante Rose") == 0
        request = session.get(ChangeRequest, request_id)
        assert request is not None and request.status == RequestStatus.PENDING
        assert request.version == 0
        assert _count(session, AuditEntry, AuditEntry.action == "request.decided") == 0
        assert _count(session, OutboxMail, OutboxMail.recipient == JEAN_EMAIL) == 0
        assert _count(session, RequestField, RequestField.decision != FieldDecision.PENDING) == 0


@pytest.fixture
def failing_category(monkeypatch: pytest.MonkeyPatch) -> None:
    """A category (through the public registry, as other features add theirs) whose applier
    writes the household's CAF number, then fails."""

    def apply(
        session: Session, target: Target, accepted: dict[str, str], _r: ChangeRequest
    ) -> None:
        record = family_record(session, target.family_id, create=True)
        assert record is not None
        record.caf_number = accepted["caf_number"]
        session.add(record)
        session.flush()
        raise ApplyFailed("requests.apply.no_school")

    caf = handler_for(RequestCategory.CAF)
    monkeypatch.setitem(
        _REGISTRY,
        RequestCategory.ABSENCE,
        CategoryHandler("family", caf.fields, caf.current, apply),
    )


def test_an_applier_that_fails_midway_leaves_nothing(
    engine: Engine, failing_category: None
) -> None:
    with Session(engine) as session:
        request = submit_request(
            session,
            user_id=user_id(session, JEAN_EMAIL),
            category=RequestCategory.ABSENCE,
            values={"caf_number": "7654321"},
        )
        session.commit()
        request_id = request.id or 0
        secretary = user_id(session, ADMIN_EMAIL)  # household requests: the organisation
    with Session(engine) as session:
        with pytest.raises(DecisionFailed) as failed:
            approve_whole(session, user_id=secretary, request_id=request_id, expected_version=0)
        assert failed.value.key == "requests.apply.no_school"
        session.commit()  # whatever the caller does next, nothing of the decision is left
    with Session(engine) as session:
        assert (
            session.exec(select(FamilyRecord).where(FamilyRecord.caf_number == "7654321")).first()
            is None
        )
        left = session.get(ChangeRequest, request_id)
        assert left is not None and left.status == RequestStatus.PENDING
        assert left.version == 0 and left.decided_by is None
        assert _count(session, AuditEntry, AuditEntry.action == "request.decided") == 0
        assert _count(session, OutboxMail, OutboxMail.recipient == JEAN_EMAIL) == 0


def test_an_activity_that_is_full_refuses_cleanly(engine: Engine) -> None:
    from portail_famille.models import Activity, ActivityKind, ActivityRegistration

    with Session(engine) as session:
        felix = child_named(session, "Félix")
        activity = Activity(
            organisation_id=felix.organisation_id,
            name="Club d'échecs",
            kind=ActivityKind.DAYCARE,
            capacity=0,
        )
        session.add(activity)
        session.commit()
        request = submit_request(
            session,
            user_id=user_id(session, JEAN_EMAIL),
            category="activity_enrolment",
            child_id=felix.id,
            values={"activity": "1"},
        )
        session.commit()
        request_id = request.id or 0
        activity_id = activity.id
        secretary = user_id(session, SECRETARY_EMAIL)
    with Session(engine) as session:
        with pytest.raises(DecisionFailed) as failed:
            approve_whole(session, user_id=secretary, request_id=request_id, expected_version=0)
        assert failed.value.key == "requests.apply.activity_full"
        session.commit()
    with Session(engine) as session:
        # The demo registers commune children for its activities (planning): count this one's.
        registered = ActivityRegistration.activity_id == activity_id
        assert _count(session, ActivityRegistration, registered) == 0
        assert session.get(ChangeRequest, request_id).status == RequestStatus.PENDING  # type: ignore[union-attr]


@pytest.mark.parametrize("outsider", [COMMUNE_AGENT_EMAIL, JEAN_EMAIL, BOISE_SECRETARY_EMAIL])
def test_staff_of_another_organisation_school_or_a_guardian_get_nothing(
    session: Session, outsider: str
) -> None:
    request_id = _health_request(session)  # Félix is at les Érables (Mille-Lacs)
    who = user_id(session, outsider)
    if outsider == JEAN_EMAIL:
        with pytest.raises(Forbidden):
            queue(session, user_id=who)
        with pytest.raises(Forbidden):
            queue_schools(session, user_id=who)
    else:
        assert all(r.view.id != request_id for r in queue(session, user_id=who))
        assert all(
            r.view.id != request_id
            for r in queue(session, user_id=who, filters=QueueFilters(category="health"))
        )
    with pytest.raises(Forbidden):
        request_detail(session, user_id=who, request_id=request_id)
    with pytest.raises(Forbidden):
        decide(
            session,
            user_id=who,
            request_id=request_id,
            accepted_fields={"allergies"},
            expected_version=0,
        )
    with pytest.raises(Forbidden):
        approve_whole(session, user_id=who, request_id=request_id, expected_version=0)
    assert _count(session, AuditEntry, AuditEntry.action == "request.decided") == 0


def test_queue_filters_by_category_school_and_age(session: Session) -> None:
    request_id = _health_request(session)  # Félix, born 2015-11-05, at les Érables
    admin = user_id(session, ADMIN_EMAIL)
    schools = {s.name: s.id for s in queue_schools(session, user_id=admin)}

    def ids(**filters: object) -> list[int]:
        return [r.view.id for r in queue(session, user_id=admin, filters=QueueFilters(**filters))]  # type: ignore[arg-type]

    assert request_id in ids()
    assert request_id in ids(category="health")
    assert request_id not in ids(category="bank")
    assert request_id in ids(school_id=schools["École primaire des Érables"])
    assert request_id not in ids(school_id=schools["École secondaire du Boisé"])
    [row] = [r for r in queue(session, user_id=admin) if r.view.id == request_id]
    assert row.child_age is not None
    assert request_id in ids(min_age=row.child_age, max_age=row.child_age)
    assert request_id not in ids(min_age=row.child_age + 1)
    assert request_id not in ids(max_age=row.child_age - 1)


def test_the_console_counts_what_waits_for_each_staff_member(session: Session) -> None:
    # A new request at les Érables adds one for the Érables secretary and the admin, none for
    # the Boisé secretary or the commune's service.
    people = {
        email: user_id(session, email)
        for email in (SECRETARY_EMAIL, ADMIN_EMAIL, BOISE_SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL)
    }
    before = {e: pending_count_for_staff(session, user_id=u) for e, u in people.items()}
    _health_request(session)
    after = {e: pending_count_for_staff(session, user_id=u) for e, u in people.items()}
    assert {e: after[e] - before[e] for e in people} == {
        SECRETARY_EMAIL: 1,
        ADMIN_EMAIL: 1,
        BOISE_SECRETARY_EMAIL: 0,
        COMMUNE_AGENT_EMAIL: 0,
    }
    assert after[SECRETARY_EMAIL] == len(queue(session, user_id=people[SECRETARY_EMAIL]))
