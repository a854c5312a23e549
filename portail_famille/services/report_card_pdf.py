"""A report card (bulletin) as PDF, in the reader's language."""

from __future__ import annotations

from html import escape

from sqlmodel import Session

from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models import Child, Organisation, ReportCard, School, SchoolYear
from portail_famille.services.pdf import page, render_pdf, table


def report_card_html(session: Session, card: ReportCard, child: Child, language: str) -> str:
    organisation = session.get(Organisation, child.organisation_id)
    school = session.get(School, card.school_id)
    year = session.get(SchoolYear, card.school_year_id)
    assert organisation is not None and school is not None and year is not None
    locale = locale_for(language, organisation.country)

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    name = f"{child.first_name} {child.last_name}"
    issued = format_day(card.issued_on, locale)
    title = tr("results.pdf.report_card", term=card.term, year=year.label)
    rows = [
        [
            str(line.get("subject", "")),
            f"{line.get('result', '')} %",
            f"{line.get('average', '')} %",
            str(line.get("comment", "")),
        ]
        for line in card.lines
    ]
    body = (
        f"<h1>{escape(title)}</h1>"
        f'<p class="muted">{escape(organisation.name)} · {escape(school.name)}</p>'
        f"<h2>{escape(name)}</h2>"
        f"<p>{escape(tr('results.pdf.file_number', number=child.file_number))}</p>"
        + table(
            [
                tr("results.subject"),
                tr("results.pdf.result"),
                tr("results.pdf.average"),
                tr("results.pdf.comment"),
            ],
            rows,
        )
        + f'<p class="muted">{escape(tr("results.pdf.issued", date=issued))}</p>'
    )
    return page(f"{title} — {name}", language, body)


def report_card_pdf(session: Session, card: ReportCard, child: Child, language: str) -> bytes:
    return render_pdf(report_card_html(session, card, child, language))
