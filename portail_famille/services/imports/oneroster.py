"""OneRoster 1.1 CSV (a .zip of manifest, orgs, academicSessions, classes, users, enrollments and,
for birth dates, demographics): checked whole against the specification first, then read into
the same records as the CSV kinds and applied by the same code.

Schools are matched by the org's `identifier` (the school code) and created when new; school years
by their dates; students by file number (`identifier`, or a `{fiche:...}` in `userIds`); guardians
by `sourcedId`, each a household of their own, linked to the children their own row names.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from portail_famille.domain.oneroster import Table, validate
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.errors import ImportFileError, Issue
from portail_famille.services.imports.oneroster_files import as_issue, read_tables
from portail_famille.services.imports.oneroster_rows import read_classes, read_orgs, read_sessions
from portail_famille.services.imports.oneroster_users import guardian_records, student_records
from portail_famille.services.imports.reader import Row

MAX_UNZIPPED = 200 * 1024 * 1024  # a zip bomb is refused before it fills memory


@dataclass
class Roster:
    """What the files say, by sourcedId, once read and checked."""

    context: ImportContext
    tables: dict[str, Table]
    schools: dict[str, int] = field(default_factory=dict)  # org sourcedId -> school id
    sessions: dict[str, int] = field(default_factory=dict)  # session sourcedId -> year id
    classes: dict[str, tuple[int, int, str, str, bool]] = field(default_factory=dict)
    skipped_classes: set[str] = field(default_factory=set)  # their school or session has an error
    blocked: set[str] = field(default_factory=set)  # students only in those classes: left alone
    guardians: list[Row] = field(default_factory=list)  # filled while reading users.csv
    file_numbers: dict[str, str] = field(default_factory=dict)  # student sourcedId -> file number

    def has(self, name: str) -> bool:
        return name in self.tables

    def rows(self, name: str) -> Iterator[Row]:
        """The file's rows that are not marked `tobedeleted`."""
        for line, values in self.tables[name].rows:
            if values.get("status") != "tobedeleted":
                self.context.report.rows += 1
                yield Row(name, line, values, {})


def unpack(files: dict[str, bytes]) -> dict[str, bytes]:
    """The CSV files by name, from a .zip or given one by one."""
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
    return files


def run_oneroster(files: dict[str, bytes], context: ImportContext, progress) -> None:
    """Checks the whole package; writes only when it holds no problem at all (the caller rolls
    back when reading it into the portal's records finds one)."""
    from portail_famille.services.imports.kinds.enrolments import deactivate_missing
    from portail_famille.services.imports.kinds.guardian_apply import apply_guardians
    from portail_famille.services.imports.kinds.students import apply_students
    from portail_famille.services.imports.run import apply_in_batches

    tables, unreadable = read_tables(unpack(files))
    for issue in unreadable:
        context.report.add(issue)
    if unreadable:
        return
    for problem in validate(tables):
        context.report.add(as_issue(problem))
    if not context.report.ok:
        return
    roster = Roster(context, tables)
    read_orgs(roster)
    read_sessions(roster)
    read_classes(roster)
    progress(1, 4)
    students = student_records(roster)
    apply_in_batches(students, apply_students, context)
    progress(2, 4)
    deactivate_missing(context)
    progress(3, 4)
    apply_in_batches(guardian_records(roster), apply_guardians, context)
    context.session.flush()
    progress(4, 4)
