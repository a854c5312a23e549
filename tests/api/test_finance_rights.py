"""Finance documents need the right they reveal: with view, book and pay removed on Léa's link,
Marie no longer lists or downloads Léa's statement, invoice or receipt (issue 14, item 6)."""

from collections.abc import Callable, Iterator

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from portail_famille.api.finance_documents import invoice_href, statement_href
from portail_famille.api.payment_documents import receipt_href
from portail_famille.api.routes import create_api
from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    BillingService,
    Child,
    GuardianChildLink,
    Invoice,
    Payment,
    Statement,
    UserAccount,
)
from portail_famille.services.demo import DEMO_PASSWORD, PARENT_EMAIL, load_demo
from portail_famille.services.invoice_views import invoices_for_guardian
from portail_famille.services.payer import (
    open_invoices_for_user,
    paid_invoices_for_user,
    payments_for_user,
)
from portail_famille.services.statement_access import statements_for_guardian
from tests.databases import fresh_database_url
from tests.payment_fixtures import guardian, record_sample_payments

pytestmark = pytest.mark.db


@pytest.fixture
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo of this test's own, with Marie's payments: the test commits a change of rights."""
    url = fresh_database_url(tmp_path_factory.mktemp("rights"))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as db:
        load_demo(db)
        record_sample_payments(db)
        db.commit()
    engine.dispose()
    return url


@pytest.fixture
def db(database_url: str, point_portal_at: Callable[[str], None]) -> Iterator[Session]:
    point_portal_at(database_url)
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def _client() -> TestClient:
    client = TestClient(create_api(), base_url="http://testserver", follow_redirects=False)
    response = client.post(
        "/api/auth/signin",
        data={"email": PARENT_EMAIL, "password": DEMO_PASSWORD},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 303
    return client


def _leas_documents(db: Session) -> tuple[Statement, Invoice, Payment]:
    marie = guardian(db, "Marie", "Tremblay")
    lea = db.exec(select(Child).where(Child.first_name == "Léa")).one()
    statement = db.exec(
        select(Statement).where(
            Statement.child_id == lea.id,
            Statement.guardian_id == marie.id,
            col(Statement.superseded_at).is_(None),
        )
    ).first()
    invoice = db.exec(
        select(Invoice)
        .join(BillingService, col(BillingService.id) == Invoice.billing_service_id)
        .where(Invoice.payer_guardian_id == marie.id, BillingService.code == "GARDE-001")
        .order_by(col(Invoice.issued_on).desc())
    ).first()
    cheque = db.exec(
        select(Payment).where(Payment.payer_guardian_id == marie.id, Payment.method == "cheque")
    ).one()
    assert statement is not None and invoice is not None
    return statement, invoice, cheque


def _take_rights_away(db: Session) -> None:
    marie = guardian(db, "Marie", "Tremblay")
    lea = db.exec(select(Child).where(Child.first_name == "Léa")).one()
    link = db.exec(
        select(GuardianChildLink).where(
            GuardianChildLink.guardian_id == marie.id, GuardianChildLink.child_id == lea.id
        )
    ).one()
    link.can_view = link.can_book = link.can_pay = False  # still the payer, still "receives"
    db.add(link)
    db.commit()


def test_without_view_or_pay_on_lea_marie_downloads_none_of_her_finance_documents(
    db: Session,
) -> None:
    statement, invoice, cheque = _leas_documents(db)
    hrefs = [statement_href(statement.reference), invoice_href(invoice.reference)]
    hrefs.append(receipt_href(cheque.reference))
    client = _client()
    assert [client.get(href).status_code for href in hrefs] == [200, 200, 200]
    _take_rights_away(db)
    for href in hrefs:
        response = client.get(href)
        assert (response.status_code, response.content) == (404, b""), href


def test_without_view_or_pay_on_lea_her_documents_leave_marie_s_lists(db: Session) -> None:
    statement, invoice, cheque = _leas_documents(db)
    user = db.exec(select(UserAccount).where(UserAccount.email == PARENT_EMAIL)).one()
    user_id = user.id
    assert user_id is not None

    def listed() -> tuple[bool, bool, bool]:
        db.expire_all()
        invoices = {v.reference for v in invoices_for_guardian(db, user_id=user_id)}
        invoices |= {v.reference for v in open_invoices_for_user(db, user_id)}
        invoices |= {v.reference for v in paid_invoices_for_user(db, user_id)}
        statements = {v.reference for v in statements_for_guardian(db, user_id=user_id)}
        payments = {p.reference for p, _org in payments_for_user(db, user_id)}
        return (
            statement.reference in statements,
            invoice.reference in invoices,
            cheque.reference in payments,
        )

    assert listed() == (True, True, True)
    _take_rights_away(db)
    assert listed() == (False, False, False)
