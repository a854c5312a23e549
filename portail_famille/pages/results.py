"""The Results tile: marks per subject, a subject's chart, report cards as PDF, ministry exams."""

from __future__ import annotations

import reflex as rx

from portail_famille.components.chart import line_chart
from portail_famille.components.layout import card
from portail_famille.pages.child_switcher import child_switcher
from portail_famille.pages.common import frame
from portail_famille.paths import GUARDIAN_HOME
from portail_famille.state.lang import LangState, t
from portail_famille.state.results import (
    DotView,
    ExamView,
    MarkView,
    ReportCardView,
    ResultsState,
    SubjectView,
)

LANG = LangState.language


def tile_head(title_key: str) -> rx.Component:
    """The start of every tile page: the way back, the title, the children's chips."""
    return rx.fragment(
        rx.el.link(rel="stylesheet", href="/results.css"),
        rx.el.a(t("results.back"), href=GUARDIAN_HOME, class_name="back-link"),
        rx.el.h1(t(title_key)),
    )


def _marks_table(marks: rx.Var[list[MarkView]], caption: rx.Var) -> rx.Component:
    def row(mark: rx.Var[MarkView]) -> rx.Component:
        return rx.el.tr(
            rx.el.th(mark.title, scope="row"),
            rx.el.td(mark.day[LANG]),
            rx.el.td(
                mark.score[LANG], rx.el.br(), rx.el.span(mark.percent[LANG], class_name="muted")
            ),
        )

    return rx.el.table(
        rx.el.caption(caption, class_name="sr-only"),
        rx.el.thead(
            rx.el.tr(
                rx.el.th(t("results.assignment"), scope="col"),
                rx.el.th(t("results.date"), scope="col"),
                rx.el.th(t("results.mark"), scope="col"),
            )
        ),
        rx.el.tbody(rx.foreach(marks, row)),
        class_name="data-table",
    )


def _subject(subject: rx.Var[SubjectView]) -> rx.Component:
    return rx.el.section(
        rx.el.h3(subject.name),
        rx.el.p(t("results.teacher", name=subject.teacher), class_name="muted"),
        rx.cond(
            subject.marks.length() > 0,
            _marks_table(subject.marks, subject.name),
            rx.el.p(t("results.no_marks")),
        ),
        class_name="subject",
    )


def _chart() -> rx.Component:
    current = ResultsState.subjects[ResultsState.chart_subject].to(SubjectView)
    chips = rx.el.div(
        rx.foreach(
            ResultsState.subjects,
            lambda s, i: rx.el.button(
                s.name,
                type="button",
                aria_pressed=rx.cond(ResultsState.chart_subject == i, "true", "false"),
                on_click=ResultsState.show_subject(i),
                class_name="chip",
            ),
        ),
        role="group",
        aria_label=t("results.chart_subject"),
        class_name="chips",
        id="chart-subjects",
    )
    return card(
        rx.el.h2(t("results.chart"), id="chart-heading"),
        chips,
        line_chart(
            "marks-chart",
            current.name,
            t("results.chart_desc", subject=current.name, values=ResultsState.chart_values[LANG]),  # type: ignore[index]  # a Var, indexed on the client
            ResultsState.chart_line,
            ResultsState.chart_dots,
            lambda dot: dot.to(DotView).label[LANG],
        ),
        rx.el.details(
            rx.el.summary(t("results.chart_table")),
            _marks_table(current.marks, current.name),
        ),
        aria_labelledby="chart-heading",
        id="chart-card",
    )


def _report_card(item: rx.Var[ReportCardView]) -> rx.Component:
    return rx.el.li(
        rx.el.a(
            t("results.report_card_link", term=item.term, year=item.school_year),
            href=item.href,
            target="_blank",
            rel="noopener",
            class_name="document-link",
        ),
        rx.el.span(t("results.issued_on", date=item.issued[LANG]), class_name="muted"),
        class_name="document-row",
    )


def _exam(exam: rx.Var[ExamView]) -> rx.Component:
    return rx.el.tr(
        rx.el.th(
            exam.exam, rx.el.br(), rx.el.span(exam.day[LANG], class_name="muted"), scope="row"
        ),
        rx.el.td(
            exam.result[LANG],
            rx.el.br(),
            rx.cond(exam.passed, t("results.exam_passed"), t("results.exam_failed")),
        ),
    )


def results_page() -> rx.Component:
    return frame(
        tile_head("results.title"),
        child_switcher(ResultsState.load),
        rx.el.p(ResultsState.child_name, class_name="lead", id="results-child"),
        card(
            rx.el.h2(t("results.marks"), id="marks-heading"),
            rx.cond(
                ResultsState.subjects.length() > 0,
                rx.foreach(ResultsState.subjects, _subject),
                rx.el.p(t("results.no_marks")),
            ),
            aria_labelledby="marks-heading",
            id="marks",
        ),
        rx.cond(ResultsState.subjects.length() > 0, _chart()),
        card(
            rx.el.h2(t("results.report_cards"), id="report-cards-heading"),
            rx.cond(
                ResultsState.report_cards.length() > 0,
                rx.el.ul(
                    rx.foreach(ResultsState.report_cards, _report_card), class_name="plain-list"
                ),
                rx.el.p(t("results.no_report_cards")),
            ),
            aria_labelledby="report-cards-heading",
            id="report-cards",
        ),
        card(
            rx.el.h2(t("results.exams"), id="exams-heading"),
            rx.cond(
                ResultsState.exams.length() > 0,
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            rx.el.th(t("results.exam"), scope="col"),
                            rx.el.th(t("results.exam_result"), scope="col"),
                        )
                    ),
                    rx.el.tbody(rx.foreach(ResultsState.exams, _exam)),
                    class_name="data-table",
                ),
                rx.el.p(t("results.no_exams")),
            ),
            aria_labelledby="exams-heading",
            id="exams",
        ),
    )
