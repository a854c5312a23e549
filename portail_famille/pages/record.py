"""The Record tile: the child's record, the household's, the sheet as PDF; every change proposed
from here is a request that staff decide on (pages/request_form.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.pages.request_form import propose_button, request_form
from portail_famille.pages.results import tile_head
from portail_famille.paths import RECORD_VIEWERS_PAGE, REQUESTS_PAGE
from portail_famille.state.lang import LangState, t
from portail_famille.state.record import PersonView, RecordState
from portail_famille.state.request_form import RequestFormState

CHILD = RecordState.child
FAMILY = RecordState.family


def _fact(label_key: str, value: Any) -> rx.Component:
    return rx.el.div(
        rx.el.dt(t(label_key)),
        rx.el.dd(rx.cond(value != "", value, t("record.none"))),
        class_name="fact",
    )


def _yes_no(value: Any) -> Any:
    return rx.cond(value, t("record.yes"), t("record.no"))


def _teacher(person: rx.Var[PersonView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(person.name),
        rx.el.br(),
        rx.cond(
            person.email != "",
            rx.el.a(
                person.detail,
                href="mailto:" + person.email,
                aria_label=t("record.write_to", name=person.detail),
            ),
            person.detail,
        ),
        class_name="document-row",
    )


def _person(person: rx.Var[PersonView]) -> rx.Component:
    return rx.el.li(
        rx.el.strong(person.name),
        rx.cond(person.detail != "", rx.el.span(" · ", person.detail)),
        rx.cond(person.phone != "", rx.el.span(rx.el.br(), person.phone)),
        rx.cond(person.email != "", rx.el.span(rx.el.br(), person.email)),
        class_name="document-row",
    )


def _people(items: Any, render: Any) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        rx.el.ul(rx.foreach(items, render), class_name="plain-list"),
        rx.el.p(t("record.none")),
    )


def _identity() -> rx.Component:
    photo = rx.cond(
        CHILD.photo != "",
        rx.el.img(
            src=CHILD.photo, alt=t("record.photo_alt", name=CHILD.full_name), class_name="photo"
        ),
        rx.el.div(
            CHILD.initial, role="img", aria_label=t("record.photo_none"), class_name="photo initial"
        ),
    )
    return card(
        rx.el.div(photo, rx.el.h2(CHILD.full_name, id="record-child-name"), class_name="identity"),
        rx.el.dl(
            _fact("record.birth_date", CHILD.born[LangState.language]),  # type: ignore[index]  # a Var, indexed on the client
            _fact("record.file_number", CHILD.file_number),
            _fact("record.school", CHILD.school),
            _fact("record.grade", CHILD.grade),
            _fact("record.group", CHILD.group_name),
            _fact("record.transport", CHILD.transport),
            class_name="facts",
        ),
        rx.cond(
            CHILD.sheet_href != "",
            rx.el.a(
                t("record.sheet_link"),
                href=CHILD.sheet_href,
                target="_blank",
                rel="noopener",
                class_name="button",
                id="child-sheet",
            ),
        ),
        _actions("photo"),
        aria_labelledby="record-child-name",
        id="record-child",
    )


def _actions(*categories: str) -> rx.Component:
    return rx.el.div(*[propose_button(c) for c in categories], class_name="section-actions")


def _section(heading_key: str, section_id: str, *content: rx.Component) -> rx.Component:
    return card(
        rx.el.h2(t(heading_key), id=f"{section_id}-heading"),
        *content,
        aria_labelledby=f"{section_id}-heading",
        id=section_id,
    )


def _child_sections() -> rx.Component:
    return rx.fragment(
        _section("record.subjects", "record-subjects", _people(RecordState.subjects, _teacher)),
        _section(
            "record.pickups",
            "record-pickups",
            _people(RecordState.pickups, _person),
            _actions("pickup"),
        ),
        _section(
            "record.health",
            "record-health",
            rx.el.dl(
                _fact("record.allergies", CHILD.allergies),
                _fact("record.medication", CHILD.medication),
                _fact("record.doctor", CHILD.doctor),
                class_name="facts",
            ),
            _actions("health"),
        ),
        _section(
            "record.complementary",
            "record-more",
            rx.el.dl(
                _fact("record.notes", CHILD.notes),
                _fact("record.photo_consent", _yes_no(CHILD.photo_consent)),
                _fact("record.may_leave_alone", _yes_no(CHILD.may_leave_alone)),
                class_name="facts",
            ),
            _actions("complementary"),
        ),
    )


def _family() -> rx.Component:
    return _section(
        "record.family",
        "record-family",
        rx.el.p(FAMILY.name, class_name="lead"),
        rx.el.h3(t("record.guardians")),
        _people(RecordState.family_guardians, _person),
        rx.el.dl(
            _fact("record.spouse", FAMILY.spouse_name),
            _fact("record.tax_number", FAMILY.tax_number),
            _fact("record.tax_year", FAMILY.tax_year),
            _fact("record.quotient", FAMILY.family_quotient),
            _fact("record.caf", FAMILY.caf_number),
            _fact("record.bank_holder", FAMILY.bank_holder),
            _fact("record.bank_account", FAMILY.bank_masked),
            class_name="facts",
            id="bank-details",
        ),
        _actions("guardian", "spouse", "tax", "caf", "bank"),
    )


def record_page() -> rx.Component:
    return frame(
        tile_head("record.title"),
        rx.el.link(rel="stylesheet", href="/requests_family.css"),
        child_switcher(RecordState.load, RequestFormState.reset_form),
        rx.el.div(
            rx.el.p(t("requests_family.record_intro")),
            rx.el.a(t("requests_family.see_requests"), href=REQUESTS_PAGE, id="see-requests"),
            class_name="notice",
        ),
        rx.el.p(
            rx.el.a(t("records_admin.viewers.link"), href=RECORD_VIEWERS_PAGE, id="record-viewers")
        ),
        request_form(),
        rx.cond(
            RecordState.loaded,
            rx.fragment(_identity(), _child_sections(), _family()),
        ),
    )
