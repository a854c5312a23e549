"""One counter row per organisation, kind of number and year: where every number comes from."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class NumberCounter(SQLModel, table=True):
    """The last number given for (organisation, kind, year); year 0 for series that never reset.

    Incremented in the transaction that uses the number, so the row stays locked until that
    transaction ends: two payments at the same instant wait for each other instead of colliding,
    and a rolled-back transaction gives its number back.
    """

    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)
    kind: str = Field(max_length=16, primary_key=True)
    year: int = Field(primary_key=True)
    value: int = 0
