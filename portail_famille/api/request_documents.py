"""Request documents (supporting files, proposed photos) and children's photos, served only to
those who may open them."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.api.cookies import session_token_from_header
from portail_famille.db import session_scope
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.child_photos import photo_for_user
from portail_famille.services.request_documents import document_for_user

REQUEST_DOCUMENT_PATH = "/api/demandes/pieces/{reference}"
CHILD_PHOTO_PATH = "/api/enfants/photo/{reference}"


def child_photo_url(record_reference: str) -> str:
    """The photo of the child whose ChildRecord has this (opaque) reference."""
    return CHILD_PHOTO_PATH.format(reference=record_reference)


def request_document_url(reference: str) -> str:
    return REQUEST_DOCUMENT_PATH.format(reference=reference)


async def download_request_document(request: Request) -> Response:
    reference = request.path_params["reference"][:32]
    token = session_token_from_header(request.headers.get("cookie"))
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if user is None or user.id is None:
            return Response(status_code=404)  # never says whether the file exists
        try:
            document = document_for_user(session, user.id, reference)
        except Forbidden:
            return Response(status_code=404)
        data, filename, content_type = document.data, document.filename, document.content_type
    disposition = "inline" if content_type.startswith("image/") else "attachment"
    return Response(
        data,
        media_type=content_type,
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
            "Cache-Control": "private, no-store",
        },
    )


async def child_photo(request: Request) -> Response:
    reference = request.path_params["reference"][:32]
    token = session_token_from_header(request.headers.get("cookie"))
    with session_scope() as session:
        user = sessions.user_for_token(session, token)
        if user is None or user.id is None:
            return Response(status_code=404)
        try:
            data = photo_for_user(session, user.id, reference)
        except Forbidden:
            return Response(status_code=404)
    return Response(
        data,
        media_type="image/jpeg",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"},
    )


REQUEST_DOCUMENT_ROUTES = [
    Route(REQUEST_DOCUMENT_PATH, download_request_document, methods=["GET"]),
    Route(CHILD_PHOTO_PATH, child_photo, methods=["GET"]),
]
