"""News the organisations publish: menus, outings, closures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from portail_famille.models import NewsItem, Organisation


@dataclass(frozen=True)
class NewsView:
    news_id: int
    organisation: str
    title: str
    body: str
    published_at: datetime
    timezone: str
    country: str


def public_news(session: Session, limit: int = 20) -> list[NewsView]:
    """Public news of every organisation, newest first: readable before signing in."""
    rows = session.exec(
        select(NewsItem, Organisation)
        .join(Organisation, col(Organisation.id) == NewsItem.organisation_id)
        .where(col(NewsItem.public).is_(True), col(NewsItem.published).is_(True))
        .order_by(col(NewsItem.published_at).desc(), col(NewsItem.id).desc())
        .limit(limit)
    ).all()
    return [
        NewsView(
            news_id=item.id or 0,
            organisation=org.name,
            title=item.title,
            body=item.body,
            published_at=item.published_at,
            timezone=org.timezone,
            country=org.country,
        )
        for item, org in rows
    ]
