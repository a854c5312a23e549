"""Organisations (school service centres, communes), their schools and school years."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel, UniqueConstraint


class OrganisationKind(StrEnum):
    SCHOOL_SERVICE_CENTRE = "school_service_centre"
    COMMUNE = "commune"


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, max_length=64)
    name: str = Field(max_length=200)
    kind: OrganisationKind = Field(sa_type=String(32))
    # ISO 3166 country: with the user's language it picks the formatting locale (fr + CA = fr_CA).
    country: str = Field(max_length=2)
    timezone: str = Field(max_length=64)
    currency: str = Field(max_length=3)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    address: str | None = Field(default=None, max_length=300)  # shown in "Nous joindre"


class School(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organisation_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(max_length=200)
    level: str = Field(max_length=32)  # primary, secondary, maternelle, élémentaire...
    address: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)


class SchoolYear(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organisation_id", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    label: str = Field(max_length=100)  # "2026-2027", or a OneRoster title kept whole
    starts_on: date
    ends_on: date
    is_current: bool = False
