"""A page of a longer list, with the true total: a console may show the first 50 requests, but
its count says how many there are ("63 demandes en attente", never "50")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select

T = TypeVar("T")
# Identifiers per IN (...) list: well under SQLite's and PostgreSQL's limits on parameters.
CHUNK = 5_000


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int  # every row that matched, shown or not

    @property
    def more(self) -> bool:
        """Some rows matched but are not on this page."""
        return self.total > len(self.rows)


def first(rows: Iterable[T], limit: int) -> Page[T]:
    """The first `limit` of rows already filtered in Python, and how many there were."""
    every = list(rows)
    return Page(every[:limit], len(every))


def count_of(session: Session, statement: Any) -> int:
    """How many rows a select would return, counted by the database."""
    inner = statement.order_by(None).limit(None).subquery()
    return int(session.exec(select(func.count()).select_from(inner)).one())


def chunks(ids: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
