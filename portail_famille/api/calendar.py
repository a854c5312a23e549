"""The private iCalendar feed a phone calendar subscribes to: GET /api/calendar/{token}.ics."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portail_famille.db import session_scope
from portail_famille.models import UserAccount
from portail_famille.services.calendar_feed import FEED_PATH, build_feed, feed_owner


async def calendar_feed(request: Request) -> Response:
    token = str(request.path_params.get("token", ""))
    with session_scope() as session:
        user_id = feed_owner(session, token)
        if user_id is None:
            return Response(status_code=404)  # unknown and revoked look the same
        account = session.get(UserAccount, user_id)
        language = account.locale if account else "fr"
        body = build_feed(session, user_id, language)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"},
    )


CALENDAR_ROUTES = [Route(FEED_PATH, calendar_feed, methods=["GET"])]
