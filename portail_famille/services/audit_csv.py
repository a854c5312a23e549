"""The admin's audit log as CSV: headers in the admin's language, times in ISO 8601 with the
organisation's offset (what spreadsheets and auditors sort on)."""

from __future__ import annotations

import csv
import io

from sqlmodel import Session

from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_iso_moment
from portail_famille.services.audit_log import LogFilters, search_log

COLUMNS = ["at", "actor", "email", "role", "organisation", "action", "child", "file", "detail"]
EXPORT_LIMIT = 50_000
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A spreadsheet must not run what a name or a detail holds (CSV formula injection)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def audit_csv(session: Session, *, user_id: int | None, filters: LogFilters, language: str) -> str:
    """The filtered log as CSV text; Forbidden for anyone who administers nothing."""
    page = search_log(session, user_id=user_id, filters=filters, limit=EXPORT_LIMIT)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate(language, f"records_admin.csv.{name}") for name in COLUMNS])
    for row in page.rows:
        role = translate(language, f"staff.role.{row.role}") if row.role else ""
        writer.writerow(
            [
                format_iso_moment(row.at, page.timezone),
                *(
                    _cell(v)
                    for v in (
                        row.actor,
                        row.actor_email,
                        role,
                        row.organisation,
                        row.action,
                        row.child,
                        row.file_number,
                        row.detail,
                    )
                ),
            ]
        )
    return out.getvalue()
