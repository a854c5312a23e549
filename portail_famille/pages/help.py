"""Help without an account: the frequently asked questions and each school's contacts."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.layout import card
from portail_famille.pages.common import frame
from portail_famille.paths import HELP_CONTACT_FORM, HELP_CONTACTS, HELP_FAQ
from portail_famille.state.help import ContactsState, SchoolCard
from portail_famille.state.lang import t

FAQ_SIZE = 8


def help_links() -> rx.Component:
    """The three ways to get help, offered on the public pages."""
    return rx.el.nav(
        rx.el.ul(
            rx.el.li(rx.el.a(t("help.link.faq"), href=HELP_FAQ)),
            rx.el.li(rx.el.a(t("help.link.contacts"), href=HELP_CONTACTS)),
            rx.el.li(rx.el.a(t("help.link.form"), href=HELP_CONTACT_FORM)),
            class_name="help-links",
        ),
        aria_label=t("help.links_label"),
    )


def faq_page() -> rx.Component:
    return frame(
        rx.el.h1(t("help.faq.title")),
        rx.el.p(t("help.faq.intro"), class_name="lead"),
        *[
            card(
                rx.el.h2(t(f"help.faq.q{number}"), id=f"faq-{number}"),
                rx.el.p(t(f"help.faq.a{number}")),
                aria_labelledby=f"faq-{number}",
            )
            for number in range(1, FAQ_SIZE + 1)
        ],
        help_links(),
    )


def _fact(label: rx.Var, value: rx.Var) -> rx.Component:
    return rx.cond(value != "", rx.el.div(rx.el.dt(label), rx.el.dd(value), class_name="fact"))


def _school(school: rx.Var[SchoolCard]) -> rx.Component:
    return rx.el.li(
        rx.el.h2(school.name),
        rx.el.p(school.organisation, class_name="muted"),
        rx.el.dl(
            _fact(t("help.contacts.address"), school.address),
            _fact(t("help.contacts.phone"), school.phone),
            rx.cond(
                school.email != "",
                rx.el.div(
                    rx.el.dt(t("help.contacts.email")),
                    rx.el.dd(rx.el.a(school.email, href="mailto:" + school.email)),
                    class_name="fact",
                ),
            ),
            class_name="facts",
        ),
        class_name="school-row",
    )


def _organisation(organisation: rx.Var[SchoolCard]) -> rx.Component:
    return rx.el.li(
        rx.el.h2(organisation.name),
        rx.el.dl(
            _fact(t("help.contacts.address"), organisation.address),
            _fact(t("help.contacts.phone"), organisation.phone),
            rx.cond(
                organisation.email != "",
                rx.el.div(
                    rx.el.dt(t("help.contacts.email")),
                    rx.el.dd(rx.el.a(organisation.email, href="mailto:" + organisation.email)),
                    class_name="fact",
                ),
            ),
            class_name="facts",
        ),
        class_name="school-row",
    )


def contacts_page() -> rx.Component:
    return frame(
        rx.el.h1(t("help.contacts.title")),
        rx.el.p(t("help.contacts.intro"), class_name="lead"),
        rx.cond(
            ContactsState.organisations.length() > 0,
            card(
                rx.el.ul(
                    rx.foreach(ContactsState.organisations, _organisation),
                    class_name="school-list",
                    id="organisations",
                ),
            ),
        ),
        card(
            rx.cond(
                ContactsState.schools.length() > 0,
                rx.el.ul(
                    rx.foreach(ContactsState.schools, _school),
                    class_name="school-list",
                    id="schools",
                ),
                rx.el.p(t("help.contacts.none")),
            ),
        ),
        help_links(),
    )
