"""GET /api/console/journal.csv: the admin's audit log as CSV, with the filters of the log page.

Re-checks the session cookie and the admin's rights on every request: 403 for anyone else.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.i18n import supported_language
from portail_famille.services import audit, sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.audit_csv import audit_csv
from portail_famille.services.audit_log import LogFilters, parse_filters

AUDIT_CSV_PATH = "/api/console/journal.csv"


def _export(token: str | None, filters: LogFilters) -> str | None:
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if user is None or user.id is None:
            return None
        try:
            text = audit_csv(
                session, user_id=user.id, filters=filters, language=supported_language(user.locale)
            )
        except Forbidden:
            return None
        audit.record(session, action="audit.exported", actor_user_id=user.id)
        return text


async def audit_export(request: Request) -> Response:
    filters, errors = parse_filters(dict(request.query_params))
    if errors:
        return Response(status_code=400)
    token = session_token_from_header(request.headers.get("cookie"))
    text = await run_in_threadpool(_export, token, filters)
    if text is None:
        return Response(status_code=403)
    return Response(
        "\ufeff" + text,  # the byte-order mark makes spreadsheets read UTF-8 accents right
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="journal-audit.csv"',
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


AUDIT_ROUTES = [Route(AUDIT_CSV_PATH, audit_export, methods=["GET"])]
