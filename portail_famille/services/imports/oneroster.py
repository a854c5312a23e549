"""OneRoster 1.1 CSV (a .zip of orgs, academicSessions, classes, users, enrollments and, for birth
dates, demographics): read into the same records as the CSV kinds, applied by the same code.

Schools are matched by the org's `identifier` (the school code), students by `identifier` (the
file number), guardians by `sourcedId`; each guardian is a household of their own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.errors import ImportFileError, Issue
from portail_famille.services.imports.oneroster_rows import (
    guardian_records,
    read_classes,
    read_orgs,
    read_sessions,
    student_records,
)
from portail_famille.services.imports.reader import Column, Row, read_rows

MAX_UNZIPPED = 200 * 1024 * 1024  # a zip bomb is refused before it fills memory

FILES = {
    "orgs.csv": ("sourcedId", "name", "type", "identifier"),
    "academicSessions.csv": ("sourcedId", "title", "type", "startDate", "endDate"),
    "classes.csv": ("sourcedId", "title", "schoolSourcedId", "termSourcedIds"),
    "users.csv": ("sourcedId", "role", "givenName", "familyName"),
    "enrollments.csv": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
}
OPTIONAL = {
    "orgs.csv": ("status", "parentSourcedId"),
    "academicSessions.csv": ("status", "parentSourcedId", "schoolYear"),
    "classes.csv": ("status", "classCode", "classType", "grades"),
    "users.csv": (
        "status",
        "enabledUser",
        "orgSourcedIds",
        "identifier",
        "email",
        "phone",
        "sms",
        "agentSourcedIds",
        "grades",
        "userIds",
    ),
    "enrollments.csv": ("status", "primary"),
    "demographics.csv": ("status", "birthDate"),
}


@dataclass
class Roster:
    """What the files say, by sourcedId, once read and checked."""

    context: ImportContext
    files: dict[str, bytes]
    schools: dict[str, int] = field(default_factory=dict)  # org sourcedId -> school id
    sessions: dict[str, int] = field(default_factory=dict)  # session sourcedId -> year id
    classes: dict[str, tuple[int, int, str, str, bool]] = field(default_factory=dict)
    # Filled while reading users.csv: guardians' rows, and who is whose agent.
    guardians: list[Row] = field(default_factory=list)
    agents: dict[str, set[str]] = field(default_factory=dict)
    file_numbers: dict[str, str] = field(default_factory=dict)  # student sourcedId -> file number

    def rows(self, name: str) -> Iterator[Row]:
        required = FILES.get(name, ("sourcedId",))
        columns = [Column(c, (c,)) for c in required]
        columns += [Column(c, (c,), required=False) for c in OPTIONAL.get(name, ())]
        for row in read_rows(name, self.files[name], columns):
            if row.get("status").casefold() != "tobedeleted":
                self.context.report.rows += 1
                yield row


def unpack(files: dict[str, bytes]) -> dict[str, bytes]:
    """The CSV files by name, from a .zip or given one by one; checks the required ones."""
    if len(files) == 1:
        ((name, data),) = files.items()
        if not data.startswith(b"PK"):
            raise ImportFileError(Issue(name, 0, "imports.error.not_zip"))
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if m.filename.endswith(".csv")]
            if sum(m.file_size for m in members) > MAX_UNZIPPED:
                raise ImportFileError(Issue(name, 0, "imports.error.field_too_long"))
            files = {m.filename.rsplit("/", 1)[-1]: archive.read(m) for m in members}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise ImportFileError(Issue(name, 0, "imports.error.not_zip")) from error
    for required in FILES:
        if required not in files:
            raise ImportFileError(
                Issue(required, 0, "imports.error.missing_file", {"value": required})
            )
    return files


def run_oneroster(files: dict[str, bytes], context: ImportContext, progress) -> None:
    from portail_famille.services.imports.kinds.guardian_apply import apply_guardians
    from portail_famille.services.imports.kinds.students import apply_students
    from portail_famille.services.imports.run import apply_in_batches

    roster = Roster(context, unpack(files))
    read_orgs(roster)
    read_sessions(roster)
    read_classes(roster)
    progress(1, 4)
    students = student_records(roster)
    apply_in_batches(students, apply_students, context)
    progress(2, 4)
    from portail_famille.services.imports.kinds.enrolments import deactivate_missing

    deactivate_missing(context)
    progress(3, 4)
    apply_in_batches(guardian_records(roster), apply_guardians, context)
    context.session.flush()
    progress(4, 4)
