"""OneRoster 1.1 files, one reader each, turned into the CSV kinds' records.

The package has passed `domain.oneroster.validate`: columns, types, enumerations and references
are right. What is checked here is what only the portal knows (its schools, years, file numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlmodel import select

from portail_famille.domain.codes import (
    is_plausible_email,
    normalise_email,
    normalise_file_number,
    normalise_permanent_code,
)
from portail_famille.domain.oneroster import ids, parse_date, parse_user_ids
from portail_famille.domain.oneroster_spec import (
    CLASSES,
    DEMOGRAPHICS,
    ENROLLMENTS,
    ORGS,
    SESSIONS,
    USERS,
)
from portail_famille.models import Relationship, School, SchoolYear
from portail_famille.services import schools
from portail_famille.services.imports.kinds.enrolments import EnrolmentPlan
from portail_famille.services.imports.kinds.guardians import GuardianRecord
from portail_famille.services.imports.kinds.students import StudentRecord
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
YEAR_LABEL_MAX = 100


def _long(row: Row, roster: Roster, column: str, limit: int) -> bool:
    """True, after reporting it, when the cell is longer than the portal keeps (never cut)."""
    if len(row.get(column)) <= limit:
        return False
    roster.context.report.error(row.file, row.line, "imports.error.too_long", column=column)
    return True


def read_orgs(roster: Roster) -> None:
    """Schools by their code (`identifier`), created or renamed; other orgs are the organisation."""
    context, report, target = roster.context, roster.context.report, roster.context.target
    for row in roster.rows(ORGS):
        if row.get("type") != "school":
            continue
        code, name = row.get("identifier"), row.get("name")
        errors = schools.field_errors(code, name)
        if errors:
            column = "identifier" if "code" in errors else "name"
            report.error(row.file, row.line, errors.get("code") or errors["name"], column=column)
            continue
        if (earlier := context.first_line("school", code.casefold(), row.line)) is not None:
            report.error(
                row.file, row.line, "imports.error.duplicate_row", value=code, first=earlier
            )
            continue
        school_id = context.schools.get(code.casefold())
        # A school's own secretary imports for that school: creating another is the board's call.
        if (school_id is None and target.school_ids is not None) or (
            school_id is not None and not target.allows_school(school_id)
        ):
            report.error(row.file, row.line, "imports.error.school_not_allowed", value=code)
            continue
        school = context.session.get(School, school_id) if school_id is not None else None
        if school is None:
            school = School(organisation_id=target.organisation_id, code=code, name=name, level="")
            report.note("school", "create", f"{code} {name}")
        elif school.name != name and target.school_ids is None:  # renaming is the board's too
            school.name = name
            report.note("school", "change", f"{code} {name}")
        context.session.add(school)
        context.session.flush()
        assert school.id is not None
        context.schools[code.casefold()] = school.id
        roster.schools[row.get("sourcedId")] = school.id


def _years(roster: Roster) -> list[SchoolYear]:
    organisation_id = roster.context.target.organisation_id
    statement = select(SchoolYear).where(SchoolYear.organisation_id == organisation_id)
    return list(roster.context.session.exec(statement).all())


def _school_year(roster: Roster, row: Row, years: list[SchoolYear]) -> int | None:
    """The portal's year with the session's dates, created when no year overlaps them."""
    context, report = roster.context, roster.context.report
    starts, ends = parse_date(row.get("startDate")), parse_date(row.get("endDate"))
    assert starts is not None and ends is not None  # validated
    title = row.get("title")
    for year in years:
        if (year.starts_on, year.ends_on) == (starts, ends):
            return year.id
    for year in years:
        if year.starts_on <= ends and starts <= year.ends_on:
            report.error(
                row.file,
                row.line,
                "imports.oneroster.year_dates",
                value=title,
                label=year.label,
                starts=year.starts_on.isoformat(),
                ends=year.ends_on.isoformat(),
            )
            return None
    if _long(row, roster, "title", YEAR_LABEL_MAX):
        return None
    if any(year.label.casefold() == title.casefold() for year in years):
        report.error(row.file, row.line, "imports.oneroster.year_label_taken", value=title)
        return None
    year = SchoolYear(
        organisation_id=context.target.organisation_id, label=title, starts_on=starts, ends_on=ends
    )
    context.session.add(year)
    context.session.flush()
    years.append(year)
    context.years[title.casefold()] = year.id or 0
    report.note("school_year", "create", title)
    return year.id


def read_sessions(roster: Roster) -> None:
    """School years by their dates; terms, semesters and grading periods lead to their year, by
    their parents or else by the year whose dates hold theirs."""
    years, others = _years(roster), []
    for row in roster.rows(SESSIONS):
        if row.get("type") != "schoolYear":
            others.append(row)
        elif (year_id := _school_year(roster, row, years)) is not None:
            roster.sessions[row.get("sourcedId")] = year_id
    parents = {row.get("sourcedId"): row.get("parentSourcedId") for row in others}
    for row in others:
        sourced_id, seen = row.get("sourcedId"), set()
        while sourced_id in parents and sourced_id not in seen:  # a term of a semester of a year
            seen.add(sourced_id)
            sourced_id = parents[sourced_id]
        year_id = roster.sessions.get(sourced_id)
        if year_id is None and not row.get("parentSourcedId"):
            starts, ends = parse_date(row.get("startDate")), parse_date(row.get("endDate"))
            year_id = next(
                (
                    y.id
                    for y in years
                    if starts and ends and y.starts_on <= starts <= ends <= y.ends_on
                ),
                None,
            )
        if year_id is None:
            # A parent that failed the portal's checks has its own error: say so only otherwise.
            if not row.get("parentSourcedId"):
                roster.context.report.error(
                    row.file, row.line, "imports.oneroster.session_year", value=row.get("title")
                )
            continue
        roster.sessions[row.get("sourcedId")] = year_id


def read_classes(roster: Roster) -> None:
    for row in roster.rows(CLASSES):
        school_id = roster.schools.get(row.get("schoolSourcedId"))
        terms = [roster.sessions[t] for t in ids(row.get("termSourcedIds")) if t in roster.sessions]
        if school_id is None or not terms:
            roster.skipped_classes.add(row.get("sourcedId"))  # the school or session has its error
            continue
        group = row.get("classCode") or row.get("title")
        grade = (ids(row.get("grades")) or [""])[0]
        if len(group) > 32 or len(grade) > 32:
            column = "grades" if len(grade) > 32 else "classCode"
            roster.context.report.error(row.file, row.line, "imports.error.too_long", column=column)
            continue
        homeroom = row.get("classType") == "homeroom"
        roster.classes[row.get("sourcedId")] = (school_id, terms[0], grade, group, homeroom)


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
        if codes is None or any(_long(row, roster, c, 100) for c in ("givenName", "familyName")):
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
            _long(row, roster, c, n)
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
