"""Sharing one payment among an invoice's children for the tax receipts: to the cent, whatever the
amounts, never negative, never more than a cent from the exact share, whatever the lines' order."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from portail_famille.models import Child, Guardian, InvoiceLine, PaymentMethod
from portail_famille.services.payments import apply_payment
from portail_famille.services.receipts import _split_by_child, tax_receipt
from tests.payment_fixtures import new_invoice


def _lines(*pairs: tuple[int | None, int]) -> list[InvoiceLine]:
    return [
        InvoiceLine(
            invoice_id=1, child_id=child, label="Jour", unit_cents=cents, amount_cents=cents
        )
        for child, cents in pairs
    ]


def _parts(split: dict[int | None, int]) -> dict[int | None, int]:
    return {child: cents for child, cents in split.items() if cents}


def test_three_children_and_a_cent_that_does_not_divide() -> None:
    # 10.01 paid on an invoice of three children billed 10.00 each: 3.3366… each.
    split = _split_by_child(1_001, _lines((7, 1_000), (8, 1_000), (9, 1_000)))
    assert split == {7: 334, 8: 334, 9: 333}


def test_a_child_billed_several_days_gets_its_exact_share() -> None:
    # Half of 60.00 paid; Léa was billed three days of 10.00, Thomas two of 15.00: 5.00 each.
    lines = _lines((1, 1_000), (1, 1_000), (1, 1_000), (2, 1_500), (2, 1_500))
    assert _split_by_child(1_000, lines) == {1: 500, 2: 500}


def test_odd_cents_over_uneven_lines_sum_to_the_payment() -> None:
    lines = _lines((3, 1_234), (4, 567), (5, 89), (3, 11), (6, 1))
    split = _split_by_child(999, lines)
    assert sum(split.values()) == 999
    # Exact shares 653.92, 297.81, 46.75 and 0.53: the three cents left go to the largest fractions.
    assert _parts(split) == {3: 654, 4: 298, 5: 47}


def test_a_credit_line_never_gives_a_child_a_negative_share() -> None:
    # The sibling discount is Thomas's own line: it lowers the invoice, not what Léa paid.
    split = _split_by_child(2_000, _lines((1, 2_500), (2, 1_000), (2, -1_500)))
    assert _parts(split) == {1: 2_000}


def test_lines_without_a_child_keep_their_share_and_an_empty_invoice_keeps_everything() -> None:
    assert _split_by_child(301, _lines((None, 100), (1, 200))) == {None: 100, 1: 201}
    assert _split_by_child(500, []) == {None: 500}


children = st.sampled_from([None, 1, 2, 3, 4, 5])
line_lists = st.lists(
    st.tuples(children, st.integers(min_value=-20_000, max_value=200_000)), min_size=1, max_size=12
)


@given(amount=st.integers(min_value=0, max_value=10_000_000), pairs=line_lists, data=st.data())
def test_the_parts_always_sum_to_the_whole_and_do_not_depend_on_the_order(
    amount: int, pairs: list[tuple[int | None, int]], data: st.DataObject
) -> None:
    lines = _lines(*pairs)
    split = _split_by_child(amount, lines)
    assert sum(split.values()) == amount
    assert all(cents >= 0 for cents in split.values())
    shuffled = data.draw(st.permutations(lines))
    assert _parts(_split_by_child(amount, shuffled)) == _parts(split)
    assert _split_by_child(amount, lines) == split  # deterministic


@given(amount=st.integers(min_value=0, max_value=10_000_000), pairs=line_lists)
def test_each_part_is_within_a_cent_of_the_exact_share(
    amount: int, pairs: list[tuple[int | None, int]]
) -> None:
    billed: dict[int | None, int] = {}
    for child, cents in pairs:
        billed[child] = billed.get(child, 0) + cents
    weights = {child: cents for child, cents in billed.items() if cents > 0}
    total = sum(weights.values())
    split = _split_by_child(amount, _lines(*pairs))
    if total == 0:
        assert split == {None: amount}
        return
    for child, weight in weights.items():
        assert abs(split.get(child, 0) - Fraction(amount * weight, total)) < 1
    assert all(split.get(child, 0) == 0 for child in billed if child not in weights)


@pytest.mark.db
def test_a_tax_receipt_shares_odd_cents_among_children_and_a_fee_and_sums_to_what_was_paid(
    session: Session,
) -> None:
    # Marie pays 100.01 of an invoice of 300.00: a day for Léa, two for Thomas, a 2.00 fee.
    invoice = new_invoice(session, ("Marie", "Tremblay"), ("Léa", "Gagnon"), 9_900)
    thomas = session.exec(select(Child).where(Child.first_name == "Thomas")).one()
    session.add_all(
        [
            InvoiceLine(
                invoice_id=invoice.id or 0,
                child_id=thomas.id,
                label="Jour",
                unit_cents=9_900,
                amount_cents=9_900,
            ),
            InvoiceLine(
                invoice_id=invoice.id or 0, label="Frais", unit_cents=200, amount_cents=200
            ),
            InvoiceLine(
                invoice_id=invoice.id or 0,
                child_id=thomas.id,
                label="Jour",
                unit_cents=10_000,
                amount_cents=10_000,
            ),
        ]
    )
    invoice.total_cents = 30_000
    session.add(invoice)
    session.flush()
    apply_payment(
        session,
        organisation_id=invoice.organisation_id,
        payer_guardian_id=invoice.payer_guardian_id,
        family_id=invoice.family_id,
        method=PaymentMethod.CHEQUE,
        amount_cents=10_001,
        invoice_ids=[invoice.id or 0],
        received_at=datetime(2034, 3, 1, 15, 0, tzinfo=UTC),
    )
    payer = session.get(Guardian, invoice.payer_guardian_id)
    assert payer is not None
    slip = tax_receipt(session, payer, 2034)
    # Exact shares 33.0033, 66.3400 and 0.6667: the two cents left go to the largest fractions.
    assert [(line.child, line.amount_cents) for line in slip.lines] == [
        ("Léa Gagnon", 3_300),
        ("Thomas Gagnon", 6_634),
        ("—", 67),
    ]
    assert slip.total_cents == 10_001
