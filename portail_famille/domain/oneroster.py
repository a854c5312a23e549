"""Checking a OneRoster 1.1 CSV package against the specification, before anything is written.

Pure: tables of cells in, a list of problems out (file, line, column, catalogue key, values). The
import's dry run and its apply both call `validate`, and refuse the package when it finds any.

References must resolve within the package, in bulk and in delta files alike: the portal keeps no
sourcedId of orgs, sessions or classes, so a delta naming a record sent only in an earlier package
cannot be checked and is reported. A reference to a row marked `tobedeleted` does not resolve.
`courseSourcedId` is checked against courses.csv only when the package has it (the portal does not
read courses; a manifest may declare them absent).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from portail_famille.domain.oneroster_spec import (
    CLASSES,
    ENROLLMENTS,
    FILES,
    MANIFEST,
    MANIFEST_FILES,
    MANIFEST_MODES,
    NEEDED,
    ORG_TYPES,
    ORGS,
    SESSIONS,
    Col,
    Kind,
)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")
_YEAR = re.compile(r"^\d{4}$")
_USER_ID = r"\{[^{}:,]+:[^{}]+\}"
_USER_IDS = re.compile(rf"^{_USER_ID}(\s*,\s*{_USER_ID})*$")
_PAIR = re.compile(r"\{([^{}:,]+):([^{}]+)\}")
_KEY = "imports.oneroster."


@dataclass(frozen=True)
class Problem:
    """One thing wrong; line 0 is the whole file, line 1 its header."""

    file: str
    line: int
    column: str
    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """One CSV file of the package: its header (None when the file is empty) and its rows."""

    name: str
    header: tuple[str, ...] | None
    rows: tuple[tuple[int, dict[str, str]], ...] = ()


def ids(raw: str) -> list[str]:
    """The items of a comma-separated list cell."""
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse_user_ids(raw: str) -> list[tuple[str, str]] | None:
    """`{type:id},{type:id}` as (type, id) pairs; None when the cell is not of that form."""
    if not raw.strip():
        return []
    if not _USER_IDS.match(raw.strip()):
        return None
    return [(kind.strip(), value.strip()) for kind, value in _PAIR.findall(raw)]


def parse_date(raw: str) -> date | None:
    """A OneRoster date (YYYY-MM-DD, nothing else), or None."""
    if not _DATE.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _datetime_ok(raw: str) -> bool:
    if not _DATETIME.match(raw):
        return False
    try:
        datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


class _Checker:
    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        self.problems: list[Problem] = []
        self.modes: dict[str, str] = {}

    def add(self, file: str, line: int, column: str, key: str, /, **params: object) -> None:
        self.problems.append(
            Problem(file, line, column, _KEY + key, {k: str(v) for k, v in params.items()})
        )

    # -- the manifest ---------------------------------------------------------------------------

    def manifest(self) -> None:
        table = self.tables.get(MANIFEST)
        if table is None or table.header is None:
            self.add(MANIFEST, 0, "", "no_manifest")
            for name in NEEDED:
                if name not in self.tables:
                    self.add(MANIFEST, 0, "", "needed", file=name)
            return
        if table.header[:2] != ("propertyName", "value"):
            self.add(MANIFEST, 1, "", "manifest_header")
            return
        properties = {
            row.get("propertyName", ""): (line, row.get("value", "")) for line, row in table.rows
        }
        line, version = properties.get("oneroster.version", (0, ""))
        if version != "1.1":
            self.add(MANIFEST, line, "value", "version", value=version or "-")
        for stem in MANIFEST_FILES:
            line, mode = properties.get(f"file.{stem}", (0, "absent"))
            if mode not in MANIFEST_MODES:
                self.add(
                    MANIFEST, line, "value", "enum", value=mode, allowed=", ".join(MANIFEST_MODES)
                )
                continue
            self.modes[f"{stem}.csv"] = mode
        for name, mode in self.modes.items():
            present = name in self.tables
            if mode == "absent" and name in NEEDED:
                self.add(MANIFEST, 0, "", "needed", file=name)
            elif mode == "absent" and present:
                self.add(name, 0, "", "undeclared")
            elif mode != "absent" and not present:
                self.add(name, 0, "", "declared_missing")
            elif mode != "absent" and self.tables[name].header is None:
                self.add(name, 0, "", "empty_file")

    # -- one file -------------------------------------------------------------------------------

    def file(self, table: Table) -> None:
        columns = FILES[table.name]
        assert table.header is not None
        seen: set[str] = set()
        for name in table.header:
            if name in seen:
                self.add(table.name, 1, name, "duplicate_column", column=name)
            seen.add(name)
        present = [c for c in columns if c.name in seen]
        for column in columns:
            if column.required and column.name not in seen:
                self.add(table.name, 1, column.name, "missing_column", column=column.name)
        delta = self.modes.get(table.name) == "delta"
        first: dict[str, int] = {}
        for line, row in table.rows:
            for column in present:
                self.cell(table.name, line, column, row.get(column.name, ""), delta)
            sourced_id = row.get("sourcedId", "")
            if sourced_id and sourced_id in first:
                self.add(
                    table.name,
                    line,
                    "sourcedId",
                    "duplicate_id",
                    value=sourced_id,
                    first=first[sourced_id],
                )
            elif sourced_id:
                first[sourced_id] = line

    def cell(self, file: str, line: int, column: Col, value: str, delta: bool) -> None:
        name = column.name
        if not value:
            # Bulk files may leave status and dateLastModified empty; delta files may not.
            if column.required or (delta and name in ("status", "dateLastModified")):
                self.add(file, line, name, "required", column=name)
            return
        kind = column.kind
        if kind is Kind.DATE and parse_date(value) is None:
            self.add(file, line, name, "date", value=value)
        elif kind is Kind.DATETIME and not _datetime_ok(value):
            self.add(file, line, name, "datetime", value=value)
        elif kind is Kind.YEAR and not _YEAR.match(value):
            self.add(file, line, name, "year", value=value)
        elif kind is Kind.BOOLEAN and value not in ("true", "false"):
            self.add(file, line, name, "boolean", value=value)
        elif kind is Kind.ENUM and value not in column.values:
            self.add(file, line, name, "enum", value=value, allowed=", ".join(column.values))
        elif kind is Kind.USER_IDS and parse_user_ids(value) is None:
            self.add(file, line, name, "user_ids", value=value)

    # -- between files --------------------------------------------------------------------------

    def references(self) -> None:
        live: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
        for name, table in self.tables.items():
            for _line, row in table.rows:
                if row.get("status") != "tobedeleted" and row.get("sourcedId"):
                    live[name].setdefault(row["sourcedId"], row)
        for name, table in self.tables.items():
            refs = [c for c in FILES.get(name, ()) if c.kind in (Kind.REF, Kind.REFS)]
            for line, row in table.rows:
                if row.get("status") == "tobedeleted":
                    continue
                for column in refs:
                    if column.target not in self.tables:
                        continue  # courses.csv left out: nothing to check against
                    raw = row.get(column.name, "")
                    values = ids(raw) if column.kind is Kind.REFS else ([raw] if raw else [])
                    for value in values:
                        if value not in live[column.target]:
                            self.add(
                                name,
                                line,
                                column.name,
                                "unknown_reference",
                                value=value,
                                target=column.target,
                            )
                self.row_rules(name, line, row, live)

    def row_rules(
        self, name: str, line: int, row: dict[str, str], live: dict[str, dict[str, dict[str, str]]]
    ) -> None:
        """What one row must say given the others: schools are schools, dates come in order."""
        # Only the first cause is told: an org whose type is itself wrong, or a class whose school
        # is no school, has its own problem already.
        if name in (CLASSES, ENROLLMENTS):
            school = live[ORGS].get(row.get("schoolSourcedId", ""))
            if (
                school is not None
                and school.get("type") in ORG_TYPES
                and school["type"] != "school"
            ):
                self.add(name, line, "schoolSourcedId", "not_school", value=row["schoolSourcedId"])
        if name == ENROLLMENTS:
            klass = live[CLASSES].get(row.get("classSourcedId", ""))
            class_school = live[ORGS].get(klass.get("schoolSourcedId", "")) if klass else None
            if (
                klass is not None
                and class_school is not None
                and class_school.get("type") == "school"
                and klass.get("schoolSourcedId") != row.get("schoolSourcedId")
            ):
                self.add(
                    name,
                    line,
                    "schoolSourcedId",
                    "other_school",
                    value=row.get("schoolSourcedId", ""),
                )
        begin, end = ("startDate", "endDate") if name == SESSIONS else ("beginDate", "endDate")
        if name in (SESSIONS, ENROLLMENTS):
            starts, ends = parse_date(row.get(begin, "")), parse_date(row.get(end, ""))
            if starts and ends and ends < starts:
                self.add(name, line, end, "date_order", value=row[end])


def validate(tables: dict[str, Table]) -> list[Problem]:
    """Every problem of the package, in file order; an empty list means it may be imported."""
    checker = _Checker(tables)
    checker.manifest()
    for name, table in tables.items():
        if name in FILES and table.header is not None:
            checker.file(table)
    checker.references()
    return checker.problems
