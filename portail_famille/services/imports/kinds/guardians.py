"""Guardians ("répondants") with their e-mails and their link to each child, one row per link.

A guardian is matched by their id in the school's system, else by one of their e-mails; a child by
file number. Rights (custody, payer, statements) are data on the link.
"""

from __future__ import annotations

from dataclasses import dataclass

from portail_famille.domain.codes import is_plausible_email, normalise_email, normalise_file_number
from portail_famille.models import Relationship
from portail_famille.services.imports.context import ImportContext
from portail_famille.services.imports.kinds import guardian_apply
from portail_famille.services.imports.kinds.base import ImportKind, text
from portail_famille.services.imports.reader import Column, Row
from portail_famille.services.imports.values import parse_bool, parse_relationship

_FLAGS = {
    # column: (aliases, default; None: same as is_payer)
    "shared_custody": (("garde_partagee", "shared_custody"), False),
    "is_payer": (("payeur", "payer", "is_payer"), True),
    "receives_statements": (("recoit_etats", "etats_de_compte", "receives_statements"), None),
    "can_view": (("peut_consulter", "can_view"), True),
    "can_book": (("peut_reserver", "can_book"), True),
    "can_pay": (("peut_payer", "can_pay"), True),
}

COLUMNS = (
    Column("guardian_id", ("id_repondant", "repondant", "guardian_id", "parent_id"), False),
    Column("last_name", ("nom", "nom_repondant", "last_name", "guardian_last_name")),
    Column("first_name", ("prenom", "prenom_repondant", "first_name", "guardian_first_name")),
    Column("email", ("courriel", "email", "e_mail", "adresse_courriel", "mail"), False),
    Column("email2", ("courriel2", "email2", "e_mail2"), False),
    Column("phone", ("telephone", "phone"), False),
    Column("household", ("foyer", "famille", "household", "family"), False),
    Column("child", ("fiche_enfant", "numero_fiche_enfant", "child_file_number", "numero_fiche")),
    Column("relationship", ("lien", "relation", "relationship"), False),
    *(Column(name, aliases, False) for name, (aliases, _d) in _FLAGS.items()),
)


@dataclass(frozen=True)
class GuardianRecord:
    file: str
    line: int
    key: str  # the external id, else "email:" + first e-mail
    external_id: str | None
    first_name: str
    last_name: str
    emails: tuple[str, ...]
    phone: str | None
    household: str | None
    child_file_number: str
    relationship: Relationship
    flags: dict[str, bool]


def _emails(row: Row, context: ImportContext) -> tuple[str, ...] | None:
    found: list[str] = []
    for column in ("email", "email2"):
        if raw := row.get(column):
            email = normalise_email(raw)
            if not is_plausible_email(email):
                context.report.error(row.file, row.line, "imports.error.email", value=raw)
                return None
            found.append(email)
    return tuple(dict.fromkeys(found))


def _flags(row: Row, context: ImportContext) -> dict[str, bool] | None:
    flags: dict[str, bool] = {}
    for name, (_aliases, default) in _FLAGS.items():
        value = parse_bool(row.get(name), flags["is_payer"] if default is None else default)
        if value is None:
            context.report.error(
                row.file, row.line, "imports.error.boolean", column=row.header(name)
            )
            return None
        flags[name] = value
    return flags


def _parse(row: Row, context: ImportContext) -> GuardianRecord | None:
    report, errors_before = context.report, context.report.issue_count
    external_id = text(row, context, "guardian_id", 64, required=False)
    first_name = text(row, context, "first_name", 100, required=True)
    last_name = text(row, context, "last_name", 100, required=True)
    phone = text(row, context, "phone", 32, required=False)
    household = text(row, context, "household", 64, required=False)
    emails = _emails(row, context)
    child = normalise_file_number(row.get("child"))
    if child is None:
        report.error(row.file, row.line, "imports.error.file_number", value=row.get("child"))
    relationship = parse_relationship(row.get("relationship"))
    if relationship is None:
        report.error(
            row.file, row.line, "imports.error.relationship", value=row.get("relationship")
        )
    flags = _flags(row, context)
    if emails is not None and not external_id and not emails:
        report.error(row.file, row.line, "imports.error.guardian_key")
    if report.issue_count > errors_before:
        return None
    assert first_name and last_name and child and relationship and flags is not None
    assert emails is not None
    key = external_id or f"email:{emails[0]}"
    if (earlier := context.first_line("link", f"{key}/{child}", row.line)) is not None:
        report.error(row.file, row.line, "imports.error.duplicate_row", value=child, first=earlier)
        return None
    return GuardianRecord(
        row.file,
        row.line,
        key,
        external_id or None,
        first_name,
        last_name,
        emails,
        phone or None,
        household or None,
        child,
        relationship,
        flags,
    )


KIND = ImportKind(
    name="guardians", columns=COLUMNS, parse=_parse, apply=guardian_apply.apply_guardians
)
