"""OneRoster 1.1 files, one reader each, turned into the CSV kinds' records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portail_famille.domain.codes import is_plausible_email, normalise_email, normalise_file_number
from portail_famille.models import Relationship, SchoolYear
from portail_famille.services.imports.kinds.enrolments import EnrolmentPlan
from portail_famille.services.imports.kinds.guardians import GuardianRecord
from portail_famille.services.imports.kinds.students import StudentRecord
from portail_famille.services.imports.reader import Row
from portail_famille.services.imports.values import parse_bool, parse_date

if TYPE_CHECKING:
    from portail_famille.services.imports.oneroster import Roster

GUARDIAN_ROLES = {"parent": Relationship.OTHER, "guardian": Relationship.TUTOR}
GUARDIAN_ROLES["relative"] = Relationship.OTHER


def _ids(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def read_orgs(roster: Roster) -> None:
    """Schools by their code (`identifier`); other orgs (a district) are the organisation."""
    report, target = roster.context.report, roster.context.target
    for row in roster.rows("orgs.csv"):
        if row.get("type").casefold() != "school":
            continue
        school_id = roster.context.schools.get(row.get("identifier").casefold())
        if school_id is None:
            report.error(
                row.file, row.line, "imports.error.unknown_school", value=row.get("identifier")
            )
        elif not target.allows_school(school_id):
            report.error(
                row.file, row.line, "imports.error.school_not_allowed", value=row.get("identifier")
            )
        else:
            roster.schools[row.get("sourcedId")] = school_id


def read_sessions(roster: Roster) -> None:
    """School years by title (created when new); terms and semesters lead to their year."""
    context = roster.context
    parents: dict[str, tuple[Row, str]] = {}
    for row in roster.rows("academicSessions.csv"):
        if row.get("type").casefold() != "schoolyear":
            parents[row.get("sourcedId")] = (row, row.get("parentSourcedId"))
            continue
        label = row.get("title")[:16]
        year_id = context.years.get(label.casefold())
        if year_id is None:
            starts, ends = parse_date(row.get("startDate")), parse_date(row.get("endDate"))
            if starts is None or ends is None or ends <= starts:
                bad = row.get("endDate") if starts else row.get("startDate")
                context.report.error(row.file, row.line, "imports.error.date", value=bad)
                continue
            year = SchoolYear(
                organisation_id=context.target.organisation_id,
                label=label,
                starts_on=starts,
                ends_on=ends,
            )
            context.session.add(year)
            context.session.flush()
            assert year.id is not None
            context.years[label.casefold()] = year_id = year.id
            context.report.note("school_year", "create", label)
        roster.sessions[row.get("sourcedId")] = year_id
    for sourced_id, (row, parent) in parents.items():
        if parent in roster.sessions:
            roster.sessions[sourced_id] = roster.sessions[parent]
        else:
            context.report.error(
                row.file, row.line, "imports.error.unknown_reference", value=parent
            )


def read_classes(roster: Roster) -> None:
    for row in roster.rows("classes.csv"):
        school_id = roster.schools.get(row.get("schoolSourcedId"))
        terms = [
            roster.sessions[t] for t in _ids(row.get("termSourcedIds")) if t in roster.sessions
        ]
        if school_id is None or not terms:
            bad = row.get("termSourcedIds") if school_id else row.get("schoolSourcedId")
            roster.context.report.error(
                row.file, row.line, "imports.error.unknown_reference", value=bad
            )
            continue
        group = (row.get("classCode") or row.get("title"))[:32]
        grade = (_ids(row.get("grades")) or [""])[0][:32]
        homeroom = row.get("classType").casefold() == "homeroom"
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
    for row in roster.rows("enrollments.csv"):
        if row.get("role").casefold() != "student":
            continue
        klass = roster.classes.get(row.get("classSourcedId"))
        if klass is None:
            value = row.get("classSourcedId")
            roster.context.report.error(
                row.file, row.line, "imports.error.unknown_reference", value=value
            )
            continue
        user = row.get("userSourcedId")
        if user not in found or (klass[4] and not found[user].homeroom):
            found[user] = _Placement(*klass)
    return found


def _birth_dates(roster: Roster) -> dict[str, str]:
    if "demographics.csv" not in roster.files:
        return {}
    return {row.get("sourcedId"): row.get("birthDate") for row in roster.rows("demographics.csv")}


def student_records(roster: Roster) -> list[StudentRecord]:
    """Students of users.csv; remembers guardians' rows for `guardian_records`."""
    context, report = roster.context, roster.context.report
    placements, births = _placements(roster), _birth_dates(roster)
    records: list[StudentRecord] = []
    roster.agents = defaultdict(set)
    for row in roster.rows("users.csv"):
        role = row.get("role").casefold()
        if role in GUARDIAN_ROLES:
            roster.guardians.append(row)
            continue
        if role != "student":
            continue
        errors_before = report.issue_count
        file_number = normalise_file_number(row.get("identifier"))
        if file_number is None:
            report.error(
                row.file, row.line, "imports.error.file_number", value=row.get("identifier")
            )
        elif (earlier := context.first_line("child", file_number, row.line)) is not None:
            report.error(
                row.file, row.line, "imports.error.duplicate_row", value=file_number, first=earlier
            )
        raw_birth = births.get(row.get("sourcedId"), "")
        birth = parse_date(raw_birth) if raw_birth else None
        if raw_birth and birth is None:
            report.error(row.file, row.line, "imports.error.date", value=raw_birth)
        names = (row.get("givenName")[:100], row.get("familyName")[:100])
        if not all(names):
            report.error(
                row.file, row.line, "imports.error.required", column="givenName/familyName"
            )
        if report.issue_count > errors_before or file_number is None:
            continue
        roster.file_numbers[row.get("sourcedId")] = file_number
        for agent in _ids(row.get("agentSourcedIds")):
            roster.agents[agent].add(file_number)
        place = placements.get(row.get("sourcedId"))
        active = parse_bool(row.get("enabledUser"), default=True) is not False
        plan = (
            EnrolmentPlan(place.school_id, place.year_id, place.grade, place.group or None, active)
            if place
            else None
        )
        records.append(StudentRecord(row.file, row.line, file_number, *names, birth, None, plan))
    return records


def guardian_records(roster: Roster) -> list[GuardianRecord]:
    """One record per guardian and child, children named on either side of the relationship."""
    report, records = roster.context.report, []
    for row in roster.guardians:
        role = row.get("role").casefold()
        email = normalise_email(row.get("email"))
        if email and not is_plausible_email(email):
            report.error(row.file, row.line, "imports.error.email", value=row.get("email"))
            continue
        children = set(roster.agents.get(row.get("sourcedId"), set()))
        children |= {
            roster.file_numbers[a]
            for a in _ids(row.get("agentSourcedIds"))
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
        sourced_id = row.get("sourcedId")[:64]
        for file_number in sorted(children):
            records.append(
                GuardianRecord(
                    row.file,
                    row.line,
                    sourced_id,
                    sourced_id,
                    row.get("givenName")[:100] or "-",
                    row.get("familyName")[:100] or "-",
                    (email,) if email else (),
                    (row.get("phone") or row.get("sms"))[:32] or None,
                    None,  # a household of their own when new; an existing one stays put
                    file_number,
                    GUARDIAN_ROLES[role],
                    flags,
                )
            )
    return records
