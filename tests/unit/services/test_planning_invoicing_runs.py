"""A month billed more than once: days booked after a run get a supplementary invoice, billed
days cancelled after it a credit note, and a run with nothing new issues nothing. The preview is
what is then issued; the current or a future month is billed only when confirmed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, func, select

from portail_famille.domain.invoices import NewLine
from portail_famille.models import (
    BilledDay,
    Guardian,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    UserAccount,
)
from portail_famille.services.bookings import apply_changes, guardian_actor
from portail_famille.services.finance_pdf import invoice_pdf
from portail_famille.services.invoice_views import invoice_view
from portail_famille.services.invoices import (
    create_invoice,
    invoice_lines,
    invoices_for_guardian,
    open_invoices,
    payer_balance_cents,
)
from portail_famille.services.planning_invoicing import (
    ConfirmationNeeded,
    PreviewOutdated,
    bill_month,
    bill_month_as_staff,
    preview_month_as_staff,
)
from portail_famille.services.planning_preview import (
    DocumentKind,
    origin_key,
    preview_month,
)
from tests.planning_fixtures import NOW, commune, family_with_child, small_activity
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

DECEMBER = date(2026, 12, 1)
FIRST_OF_DECEMBER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PRICE = 300  # small_activity's one rate
AGENT = "enfance@saint-aubin.example.org"


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").replace("\u2212", "-").split())


def _agent(session: Session) -> int:
    return session.exec(select(UserAccount.id).where(UserAccount.email == AGENT)).one() or 0


def _change(session: Session, user: UserAccount, child_id: int, activity_id: int, **days) -> None:
    actor = guardian_actor(session, user.id or 0, child_id)
    apply_changes(session, actor=actor, activity_id=activity_id, now=NOW, **days)


def _family(session: Session, name: str = "Decembre"):
    activity = small_activity(session, 30)
    user, child = family_with_child(session, activity, name)
    payer = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
    return activity.id or 0, user, child.id or 0, payer


def _bill_as_agent(session: Session, org_id: int, now: datetime = FIRST_OF_DECEMBER):
    return bill_month_as_staff(
        session,
        user_id=_agent(session),
        organisation_id=org_id,
        month=DECEMBER,
        confirmed=True,
        now=now,
    )


def _month_invoices(session: Session, payer: Guardian) -> list[Invoice]:
    return list(
        session.exec(
            select(Invoice)
            .where(Invoice.payer_guardian_id == payer.id, Invoice.period_start == DECEMBER)
            .order_by(col(Invoice.id))
        ).all()
    )


def test_a_day_booked_after_the_month_was_billed_gets_a_supplementary_invoice(
    session: Session, mailbox: Mailbox
) -> None:
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1), date(2026, 12, 2)])
    first = _bill_as_agent(session, org.id or 0)
    assert (first.created, first.total_cents) == (1, 2 * PRICE)

    # Booked on 3 December, after December was billed on the 1st.
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 3)])
    again = _bill_as_agent(session, org.id or 0, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))

    assert (again.created, again.credit_notes, again.total_cents) == (1, 0, PRICE)
    invoices = _month_invoices(session, payer)
    assert [i.total_cents for i in invoices] == [2 * PRICE, PRICE]
    supplement = invoices[1]
    assert "complément" in supplement.label
    assert supplement.number != invoices[0].number
    [line] = invoice_lines(session, supplement.id or 0)
    assert (line.quantity, line.unit_cents, line.service_date) == (1, PRICE, date(2026, 12, 3))
    # The payer is told, as for the month's first invoice.
    assert "complémentaire" in mailbox.text_of_last_to("decembre@example.org")
    assert "3,00\xa0€" in mailbox.text_of_last_to("decembre@example.org")


def test_a_billed_day_cancelled_later_gets_a_credit_note_and_booking_it_again_bills_it_again(
    session: Session, mailbox: Mailbox
) -> None:
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    days = [date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3)]
    _change(session, user, child_id, activity_id, add=days)
    _bill_as_agent(session, org.id or 0)
    owed = payer_balance_cents(
        session,
        family_id=payer.family_id,
        payer_guardian_id=payer.id or 0,
        billing_service_id=_month_invoices(session, payer)[0].billing_service_id,
    )
    assert owed == 3 * PRICE

    _change(session, user, child_id, activity_id, remove=[date(2026, 12, 2)])
    report = _bill_as_agent(session, org.id or 0)

    assert (report.created, report.credit_notes, report.total_cents) == (0, 1, -PRICE)
    credit = _month_invoices(session, payer)[-1]
    assert credit.total_cents == -PRICE and credit.number
    [line] = invoice_lines(session, credit.id or 0)
    assert (line.quantity, line.unit_cents, line.service_date) == (1, -PRICE, date(2026, 12, 2))
    assert line.label.startswith("Annulation")
    # A credit note is given back, never paid: the family sees it, no Pay button offers it.
    assert credit.status == InvoiceStatus.CREDIT
    assert credit.id not in {i.id for i in open_invoices(session, guardian_id=payer.id or 0)}
    assert credit.number in {v.number for v in invoices_for_guardian(session, user_id=user.id or 0)}
    pdf = _flat(
        " ".join(
            page.extract_text() or ""
            for page in PdfReader(BytesIO(invoice_pdf(invoice_view(session, credit), "fr"))).pages
        )
    )
    assert "Avoir — activités périscolaires — décembre 2026" in pdf
    assert "Annulation" in pdf and "-3,00 €" in pdf
    assert "avoir de 3,00\xa0€" in mailbox.text_of_last_to("decembre@example.org")

    # Booked again: billed again, once.
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 2)])
    back = _bill_as_agent(session, org.id or 0)
    assert (back.created, back.credit_notes, back.total_cents) == (1, 0, PRICE)
    assert sum(i.total_cents for i in _month_invoices(session, payer)) == 3 * PRICE


def test_running_again_after_a_change_issues_only_the_change_then_nothing(
    session: Session,
) -> None:
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1)])
    _bill_as_agent(session, org.id or 0)
    _change(
        session,
        user,
        child_id,
        activity_id,
        add=[date(2026, 12, 7), date(2026, 12, 8)],
        remove=[date(2026, 12, 1)],
    )
    changed = _bill_as_agent(session, org.id or 0)
    assert (changed.created, changed.credit_notes, changed.total_cents) == (1, 1, PRICE)

    for _run in range(2):
        nothing = _bill_as_agent(session, org.id or 0)
        assert (nothing.created, nothing.credit_notes, nothing.total_cents) == (0, 0, 0)
        assert nothing.already_billed == 1
    invoices = _month_invoices(session, payer)
    assert sorted(i.total_cents for i in invoices) == [-PRICE, PRICE, 2 * PRICE]
    standing = session.exec(
        select(BilledDay).where(
            BilledDay.child_id == child_id, col(BilledDay.open_key).is_not(None)
        )
    ).all()
    assert sorted(b.day for b in standing) == [date(2026, 12, 7), date(2026, 12, 8)]


def _counts(session: Session) -> tuple[int, int, int]:
    return (
        session.exec(select(func.count()).select_from(Invoice)).one(),
        session.exec(select(func.count()).select_from(InvoiceLine)).one(),
        session.exec(select(func.count()).select_from(BilledDay)).one(),
    )


def _issued_as_documents(session: Session, invoices: list[Invoice]):
    out = []
    for invoice in invoices:
        lines = invoice_lines(session, invoice.id or 0)
        out.append(
            (
                invoice.family_id,
                invoice.payer_guardian_id,
                invoice.total_cents,
                [(ln.child_id, ln.quantity, ln.unit_cents) for ln in lines],
            )
        )
    return out


def _planned_as_documents(preview):
    return [
        (
            d.family_id,
            d.payer_guardian_id,
            d.total_cents,
            [(ln.child_id, ln.quantity, ln.unit_cents) for ln in d.lines],
        )
        for d in preview.documents
    ]


def test_the_preview_writes_nothing_and_is_exactly_what_is_then_issued(session: Session) -> None:
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    other_activity = small_activity(session, 10, ((0, None, 450),))
    other_activity_id = other_activity.id or 0
    other_user, other_child = family_with_child(session, other_activity, "Voisine")
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1), date(2026, 12, 2)])
    _change(session, other_user, other_child.id or 0, other_activity_id, add=[date(2026, 12, 4)])

    before = _counts(session)
    preview = preview_month_as_staff(
        session, user_id=_agent(session), organisation_id=org.id or 0, month=DECEMBER
    )
    assert _counts(session) == before
    assert [d.kind for d in preview.documents] == [DocumentKind.INVOICE] * 2
    assert {d.family_name for d in preview.documents} == {"Famille Decembre", "Famille Voisine"}
    assert (preview.billed_cents, preview.credited_cents, preview.total_cents) == (
        2 * PRICE + 450,
        0,
        2 * PRICE + 450,
    )
    start = session.exec(select(func.max(Invoice.id))).one() or 0
    report = bill_month(
        session,
        organisation_id=org.id or 0,
        month=DECEMBER,
        issued_on=date(2026, 12, 1),
        notify=False,
        expected=preview.fingerprint,
    )
    issued = list(
        session.exec(select(Invoice).where(col(Invoice.id) > start).order_by(col(Invoice.id)))
    )
    assert _issued_as_documents(session, issued) == _planned_as_documents(preview)
    assert report.total_cents == preview.total_cents

    # After changes: a credit note and a supplement, previewed then issued the same.
    _change(session, user, child_id, activity_id, remove=[date(2026, 12, 1)])
    _change(session, other_user, other_child.id or 0, other_activity_id, add=[date(2026, 12, 7)])
    changed = preview_month(session, organisation_id=org.id or 0, month=DECEMBER)
    assert [d.kind for d in changed.documents] == [DocumentKind.CREDIT, DocumentKind.SUPPLEMENT]
    assert (changed.billed_cents, changed.credited_cents) == (450, PRICE)
    start = session.exec(select(func.max(Invoice.id))).one() or 0
    bill_month(
        session,
        organisation_id=org.id or 0,
        month=DECEMBER,
        issued_on=date(2026, 12, 8),
        notify=False,
        expected=changed.fingerprint,
    )
    issued = list(
        session.exec(select(Invoice).where(col(Invoice.id) > start).order_by(col(Invoice.id)))
    )
    assert _issued_as_documents(session, issued) == _planned_as_documents(changed)
    assert preview_month(session, organisation_id=org.id or 0, month=DECEMBER).documents == ()
    del payer


def test_a_preview_overtaken_by_a_booking_is_not_issued(session: Session) -> None:
    org = commune(session)
    activity_id, user, child_id, _payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1)])
    shown = preview_month(session, organisation_id=org.id or 0, month=DECEMBER)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 2)])
    before = _counts(session)
    with pytest.raises(PreviewOutdated):
        bill_month_as_staff(
            session,
            user_id=_agent(session),
            organisation_id=org.id or 0,
            month=DECEMBER,
            confirmed=True,
            expected=shown.fingerprint,
            now=FIRST_OF_DECEMBER,
        )
    assert _counts(session) == before


@pytest.mark.parametrize(
    ("now", "month"),
    [
        (datetime(2026, 12, 1, 9, 0, tzinfo=UTC), DECEMBER),  # the current month
        (datetime(2026, 11, 30, 23, 30, tzinfo=UTC), DECEMBER),  # already 1 December in Paris
        (datetime(2026, 11, 20, 9, 0, tzinfo=UTC), DECEMBER),  # a future month
    ],
)
def test_the_current_or_a_future_month_is_refused_without_confirmation(
    session: Session, now: datetime, month: date
) -> None:
    org = commune(session)
    activity_id, user, child_id, _payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1)])
    before = _counts(session)
    with pytest.raises(ConfirmationNeeded):
        bill_month_as_staff(
            session, user_id=_agent(session), organisation_id=org.id or 0, month=month, now=now
        )
    assert _counts(session) == before
    confirmed = bill_month_as_staff(
        session,
        user_id=_agent(session),
        organisation_id=org.id or 0,
        month=month,
        confirmed=True,
        now=now,
    )
    assert confirmed.created == 1


def test_a_past_month_needs_no_confirmation(session: Session) -> None:
    org = commune(session)
    activity_id, user, child_id, _payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1)])
    report = bill_month_as_staff(
        session,
        user_id=_agent(session),
        organisation_id=org.id or 0,
        month=DECEMBER,
        now=datetime(2027, 1, 4, 9, 0, tzinfo=UTC),
    )
    assert report.created == 1


def test_a_month_billed_before_days_were_tracked_is_not_billed_again(session: Session) -> None:
    """An upgrade: the month's invoice exists without BilledDay rows; its days count as billed."""
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1), date(2026, 12, 2)])
    service_id = _service(session, activity_id)
    create_invoice(
        session,
        organisation_id=org.id or 0,
        billing_service_id=service_id,
        family_id=payer.family_id,
        payer_guardian_id=payer.id or 0,
        label="Activités périscolaires — décembre 2026",
        lines=[NewLine(label="Atelier", unit_cents=PRICE, quantity=2, child_id=child_id)],
        issued_on=date(2026, 12, 1),
        due_on=date(2026, 12, 31),
        origin_key=origin_key(DECEMBER, payer.family_id, service_id, payer.id or 0),
        period_start=DECEMBER,
    )
    assert preview_month(session, organisation_id=org.id or 0, month=DECEMBER).documents == ()
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 3)])
    report = _bill_as_agent(session, org.id or 0)
    assert (report.created, report.total_cents) == (1, PRICE)
    assert sum(i.total_cents for i in _month_invoices(session, payer)) == 3 * PRICE


def _service(session: Session, activity_id: int) -> int:
    from portail_famille.models import Activity

    activity = session.get(Activity, activity_id)
    assert activity is not None and activity.billing_service_id is not None
    return activity.billing_service_id


def test_a_billed_day_later_justified_as_absent_is_credited(session: Session) -> None:
    """A justified absence is never billed, even when it is justified after the month's invoice."""
    org = commune(session)
    activity_id, user, child_id, payer = _family(session)
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 1), date(2026, 12, 2)])
    _bill_as_agent(session, org.id or 0)
    from portail_famille.models import Booking

    booking = session.exec(
        select(Booking).where(Booking.child_id == child_id, Booking.day == date(2026, 12, 2))
    ).one()
    booking.absence_declared, booking.absence_justified = True, True
    session.add(booking)
    session.flush()
    report = _bill_as_agent(session, org.id or 0)
    assert (report.created, report.credit_notes, report.total_cents) == (0, 1, -PRICE)
    assert sum(i.total_cents for i in _month_invoices(session, payer)) == PRICE


@pytest.mark.parametrize("price", [PRICE, 0])
def test_a_day_moved_to_the_other_household_is_credited_to_one_and_billed_to_the_other(
    session: Session, price: int
) -> None:
    """Shared custody: one household cancels a billed day, the other books it (a free day too:
    nothing to credit, but the day must be free to bill to the other payer)."""
    from portail_famille.models import GuardianChildLink, Relationship

    org = commune(session)
    activity = small_activity(session, 30, ((0, None, price),))
    activity_id = activity.id or 0
    user, child = family_with_child(session, activity, "Decembre")
    child_id = child.id or 0
    payer = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
    other, _other_child = family_with_child(session, activity, "Autremaison")
    other_payer = session.exec(select(Guardian).where(Guardian.user_id == other.id)).one()
    session.add(
        GuardianChildLink(
            guardian_id=other_payer.id or 0,
            child_id=child_id,
            relationship=Relationship.FATHER,
            shared_custody=True,
            claimed_at=NOW,
        )
    )
    session.flush()
    _change(session, user, child_id, activity_id, add=[date(2026, 12, 4)])
    _bill_as_agent(session, org.id or 0)
    _change(session, user, child_id, activity_id, remove=[date(2026, 12, 4)])
    _change(session, other, child_id, activity_id, add=[date(2026, 12, 4)])

    report = _bill_as_agent(session, org.id or 0)

    credits = 1 if price else 0
    assert (report.created, report.credit_notes, report.total_cents) == (1, credits, 0)
    expected = [price, -price] if price else [0]
    assert [i.total_cents for i in _month_invoices(session, payer)] == expected
    assert [i.total_cents for i in _month_invoices(session, other_payer)] == [price]
