"""Message attachments, served only to the people taking part in their thread."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.attachments import read_file
from portail_famille.services.thread_access import attachment_for_user

ATTACHMENT_PATH = "/api/messages/pieces/{key}"


def attachment_url(storage_key: str) -> str:
    return ATTACHMENT_PATH.format(key=storage_key)


async def download_attachment(request: Request) -> Response:
    key = request.path_params["key"][:64]
    token = session_token_from_header(request.headers.get("cookie"))
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if user is None or user.id is None:
            return Response(status_code=404)  # never says whether the file exists
        try:
            attachment = attachment_for_user(session, user.id, key)
        except Forbidden:
            return Response(status_code=404)
        filename, content_type = attachment.filename, attachment.content_type
    data = read_file(key)
    if data is None:
        return Response(status_code=404)
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


ATTACHMENT_ROUTES = [Route(ATTACHMENT_PATH, download_attachment, methods=["GET"])]
