"""OneRoster 1.1 users.csv (with enrollments and demographics) into students and guardians.

Students are matched by file number (`identifier`, or a file-number type in `userIds`); guardians
are linked only to the students their own row names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from portail_famille.domain.codes import (
    is_plausible_email,
    normalise_email,
    normalise_file_number,
    normalise_permanent_code,
)
from portail_famille.domain.oneroster import ids, parse_date, parse_user_ids
from portail_famille.domain.oneroster_spec import DEMOGRAPHICS, ENROLLMENTS, USERS
from portail_famille.models import Relationship
from portail_famille.services.imports.kinds.enrolments import EnrolmentPlan
from portail_famille.services.imports.kinds.guardians import GuardianRecord
from portail_famille.services.imports.kinds.students import StudentRecord
from portail_famille.services.imports.oneroster_rows import too_long
from portail_famille.services.imports.reader import Row, header_key

if TYPE_CHECKING:
    from portail_famille.services.imports.oneroster import Roster

GUARDIAN_ROLES = {
    "parent": Relationship.OTHER,
    "guardian": Relationship.TUTOR,
    "relative": Relationship.OTHER,
}
# `userIds` types (compared as headers are: no case, accents or separators) the portal reads.
FILE_NUMBER_TYPES = {"fiche", "numerofiche", "numerodefiche", "filenumber"}
PERMANENT_CODE_TYPES = {"codepermanent", "permanentcode"}


@dataclass
class _Placement:
    school_id: int
    year_id: int
    grade: str
    group: str
    homeroom: bool


def _placements(roster: Roster) -> dict[str, _Placement]:
    """Each student's school and group, from their enrolments (a homeroom class wins)."""
    found: dict[str, _Placement] = {}
    for row in roster.rows(ENROLLMENTS):
        klass = roster.classes.get(row.get("classSourcedId"))
        user = row.get("userSourcedId")
        if row.get("role") != "student":
            continue
        if klass is None:
            if row.get("classSourcedId") in roster.skipped_classes:
                roster.blocked.add(user)
            continue
        if user not in found or (klass[4] and not found[user].homeroom):
            found[user] = _Placement(*klass)
    roster.blocked -= found.keys()
    return found


def _birth_dates(roster: Roster) -> dict[str, date | None]:
    if not roster.has(DEMOGRAPHICS):
        return {}
    return {
        row.get("sourcedId"): parse_date(row.get("birthDate")) for row in roster.rows(DEMOGRAPHICS)
    }


def _codes(row: Row, roster: Roster) -> tuple[str | None, str | None] | None:
    """(file number, permanent code) from `identifier` and `userIds`; None after an error."""
    report, before = roster.context.report, roster.context.report.issue_count
    found = {header_key(kind): value for kind, value in parse_user_ids(row.get("userIds")) or []}
    raw_number = next((found[k] for k in FILE_NUMBER_TYPES if k in found), "")
    identifier = row.get("identifier")
    if (
        raw_number
        and identifier
        and normalise_file_number(identifier) != normalise_file_number(raw_number)
    ):
        report.error(row.file, row.line, "imports.oneroster.identifier_conflict", value=raw_number)
    raw_number = raw_number or identifier
    file_number = normalise_file_number(raw_number)
    if file_number is None:
        report.error(row.file, row.line, "imports.error.file_number", value=raw_number or "-")
    raw_code = next((found[k] for k in PERMANENT_CODE_TYPES if k in found), "")
    permanent_code = normalise_permanent_code(raw_code) if raw_code else None
    if raw_code and permanent_code is None:
        report.error(row.file, row.line, "imports.error.permanent_code", value=raw_code)
    return (file_number, permanent_code) if report.issue_count == before else None


def student_records(roster: Roster) -> list[StudentRecord]:
    """Students of users.csv; remembers guardians' rows for `guardian_records`."""
    context, report = roster.context, roster.context.report
    placements, births = _placements(roster), _birth_dates(roster)
    records: list[StudentRecord] = []
    for row in roster.rows(USERS):
        role = row.get("role")
        if role in GUARDIAN_ROLES:
            roster.guardians.append(row)
            continue
        if role != "student" or row.get("sourcedId") in roster.blocked:
            continue  # a student of a school or year that has its own error is left alone
        codes = _codes(row, roster)
        if codes is None or any(too_long(row, roster, c, 100) for c in ("givenName", "familyName")):
            continue
        file_number, permanent_code = codes
        assert file_number is not None
        earlier = context.first_line("child", file_number, row.line)
        if earlier is None and permanent_code:
            earlier = context.first_line("permanent", permanent_code, row.line)
        if earlier is not None:
            report.error(
                row.file, row.line, "imports.error.duplicate_row", value=file_number, first=earlier
            )
            continue
        roster.file_numbers[row.get("sourcedId")] = file_number
        place = placements.get(row.get("sourcedId"))
        plan = (
            EnrolmentPlan(
                place.school_id,
                place.year_id,
                place.grade,
                place.group or None,
                row.get("enabledUser") == "true",
            )
            if place
            else None
        )
        names = (row.get("givenName"), row.get("familyName"))
        birth = births.get(row.get("sourcedId"))
        records.append(
            StudentRecord(row.file, row.line, file_number, *names, birth, permanent_code, plan)
        )
    return records


def guardian_records(roster: Roster) -> list[GuardianRecord]:
    """One record per guardian and child: the children the guardian's own `agentSourcedIds`
    name, never those whose row names the guardian (another family's file could say anything)."""
    report, records = roster.context.report, []
    for row in roster.guardians:
        role = row.get("role")
        email = normalise_email(row.get("email"))
        if email and not is_plausible_email(email):
            report.error(row.file, row.line, "imports.error.email", value=row.get("email"))
            continue
        if any(
            too_long(row, roster, c, n)
            for c, n in (("sourcedId", 64), ("givenName", 100), ("familyName", 100))
        ):
            continue
        phone = row.get("phone") or row.get("sms")
        if len(phone) > 32:
            report.error(row.file, row.line, "imports.error.too_long", column="phone")
            continue
        children = {
            roster.file_numbers[a]
            for a in ids(row.get("agentSourcedIds"))
            if a in roster.file_numbers
        }
        payer = role != "relative"
        flags = {
            "shared_custody": False,
            "is_payer": payer,
            "receives_statements": payer,
            "can_view": True,
            "can_book": True,
            "can_pay": payer,
        }
        sourced_id = row.get("sourcedId")
        for file_number in sorted(children):
            records.append(
                GuardianRecord(
                    row.file,
                    row.line,
                    sourced_id,
                    sourced_id,
                    row.get("givenName"),
                    row.get("familyName"),
                    (email,) if email else (),
                    phone or None,
                    None,  # a household of their own when new; an existing one stays put
                    file_number,
                    GUARDIAN_ROLES[role],
                    flags,
                )
            )
    return records
