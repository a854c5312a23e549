"""Where an import writes (one organisation, maybe one school) and what it learns on the way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from portail_famille.models import Organisation, School, SchoolYear
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.imports.report import ImportReport


@dataclass(frozen=True)
class ImportTarget:
    """The organisation an import writes into; `school_ids` narrows it (a school's secretary)."""

    organisation_id: int
    school_ids: frozenset[int] | None
    actor_user_id: int | None

    def allows_school(self, school_id: int) -> bool:
        return self.school_ids is None or school_id in self.school_ids


def target_for_staff(session: Session, user_id: int, organisation_id: int) -> ImportTarget:
    """The import target of a staff member in one of their organisations, or Forbidden."""
    scope = staff_scope(session, user_id)
    if organisation_id not in scope.schools_by_organisation:
        raise Forbidden
    return ImportTarget(organisation_id, scope.schools_by_organisation[organisation_id], user_id)


def target_for_organisation(session: Session, slug: str) -> ImportTarget | None:
    """The whole organisation, for the command line (whoever runs it owns the server)."""
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).first()
    if organisation is None or organisation.id is None:
        return None
    return ImportTarget(organisation.id, None, None)


@dataclass
class ImportContext:
    """What every kind's parser and apply step share during one run."""

    session: Session
    target: ImportTarget
    report: ImportReport
    full: bool = False
    schools: dict[str, int] = field(default_factory=dict)  # school code -> id
    years: dict[str, int] = field(default_factory=dict)  # label -> id
    current_year_id: int | None = None
    # Rows seen, for duplicates (file number -> line) and for a full import's deactivations.
    seen: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    enrolled: dict[tuple[int, int], set[int]] = field(default_factory=lambda: defaultdict(set))
    cache: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def open(cls, session: Session, target: ImportTarget, report: ImportReport, full: bool):
        context = cls(session, target, report, full)
        org = target.organisation_id
        for school in session.exec(select(School).where(School.organisation_id == org)).all():
            assert school.id is not None
            context.schools[school.code.casefold()] = school.id
        context.load_years()
        return context

    def load_years(self) -> None:
        statement = select(SchoolYear).where(
            SchoolYear.organisation_id == self.target.organisation_id
        )
        for year in self.session.exec(statement.order_by(col(SchoolYear.starts_on))).all():
            assert year.id is not None
            self.years[year.label.casefold()] = year.id
            if year.is_current:
                self.current_year_id = year.id

    def first_line(self, what: str, key: str, line: int) -> int | None:
        """The line `key` was first seen on, or None (and remember this one) the first time."""
        earlier = self.seen[what].get(key)
        if earlier is None:
            self.seen[what][key] = line
        return earlier
