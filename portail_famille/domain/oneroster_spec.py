"""What OneRoster 1.1 CSV says each file holds: its columns, which are required, their types.

Taken from the IMS OneRoster v1.1 CSV Tables specification (final release). Enumerations compare
exactly, case included: "Student" is not a role. Only the files the portal reads or checks are
described; the others a manifest may declare (categories, results, resources...) are only counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a cell is checked."""

    TEXT = "text"
    DATE = "date"  # YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601, e.g. 2026-08-27T08:00:00.000Z
    YEAR = "year"  # YYYY
    BOOLEAN = "boolean"  # true | false
    ENUM = "enum"
    REF = "ref"  # one sourcedId of another file
    REFS = "refs"  # a comma-separated list of them
    LIST = "list"  # a comma-separated list of free values (grades, subjects)
    USER_IDS = "user_ids"  # {type:id},{type:id}


@dataclass(frozen=True)
class Col:
    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    values: tuple[str, ...] = ()  # Kind.ENUM
    target: str = ""  # Kind.REF / REFS: the file whose sourcedIds it names


STATUS = ("active", "tobedeleted")
MANIFEST_MODES = ("bulk", "delta", "absent")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
USER_ROLES = (
    "administrator",
    "aide",
    "guardian",
    "parent",
    "proctor",
    "relative",
    "student",
    "teacher",
)
ENROLLMENT_ROLES = ("administrator", "proctor", "student", "teacher")
SEXES = ("male", "female")

ORGS = "orgs.csv"
SESSIONS = "academicSessions.csv"
CLASSES = "classes.csv"
COURSES = "courses.csv"
USERS = "users.csv"
ENROLLMENTS = "enrollments.csv"
DEMOGRAPHICS = "demographics.csv"
MANIFEST = "manifest.csv"

_COMMON = (
    Col("sourcedId", required=True),
    Col("status", Kind.ENUM, values=STATUS),
    Col("dateLastModified", Kind.DATETIME),
)

FILES: dict[str, tuple[Col, ...]] = {
    ORGS: (
        *_COMMON,
        Col("name", required=True),
        Col("type", Kind.ENUM, required=True, values=ORG_TYPES),
        Col("identifier"),
        Col("parentSourcedId", Kind.REF, target=ORGS),
    ),
    SESSIONS: (
        *_COMMON,
        Col("title", required=True),
        Col("type", Kind.ENUM, required=True, values=SESSION_TYPES),
        Col("startDate", Kind.DATE, required=True),
        Col("endDate", Kind.DATE, required=True),
        Col("parentSourcedId", Kind.REF, target=SESSIONS),
        Col("schoolYear", Kind.YEAR, required=True),
    ),
    CLASSES: (
        *_COMMON,
        Col("title", required=True),
        Col("grades", Kind.LIST),
        Col("courseSourcedId", Kind.REF, required=True, target=COURSES),
        Col("classCode"),
        Col("classType", Kind.ENUM, required=True, values=CLASS_TYPES),
        Col("location"),
        Col("schoolSourcedId", Kind.REF, required=True, target=ORGS),
        Col("termSourcedIds", Kind.REFS, required=True, target=SESSIONS),
        Col("subjects", Kind.LIST),
        Col("subjectCodes", Kind.LIST),
        Col("periods", Kind.LIST),
    ),
    COURSES: (
        *_COMMON,
        Col("schoolYearSourcedId", Kind.REF, target=SESSIONS),
        Col("title", required=True),
        Col("courseCode"),
        Col("grades", Kind.LIST),
        Col("orgSourcedId", Kind.REF, required=True, target=ORGS),
        Col("subjects", Kind.LIST),
        Col("subjectCodes", Kind.LIST),
    ),
    USERS: (
        *_COMMON,
        Col("enabledUser", Kind.BOOLEAN, required=True),
        Col("orgSourcedIds", Kind.REFS, required=True, target=ORGS),
        Col("role", Kind.ENUM, required=True, values=USER_ROLES),
        Col("username", required=True),
        Col("userIds", Kind.USER_IDS),
        Col("givenName", required=True),
        Col("familyName", required=True),
        Col("middleName"),
        Col("identifier"),
        Col("email"),
        Col("sms"),
        Col("phone"),
        Col("agentSourcedIds", Kind.REFS, target=USERS),
        Col("grades", Kind.LIST),
        Col("password"),
    ),
    ENROLLMENTS: (
        *_COMMON,
        Col("classSourcedId", Kind.REF, required=True, target=CLASSES),
        Col("schoolSourcedId", Kind.REF, required=True, target=ORGS),
        Col("userSourcedId", Kind.REF, required=True, target=USERS),
        Col("role", Kind.ENUM, required=True, values=ENROLLMENT_ROLES),
        Col("primary", Kind.BOOLEAN),
        Col("beginDate", Kind.DATE),
        Col("endDate", Kind.DATE),
    ),
    DEMOGRAPHICS: (
        *_COMMON,
        Col("birthDate", Kind.DATE),
        Col("sex", Kind.ENUM, values=SEXES),
    ),
}

# What the portal cannot import without: a manifest must declare each of them bulk or delta.
NEEDED = (ORGS, SESSIONS, CLASSES, USERS, ENROLLMENTS)
# Every file a 1.1 manifest may declare, as `file.<stem>`.
MANIFEST_FILES = (
    "academicSessions",
    "categories",
    "classes",
    "classResources",
    "courses",
    "courseResources",
    "demographics",
    "enrollments",
    "lineItems",
    "orgs",
    "resources",
    "results",
    "users",
)
