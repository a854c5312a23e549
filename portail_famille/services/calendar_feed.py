"""A guardian's private iCalendar feed (RFC 5545) that a phone calendar subscribes to.

The address carries a random token; only its SHA-256 is stored, so the address is shown once, when
made. Renewing revokes the previous address; a revoked or unknown token finds nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlmodel import Session, col, select

from portail_famille.domain.local_time import local_today
from portail_famille.i18n.catalog import translate
from portail_famille.models import CalendarFeed
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, active_user, guardian_links
from portail_famille.services.agenda import calendar_events, work_due
from portail_famille.services.placement import current_placement

FEED_PATH = "/api/calendar/{token}.ics"
# What a subscribed calendar keeps of the past: the school year's start is too far on a phone.
PAST_DAYS = 60
FUTURE_DAYS = 366


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(session: Session, user_id: int) -> CalendarFeed | None:
    return session.exec(
        select(CalendarFeed).where(
            CalendarFeed.user_id == user_id, col(CalendarFeed.revoked_at).is_(None)
        )
    ).first()


def revoke_feed(session: Session, user_id: int) -> bool:
    """Revokes the account's feed address; True if there was one."""
    active_user(session, user_id)
    feed = active_feed(session, user_id)
    if feed is None:
        return False
    feed.revoked_at = utcnow()
    session.add(feed)
    audit.record(session, action="calendar_feed.revoke", actor_user_id=user_id)
    return True


def renew_feed(session: Session, user_id: int) -> str:
    """A new feed token (256 random bits) for a guardian; the previous address stops working."""
    active_user(session, user_id)
    if not guardian_links(session, user_id, "view"):
        raise Forbidden  # staff and guardians without a child have nothing to subscribe to
    revoke_feed(session, user_id)
    session.flush()
    token = secrets.token_urlsafe(32)
    session.add(CalendarFeed(user_id=user_id, token_hash=_digest(token)))
    audit.record(session, action="calendar_feed.create", actor_user_id=user_id)
    return token


def feed_owner(session: Session, token: str) -> int | None:
    """The account behind a live token, or None (unknown, revoked, or a disabled account)."""
    if not token or len(token) > 100:
        return None
    feed = session.exec(
        select(CalendarFeed).where(
            CalendarFeed.token_hash == _digest(token), col(CalendarFeed.revoked_at).is_(None)
        )
    ).first()
    if feed is None:
        return None
    try:
        active_user(session, feed.user_id)
    except Forbidden:
        return None
    return feed.user_id


def _all_day(uid: str, summary: str, first: date, last: date, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("transp", "TRANSPARENT")
    return event


def build_feed(session: Session, user_id: int, language: str, now: datetime | None = None) -> bytes:
    """The calendar days and work due of every child the account may view now, as iCalendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//Portail Famille//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", translate(language, "agenda.feed_name"))
    stamp = utcnow().replace(microsecond=0)
    seen_events: set[int] = set()
    children = {child.id: child for _g, _l, child in guardian_links(session, user_id, "view")}
    for child_id, child in children.items():
        assert child_id is not None
        placement = current_placement(session, child_id)
        if placement is None or not placement.enrolment.active:
            continue
        today = local_today(placement.organisation.timezone, now)
        first, last = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)
        for day in calendar_events(session, placement, first, last):
            assert day.id is not None
            if day.id in seen_events:
                continue  # two children in one school: the holiday once
            seen_events.add(day.id)
            uid = f"calendar-{day.id}@portail-famille"
            calendar.add_component(_all_day(uid, day.title, day.starts_on, day.ends_on, stamp))
        for work in work_due(session, placement, first, last):
            summary = translate(
                language,
                "agenda.feed_work",
                child=child.first_name,
                subject=work.subject,
                title=work.title,
            )
            uid = f"work-{work.id}-{child_id}@portail-famille"
            event = _all_day(uid, summary, work.due_on, work.due_on, stamp)
            if work.details:
                event.add("description", work.details)
            calendar.add_component(event)
    return calendar.to_ical()
