"""What a kind of import is: its columns, a row parser, and a batch apply step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.reader import Column, Row


def _nothing(_context: ImportContext) -> None:
    return None


@dataclass(frozen=True)
class ImportKind:
    """`parse` returns a record (or None after reporting the row's errors); `apply` writes a batch
    of records; `finish` runs once at the end (a full import's deactivations)."""

    name: str
    columns: tuple[Column, ...]
    parse: Callable[[Row, ImportContext], Any]
    apply: Callable[[list[Any], ImportContext], None]
    finish: Callable[[ImportContext], None] = _nothing


def text(row: Row, context: ImportContext, column: str, limit: int, required: bool) -> str | None:
    """A text cell within `limit` characters; reports and returns None when it is not."""
    value = row.get(column)
    if required and not value:
        context.report.error(
            row.file, row.line, "imports.error.required", column=row.header(column)
        )
        return None
    if len(value) > limit:
        context.report.error(
            row.file, row.line, "imports.error.too_long", column=row.header(column)
        )
        return None
    return value
