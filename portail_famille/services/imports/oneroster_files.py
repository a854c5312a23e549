"""The files of a OneRoster package as tables of cells, for `domain.oneroster.validate`."""

from __future__ import annotations

import csv
import io

from portail_famille.domain.oneroster import Problem, Table
from portail_famille.services.imports.errors import ImportFileError, Issue
from portail_famille.services.imports.reader import MAX_FIELD, decode


def read_table(name: str, data: bytes) -> Table:
    """One file as the validator sees it: exact headers, rows numbered as a spreadsheet shows them
    (header is line 1; a record spanning lines is numbered where it starts). OneRoster files are
    comma-separated UTF-8; ImportFileError when the file cannot be read at all."""
    text = decode(name, data)
    if not text.strip():
        return Table(name, None)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = tuple(cell.strip() for cell in next(reader))
        rows: list[tuple[int, dict[str, str]]] = []
        line_end = reader.line_num
        for record in reader:
            line, line_end = line_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if any(len(cell) > MAX_FIELD for cell in record):
                raise ImportFileError(Issue(name, line, "imports.error.field_too_long"))
            cells: dict[str, str] = {}
            for title, cell in zip(header, record, strict=False):
                cells.setdefault(title, cell.strip())  # a column named twice: the first counts
            rows.append((line, cells))
    except csv.Error as error:
        raise ImportFileError(
            Issue(name, reader.line_num, "imports.error.malformed_csv")
        ) from error
    return Table(name, header, tuple(rows))


def read_tables(files: dict[str, bytes]) -> tuple[dict[str, Table], list[Issue]]:
    """Every file that can be read, and an issue for each that cannot."""
    tables: dict[str, Table] = {}
    unreadable: list[Issue] = []
    for name, data in files.items():
        try:
            tables[name] = read_table(name, data)
        except ImportFileError as error:
            unreadable.append(error.issue)
    return tables, unreadable


def as_issue(problem: Problem) -> Issue:
    return Issue(problem.file, problem.line, problem.key, problem.params, problem.column)
