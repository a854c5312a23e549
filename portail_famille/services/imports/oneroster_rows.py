"""OneRoster 1.1 orgs, academicSessions and classes: the portal's schools, years and groups.

The package has passed `domain.oneroster.validate`: columns, types, enumerations and references
are right. What is checked here is what only the portal knows (its schools, years, file numbers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import select

from portail_famille.domain.oneroster import ids, parse_date
from portail_famille.domain.oneroster_spec import CLASSES, ORGS, SESSIONS
from portail_famille.models import School, SchoolYear
from portail_famille.services import schools
from portail_famille.services.imports.reader import Row

if TYPE_CHECKING:
    from portail_famille.services.imports.oneroster import Roster

YEAR_LABEL_MAX = 100


def too_long(row: Row, roster: Roster, column: str, limit: int) -> bool:
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
    if too_long(row, roster, "title", YEAR_LABEL_MAX):
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
