"""The Results tile: published marks per subject, report cards, ministry exams, one subject's chart.

Only positions travel from the page; the child comes from ChildSelectionState, re-checked here.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from babel.numbers import format_decimal, format_percent

from portail_famille.api.documents import report_card_href
from portail_famille.db import session_scope
from portail_famille.domain.chart import chart_points, polyline
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.results import ChildResults, SubjectMarks, child_results
from portail_famille.state.children import ChildSelectionState


@dataclass
class MarkView:
    title: str
    day: dict[str, str]  # per language: switching needs no round trip
    score: dict[str, str]
    percent: dict[str, str]
    value: float  # the percentage, for the chart


@dataclass
class SubjectView:
    name: str
    teacher: str
    marks: list[MarkView]


@dataclass
class ReportCardView:
    term: str
    school_year: str
    issued: dict[str, str]
    href: str  # carries an opaque reference, checked again by the download route


@dataclass
class ExamView:
    exam: str
    school_year: str
    day: dict[str, str]
    result: dict[str, str]
    passed: bool


@dataclass
class DotView:
    x: str
    y: str
    label: dict[str, str]


def _per_language(country: str, make) -> dict[str, str]:
    return {language: make(locale_for(language, country)) for language in LANGUAGES}


def subject_view(subject: SubjectMarks, country: str) -> SubjectView:
    return SubjectView(
        name=subject.name,
        teacher=subject.teacher,
        marks=[
            MarkView(
                title=mark.title,
                day=_per_language(
                    country, lambda loc, m=mark: format_day(m.assessed_on, loc, "medium")
                ),
                score=_per_language(
                    country,
                    lambda loc, m=mark: (
                        f"{format_decimal(m.score, locale=loc)} / "
                        f"{format_decimal(m.out_of, locale=loc)}"
                    ),
                ),
                percent=_per_language(
                    country, lambda loc, m=mark: format_percent(m.percent / 100, locale=loc)
                ),
                value=mark.percent,
            )
            for mark in subject.marks
        ],
    )


def results_views(
    results: ChildResults,
) -> tuple[list[SubjectView], list[ReportCardView], list[ExamView]]:
    """What the page shows of the service's results: nothing more reaches the client."""
    country = results.country
    return (
        [subject_view(s, country) for s in results.subjects],
        [
            ReportCardView(
                term=str(card.term),
                school_year=card.school_year,
                issued=_per_language(country, lambda loc, c=card: format_day(c.issued_on, loc)),
                href=report_card_href(card.reference),
            )
            for card in results.report_cards
        ],
        [
            ExamView(
                exam=exam.exam,
                school_year=exam.school_year,
                day=_per_language(country, lambda loc, e=exam: format_day(e.sat_on, loc)),
                result=_per_language(
                    country, lambda loc, e=exam: format_percent(e.result / 100, locale=loc)
                ),
                passed=exam.passed,
            )
            for exam in results.exams
        ],
    )


class ResultsState(rx.State):
    child_name: str = ""
    subjects: list[SubjectView] = []
    report_cards: list[ReportCardView] = []
    exams: list[ExamView] = []
    chart_subject: int = 0
    chart_line: str = ""
    chart_dots: list[DotView] = []
    chart_values: dict[str, str] = {}

    @rx.event
    async def load(self):
        selection = await self.get_state(ChildSelectionState)
        chosen = await selection._selected_child("view")
        self.subjects, self.report_cards, self.exams, self.child_name = [], [], [], ""
        if chosen is not None:
            user_id, child_id = chosen
            try:
                with session_scope() as session:
                    results = child_results(session, user_id, child_id)
            except Forbidden:
                results = None
            if results is not None:
                self.child_name = results.child_name
                self.subjects, self.report_cards, self.exams = results_views(results)
        self._draw(0)

    @rx.event
    def show_subject(self, position: int):
        """Charts another subject among those already shown (a position, checked)."""
        if isinstance(position, int) and 0 <= position < len(self.subjects):
            self._draw(position)

    def _draw(self, position: int) -> None:
        self.chart_subject = position
        marks = self.subjects[position].marks if position < len(self.subjects) else []
        percents = [mark.value for mark in marks]
        points = chart_points(percents)
        self.chart_line = polyline(points)
        self.chart_dots = [
            DotView(
                x=str(p.x),
                y=str(p.y),
                label={k: f"{mark.title} : {v}" for k, v in mark.percent.items()},
            )
            for p, mark in zip(points, marks, strict=True)
        ]
        self.chart_values = {
            language: ", ".join(mark.percent[language] for mark in marks) for language in LANGUAGES
        }
