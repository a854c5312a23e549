"""The Record tile (read-only): the child's record and the household's, bank details masked.

The full account number is unsealed in the service and only its mask reaches this state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx

from portail_famille.api.documents import child_sheet_href
from portail_famille.api.request_documents import child_photo_url
from portail_famille.db import session_scope
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.services.access import Forbidden
from portail_famille.services.records import ChildSheet, FamilySheet, records_for_guardian
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.tab_storage import forget_once_sent


@dataclass
class PersonView:
    name: str
    detail: str
    phone: str
    email: str


@dataclass
class ChildRecordView:
    full_name: str = ""
    initial: str = ""
    photo: str = ""  # the photo's address, or "" for the placeholder initial
    born: dict[str, str] = field(default_factory=dict)
    file_number: str = ""
    school: str = ""
    grade: str = ""
    group_name: str = ""
    transport: str = ""
    allergies: str = ""
    medication: str = ""
    doctor: str = ""
    notes: str = ""
    photo_consent: bool = False
    may_leave_alone: bool = False
    sheet_href: str = ""


@dataclass
class FamilyView:
    name: str = ""
    spouse_name: str = ""
    spouse_phone: str = ""
    tax_number: str = ""
    tax_year: str = ""
    family_quotient: str = ""
    caf_number: str = ""
    bank_holder: str = ""
    bank_masked: str = ""


def child_view(sheet: ChildSheet) -> ChildRecordView:
    record = sheet.record
    # Served by its own route (only to those allowed), so any size of photo stays out of the state.
    photo = child_photo_url(record.reference) if record and record.photo_jpeg else ""
    return ChildRecordView(
        full_name=sheet.full_name,
        initial=sheet.first_name[:1].upper(),
        photo=photo,
        born={
            lang: format_day(sheet.birth_date, locale_for(lang, sheet.country))
            for lang in LANGUAGES
        },
        file_number=sheet.file_number,
        school=sheet.school,
        grade=sheet.grade,
        group_name=sheet.group_name,
        transport=(record.transport or "") if record else "",
        allergies=(record.allergies or "") if record else "",
        medication=(record.medication or "") if record else "",
        doctor=" · ".join(x for x in (record.doctor_name, record.doctor_phone) if x)
        if record
        else "",
        notes=(record.notes or "") if record else "",
        photo_consent=bool(record and record.photo_consent),
        may_leave_alone=bool(record and record.may_leave_alone),
        sheet_href=child_sheet_href(record.reference) if record else "",
    )


def family_view(family: FamilySheet) -> FamilyView:
    return FamilyView(
        name=family.name,
        spouse_name=family.spouse_name,
        spouse_phone=family.spouse_phone,
        tax_number=family.tax_number,
        tax_year=family.tax_year,
        family_quotient=family.family_quotient,
        caf_number=family.caf_number,
        bank_holder=family.bank_holder,
        bank_masked=family.bank_masked,
    )


class RecordState(rx.State):
    loaded: bool = False
    child: ChildRecordView = ChildRecordView()
    subjects: list[PersonView] = []
    pickups: list[PersonView] = []
    family: FamilyView = FamilyView()
    family_guardians: list[PersonView] = []

    @rx.event
    async def load(self):
        selection = await self.get_state(ChildSelectionState)
        chosen = await selection._selected_child("view")
        self.loaded = False
        self.child, self.family = ChildRecordView(), FamilyView()
        self.subjects, self.pickups, self.family_guardians = [], [], []
        if chosen is None:
            return
        try:
            with session_scope() as session:
                sheet, family = records_for_guardian(session, *chosen)
        except Forbidden:
            return
        self.child, self.family = child_view(sheet), family_view(family)
        self.subjects = [PersonView(p.name, p.detail, p.phone, p.email) for p in sheet.subjects]
        self.pickups = [PersonView(p.name, p.detail, p.phone, p.email) for p in sheet.pickups]
        self.family_guardians = [
            PersonView(p.name, p.detail, p.phone, p.email) for p in family.guardians
        ]
        self.loaded = True
        yield  # health, tax and bank details reach the page; the tab's stored state forgets them
        forget_once_sent(self, "child", "family", "loaded")
