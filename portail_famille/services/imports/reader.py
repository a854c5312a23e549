"""Reading the CSV files staff export from their student information system.

UTF-8 (with or without BOM), else Windows-1252; comma or semicolon; French or English headers.
Rows stream one at a time so a 50,000-line file never sits in memory as a list.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portail_famille.services.imports.errors import ImportFileError, Issue

MAX_FIELD = 1000  # no field of ours is longer; a longer one is a broken file, not data


@dataclass(frozen=True)
class Column:
    """A column of a kind: its English name, the headers that mean it, whether it must be there."""

    name: str
    aliases: tuple[str, ...]
    required: bool = True


@dataclass(frozen=True)
class Row:
    file: str
    line: int  # the line number a spreadsheet shows (header is line 1)
    values: dict[str, str]
    headers: dict[str, str]  # column name -> the header as the file spells it (shared by rows)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def header(self, name: str) -> str:
        return self.headers.get(name, name)


def header_key(text: str) -> str:
    """Headers compare without case, accents, spaces, dashes or underscores."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def decode(name: str, data: bytes) -> str:
    """The text of the file: UTF-8 (BOM or not), else Windows-1252; anything else is an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(Issue(name, 0, "imports.error.encoding")) from error
    # Text with NUL bytes or other control characters is binary, whatever it decoded as.
    if any(unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in text):
        raise ImportFileError(Issue(name, 0, "imports.error.encoding"))
    return text


def sniff_delimiter(header_line: str) -> str:
    """Semicolon (French spreadsheets) when the header has more of them than commas."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _header_map(name: str, header: list[str], columns: Sequence[Column]) -> dict[int, str]:
    """Position in the file -> column name; missing required columns are an error."""
    wanted = {header_key(alias): column.name for column in columns for alias in column.aliases}
    positions: dict[int, str] = {}
    for index, title in enumerate(header):
        column_name = wanted.get(header_key(title))
        if column_name is not None and column_name not in positions.values():
            positions[index] = column_name
    missing = [c for c in columns if c.required and c.name not in positions.values()]
    if missing:
        raise ImportFileError(
            Issue(name, 1, "imports.error.missing_column", {"column": missing[0].aliases[0]})
        )
    return positions


def read_rows(name: str, data: bytes, columns: Sequence[Column]) -> Iterator[Row]:
    """Rows of the file under the kind's column names; raises ImportFileError, nothing else."""
    text = decode(name, data)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise ImportFileError(Issue(name, 1, "imports.error.no_header"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    try:
        header = next(reader)
        positions = _header_map(name, header, columns)
        headers = {column: header[index].strip() for index, column in positions.items()}
        line_end = reader.line_num
        for record in reader:
            line, line_end = line_end + 1, reader.line_num  # where a multi-line record starts
            if not any(cell.strip() for cell in record):
                continue  # blank lines at the end of exports
            if any(len(cell) > MAX_FIELD for cell in record):
                raise ImportFileError(Issue(name, line, "imports.error.field_too_long"))
            values = {
                column: record[index].strip()
                for index, column in positions.items()
                if index < len(record)
            }
            yield Row(name, line, values, headers)
    except csv.Error as error:
        raise ImportFileError(
            Issue(name, reader.line_num, "imports.error.malformed_csv")
        ) from error


def count_lines(data: bytes) -> int:
    """About how many rows: enough for a progress bar, without parsing twice."""
    return max(data.count(b"\n"), 1)
