"""The admin's audit log as CSV: headers in the admin's language, times in ISO 8601 with the
organisation's offset (what spreadsheets and auditors sort on), and beside each action code what
happened in words (viewed, changed, exported, decided...)."""

from __future__ import annotations

from sqlmodel import Session

from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_iso_moment
from portail_famille.services.audit_log import LogFilters, search_log
from portail_famille.services.audit_words import KIND_WORDS
from portail_famille.services.csv_cells import csv_text

COLUMNS = ["at", "actor", "email", "role", "organisation", "action", "child", "file", "detail"]
EXPORT_LIMIT = 50_000


def audit_csv(session: Session, *, user_id: int | None, filters: LogFilters, language: str) -> str:
    """The filtered log as CSV text; Forbidden for anyone who administers nothing."""
    page = search_log(session, user_id=user_id, filters=filters, limit=EXPORT_LIMIT)
    header = [translate(language, f"records_admin.csv.{name}") for name in COLUMNS]
    header.insert(COLUMNS.index("action") + 1, translate(language, "audit.csv.kind"))
    rows = (
        [
            format_iso_moment(row.at, page.timezone),
            row.actor,
            row.actor_email,
            translate(language, f"staff.role.{row.role}") if row.role else "",
            row.organisation,
            row.action,
            translate(language, KIND_WORDS[row.kind]),
            row.child,
            row.file_number,
            row.detail,
        ]
        for row in page.rows
    )
    return csv_text(header, rows)
