"""The child's sheet (fiche enfant) as PDF, in the reader's language."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.pdf import page, render_pdf, table
from portail_famille.services.records import ChildSheet

HEALTH_GATE = "security.sheet.health_gate"


def child_sheet_html(sheet: ChildSheet, language: str, with_health: bool = True) -> str:
    """`with_health=False` for staff: health data reach them only through the console's reason
    gate, which logs why (never through a document that anyone may forward)."""

    def tr(key: str, **params: object) -> str:
        return translate(language, key, **params)

    def fact(key: str, value: str) -> str:
        return f"<p><strong>{escape(tr(key))}</strong> : {escape(value or tr('record.none'))}</p>"

    def yes_no(value: bool) -> str:
        return tr("record.yes") if value else tr("record.no")

    record = sheet.record
    born = format_day(sheet.birth_date, locale_for(language, sheet.country))
    parts = [
        f"<h1>{escape(tr('record.pdf.title'))}</h1>",
        f"<h2>{escape(sheet.full_name)}</h2>",
        fact("record.birth_date", born),
        fact("record.file_number", sheet.file_number),
        fact("record.school", f"{sheet.school} ({sheet.organisation})" if sheet.school else ""),
        fact("record.grade", sheet.grade),
        fact("record.group", sheet.group_name),
        fact("record.transport", (record.transport or "") if record else ""),
        f"<h2>{escape(tr('record.subjects'))}</h2>",
        table(
            [tr("results.subject"), tr("record.teacher"), tr("record.email")],
            [[s.name, s.detail, s.email] for s in sheet.subjects],
        ),
        f"<h2>{escape(tr('record.guardians'))}</h2>",
        table(
            [tr("record.name"), tr("record.phone"), tr("record.email")],
            [[g.name, g.phone, g.email] for g in sheet.guardians],
        ),
        f"<h2>{escape(tr('record.pickups'))}</h2>",
        table(
            [tr("record.name"), tr("record.relation"), tr("record.phone")],
            [[p.name, p.detail, p.phone] for p in sheet.pickups],
        ),
        f"<h2>{escape(tr('record.health'))}</h2>",
        *(
            _health(sheet, fact)
            if with_health
            else [f"<p>{escape(tr('security.sheet.health_gate'))}</p>"]
        ),
        f"<h2>{escape(tr('record.complementary'))}</h2>",
        fact("record.notes", (record.notes or "") if record else ""),
        fact("record.photo_consent", yes_no(bool(record and record.photo_consent))),
        fact("record.may_leave_alone", yes_no(bool(record and record.may_leave_alone))),
    ]
    return page(f"{tr('record.pdf.title')} — {sheet.full_name}", language, "".join(parts))


def _health(sheet: ChildSheet, fact: Callable[[str, str], str]) -> list[str]:
    record = sheet.record
    return [
        fact("record.allergies", (record.allergies or "") if record else ""),
        fact("record.medication", (record.medication or "") if record else ""),
        fact(
            "record.doctor",
            " · ".join(x for x in (record.doctor_name, record.doctor_phone) if x) if record else "",
        ),
    ]


def child_sheet_pdf(sheet: ChildSheet, language: str, with_health: bool = True) -> bytes:
    return render_pdf(child_sheet_html(sheet, language, with_health))
