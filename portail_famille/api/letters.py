"""POST /api/console/letters: the access-code letters of a school or of one child's families, as
a PDF, for staff of that organisation (and school) only. Printing them replaces the codes."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from portail_famille.api.cookies import session_token_from_header
from portail_famille.api.routes import _same_origin
from portail_famille.db import session_scope
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.imports.context import target_for_staff
from portail_famille.services.letters import (
    NoLetter,
    child_by_file_number,
    issue_letters,
    school_children,
)
from portail_famille.services.letters_pdf import render_letters

LETTERS_PATH = "/api/console/letters"


def _letters_pdf(token: str | None, school: str, file_number: str) -> bytes | int:
    """The PDF, or the HTTP status that refuses it. One transaction: no PDF, no new codes."""
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if user is None or user.id is None:
            return 403
        try:
            scope = staff_scope(session, user.id)
        except Forbidden:
            return 403
        for organisation_id in sorted(scope.organisation_ids):
            target = target_for_staff(session, user.id, organisation_id)
            try:
                children = (
                    school_children(session, target, school)
                    if school
                    else child_by_file_number(session, target, file_number)
                )
                letters = issue_letters(session, target, children)
            except NoLetter:
                continue
            return render_letters(letters)
        return 404


async def letters(request: Request) -> Response:
    if not _same_origin(request):
        return Response(status_code=403)
    form = await request.form()
    school = str(form.get("school", "")).strip()[:32]
    file_number = str(form.get("file_number", "")).strip()[:16]
    token = session_token_from_header(request.headers.get("cookie"))
    result = await run_in_threadpool(_letters_pdf, token, school, file_number)
    if isinstance(result, int):
        return Response(status_code=result)
    return Response(
        result,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="lettres-codes-acces.pdf"',
            "Cache-Control": "no-store",
        },
    )
