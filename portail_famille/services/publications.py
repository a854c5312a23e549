"""News and resources: what families of an organisation read, and what its staff publish."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from portail_famille.models import NewsItem, Organisation, Resource
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, guardian_links, staff_scope
from portail_famille.services.news import NewsView


def guardian_organisation_ids(session: Session, user_id: int) -> set[int]:
    return {child.organisation_id for _g, _l, child in guardian_links(session, user_id, "view")}


def _views(rows: list[tuple[NewsItem, Organisation]]) -> list[NewsView]:
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


def guardian_news(session: Session, user_id: int, limit: int = 3) -> list[NewsView]:
    """The latest published news of the organisations the guardian's children belong to."""
    organisations = guardian_organisation_ids(session, user_id)
    rows = session.exec(
        select(NewsItem, Organisation)
        .join(Organisation, col(Organisation.id) == NewsItem.organisation_id)
        .where(col(NewsItem.organisation_id).in_(organisations), col(NewsItem.published).is_(True))
        .order_by(col(NewsItem.published_at).desc(), col(NewsItem.id).desc())
        .limit(limit)
    ).all()
    return _views(list(rows))


@dataclass(frozen=True)
class ResourceView:
    resource_id: int
    organisation: str
    title: str
    url: str
    body: str
    published: bool


def _resource_views(rows: list[tuple[Resource, Organisation]]) -> list[ResourceView]:
    return [
        ResourceView(r.id or 0, o.name, r.title, r.url or "", r.body or "", r.published)
        for r, o in rows
    ]


def guardian_resources(session: Session, user_id: int) -> list[ResourceView]:
    """Published resources and links of the guardian's organisations."""
    organisations = guardian_organisation_ids(session, user_id)
    rows = session.exec(
        select(Resource, Organisation)
        .join(Organisation, col(Organisation.id) == Resource.organisation_id)
        .where(col(Resource.organisation_id).in_(organisations), col(Resource.published).is_(True))
        .order_by(col(Organisation.name), col(Resource.title))
    ).all()
    return _resource_views(list(rows))


def staff_organisation(session: Session, user_id: int) -> int:
    """The organisation a staff member publishes for (their first one); Forbidden if not staff."""
    return min(staff_scope(session, user_id).organisation_ids)


def staff_news(session: Session, user_id: int) -> list[tuple[NewsView, bool]]:
    """The news of the staff member's organisations, with whether each is published."""
    organisations = staff_scope(session, user_id).organisation_ids
    rows = session.exec(
        select(NewsItem, Organisation)
        .join(Organisation, col(Organisation.id) == NewsItem.organisation_id)
        .where(col(NewsItem.organisation_id).in_(organisations))
        .order_by(col(NewsItem.published_at).desc(), col(NewsItem.id).desc())
    ).all()
    return [
        (view, item.published) for view, (item, _o) in zip(_views(list(rows)), rows, strict=True)
    ]


def staff_resources(session: Session, user_id: int) -> list[ResourceView]:
    organisations = staff_scope(session, user_id).organisation_ids
    rows = session.exec(
        select(Resource, Organisation)
        .join(Organisation, col(Organisation.id) == Resource.organisation_id)
        .where(col(Resource.organisation_id).in_(organisations))
        .order_by(col(Resource.title))
    ).all()
    return _resource_views(list(rows))


def publish_news(
    session: Session, *, user_id: int, title: str, body: str, public: bool
) -> NewsItem:
    organisation_id = staff_organisation(session, user_id)
    item = NewsItem(
        organisation_id=organisation_id, title=title.strip(), body=body.strip(), public=public
    )
    session.add(item)
    session.flush()
    audit.record(
        session,
        action="news.published",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="news",
        object_id=item.id,
    )
    return item


def add_resource(session: Session, *, user_id: int, title: str, url: str, body: str) -> Resource:
    organisation_id = staff_organisation(session, user_id)
    resource = Resource(
        organisation_id=organisation_id,
        title=title.strip(),
        url=url.strip() or None,
        body=body.strip() or None,
    )
    session.add(resource)
    session.flush()
    audit.record(
        session,
        action="resource.published",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="resource",
        object_id=resource.id,
    )
    return resource


def set_news_published(session: Session, *, user_id: int, news_id: int, published: bool) -> None:
    """Publishes or withdraws a news item of the staff member's organisations; else Forbidden."""
    item = session.get(NewsItem, news_id)
    if item is None or item.organisation_id not in staff_scope(session, user_id).organisation_ids:
        raise Forbidden
    item.published = published
    session.add(item)
    audit.record(
        session,
        action="news.published" if published else "news.withdrawn",
        actor_user_id=user_id,
        organisation_id=item.organisation_id,
        object_type="news",
        object_id=news_id,
    )


def set_resource_published(
    session: Session, *, user_id: int, resource_id: int, published: bool
) -> None:
    resource = session.get(Resource, resource_id)
    if (
        resource is None
        or resource.organisation_id not in staff_scope(session, user_id).organisation_ids
    ):
        raise Forbidden
    resource.published = published
    session.add(resource)
    audit.record(
        session,
        action="resource.published" if published else "resource.withdrawn",
        actor_user_id=user_id,
        organisation_id=resource.organisation_id,
        object_type="resource",
        object_id=resource_id,
    )


def resource_errors(title: str, url: str, body: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip() or len(title.strip()) > 200:
        errors["title"] = "publications.title_required"
    if url.strip() and not url.strip().startswith(("https://", "http://")):
        errors["url"] = "publications.url_invalid"
    elif not url.strip() and not body.strip():
        errors["url"] = "publications.url_or_text"
    return errors
