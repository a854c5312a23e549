"""What the family's request form and list put in the page: labels in both languages, no stored
bank account, only the category's own fields sent on, ids nowhere."""

import pickle
from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, select

from portail_famille.models import ChildRecord
from portail_famille.services.demo import PARENT_EMAIL
from portail_famille.services.enrolment_period import Period
from portail_famille.services.records import records_for_guardian
from portail_famille.services.records_confirmation import ConfirmationDue
from portail_famille.services.request_registry import FieldSpec
from portail_famille.services.requests import FieldView as ChangeView
from portail_famille.services.requests import RequestView, category_fields, current_values
from portail_famille.state.enrolment_period import EnrolmentPeriodState, period_text
from portail_famille.state.home_due import HomeDueState, due_views
from portail_famille.state.record import child_view
from portail_famille.state.request_form import RequestFormState
from portail_famille.state.request_form_views import field_views, form_values, with_errors
from portail_famille.state.requests import RequestsState, request_rows
from tests.results_fixtures import child_id, user_id

SPECS = [
    FieldSpec("allergies", "requests_family.category.health", "textarea"),
    FieldSpec("account", "requests_family.category.bank", "iban", sensitive=True),
    FieldSpec("alone", "requests_family.category.complementary", "bool"),
    FieldSpec(
        "action",
        "requests_family.category.pickup",
        "choice",
        True,
        (("add", "requests_family.cancel"), ("1", "Monique Martin")),
    ),
    FieldSpec("photo", "requests_family.category.photo", "file"),
]


def test_the_form_is_prefilled_but_never_with_the_stored_account() -> None:
    views = field_views(
        "bank", SPECS, {"allergies": "Arachides", "account": "•••• 0189", "alone": "yes"}
    )
    allergies, account, alone, action, _photo = views
    assert allergies.value == "Arachides" and allergies.label["en"] == "Health data"
    assert account.value == "" and account.masked == "•••• 0189"
    assert alone.checked
    assert action.required and action.value == ""
    assert [c.label["fr"] for c in action.choices] == ["Annuler", "Monique Martin"]
    assert [c.label["en"] for c in action.choices] == ["Cancel", "Monique Martin"]
    assert len({view.key for view in views}) == len(views)


def test_only_the_categorys_fields_are_sent_and_a_checkbox_is_yes_or_no() -> None:
    views = field_views("health", SPECS, {})
    sent = form_values(views, {"allergies": "  Lait ", "child_id": "7", "alone": True})
    assert sent == {"allergies": "Lait", "account": "", "alone": "true", "action": ""}
    assert form_values(views, {})["alone"] == "false"


def test_a_refused_field_carries_its_reason_in_both_languages() -> None:
    views = with_errors(field_views("health", SPECS, {}), {"account": "requests_family.cancel"})
    assert views[1].error == {"fr": "Annuler", "en": "Cancel"}
    assert views[0].error == {}


def test_the_list_shows_before_and_after_with_translated_values_and_no_id() -> None:
    view = RequestView(
        id=4242,
        category="health",
        category_key="requests_family.category.health",
        status="refused",
        status_key="requests_family.field_refused",
        created_at=datetime(2026, 11, 20, 14, 5, tzinfo=UTC),
        decided_at=datetime(2026, 11, 21, 9, 0, tzinfo=UTC),
        staff_comment="Certificat médical illisible",
        child_name="Léa",
        fields=[
            ChangeView("medication", "requests_family.category.health", "A", "B", "refused"),
            ChangeView(
                "alone",
                "requests_family.category.complementary",
                "requests_family.cancel",
                "requests_family.submit",
                "refused",
                translated=True,
            ),
        ],
    )
    [row] = request_rows([view], "CA", "America/Toronto")
    assert row.category["fr"] == "Données de santé" and row.status == "refused"
    assert row.changes[0].before == {"fr": "A", "en": "A"}
    assert row.changes[1].proposed["en"] == "Send the request"
    assert row.asked["fr"].startswith("20 nov") and "09:05" in row.asked["fr"]
    assert row.comment == "Certificat médical illisible"
    assert "4242" not in repr(row)


def test_the_period_and_what_is_due_read_in_each_language() -> None:
    period = Period(date(2027, 2, 1), date(2027, 2, 28), "CA")
    assert period.is_open(date(2027, 2, 28)) and not period.is_open(date(2027, 3, 1))
    assert not Period(None, None, "FR").is_open(date(2027, 2, 1))
    assert period_text(period)["fr"] == "du 1 février 2027 au 28 février 2027"
    assert period_text(Period(None, None, "FR")) == {}
    due = ConfirmationDue(1, "Tremblay", date(2027, 9, 30), "CA", True, False)
    done = ConfirmationDue(2, "Roy", date(2027, 9, 30), "CA", True, True)
    [view] = due_views([due, done], date(2027, 10, 1))
    assert view.overdue and view.due_on["en"] == "September 30, 2027"


def test_no_state_sends_an_id_or_has_automatic_setters() -> None:
    for state in (RequestFormState, RequestsState, HomeDueState, EnrolmentPeriodState):
        names = set(state.base_vars) | set(state.computed_vars)
        assert not [n for n in names if n.endswith("_id") or n.endswith("_ids")]
        assert not [n for n in state.event_handlers if n.startswith("set_")]


@pytest.mark.db
def test_an_open_form_stays_small_and_the_photo_is_an_address(session: Session) -> None:
    parent, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    sizes = {}
    for category in ("health", "pickup", "bank", "activity_enrolment"):
        specs = category_fields(category, session, user_id=parent, child_id=lea)
        current = current_values(session, user_id=parent, category=category, child_id=lea)
        sizes[category] = len(pickle.dumps(field_views(category, specs, current)))
    assert max(sizes.values()) < 4_000, sizes  # per-user state stays cheap to store
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == lea)).one()
    record.photo_jpeg = b"\xff\xd8\xff" + b"\0" * 200_000  # far above what a state should hold
    sheet, _family = records_for_guardian(session, parent, lea)
    assert child_view(sheet).photo == f"/api/enfants/photo/{record.reference}"
