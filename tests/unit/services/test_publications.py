"""News and resources: the guardian's organisations only; staff publish and withdraw their own."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from portail_famille.services.access import Forbidden
from portail_famille.services.news import public_news
from portail_famille.services.publications import (
    add_resource,
    guardian_news,
    guardian_resources,
    publish_news,
    resource_errors,
    set_news_published,
    set_resource_published,
)
from tests.unit.services.staff_fixtures import user_id

pytestmark = pytest.mark.db


def test_a_guardian_reads_the_news_and_resources_of_their_organisations_only(
    session: Session,
) -> None:
    marie = user_id(session, "marie.tremblay@example.org")
    claire = user_id(session, "claire.martin@example.org")
    assert {n.organisation for n in guardian_news(session, marie)} == {
        "Centre de services scolaire des Mille-Lacs"
    }
    assert len(guardian_news(session, claire)) == 2
    assert [r.title for r in guardian_resources(session, marie)] == [
        "Calendrier scolaire 2026-2027",
        "Service de garde : à savoir",
    ]
    assert "Tarifs de la restauration scolaire" in [
        r.title for r in guardian_resources(session, claire)
    ]


def test_staff_publish_and_withdraw_news_for_their_organisation(session: Session) -> None:
    agent = user_id(session, "enfance@saint-aubin.example.org")
    claire = user_id(session, "claire.martin@example.org")
    item = publish_news(
        session, user_id=agent, title="Fête de l'école", body="Samedi.", public=True
    )
    assert item.id is not None
    assert guardian_news(session, claire)[0].title == "Fête de l'école"
    assert public_news(session)[0].title == "Fête de l'école"
    set_news_published(session, user_id=agent, news_id=item.id, published=False)
    assert "Fête de l'école" not in [n.title for n in guardian_news(session, claire)]
    assert "Fête de l'école" not in [n.title for n in public_news(session)]


def test_staff_cannot_touch_another_organisations_publications(session: Session) -> None:
    agent = user_id(session, "enfance@saint-aubin.example.org")
    secretary = user_id(session, "secretariat.erables@example.org")
    marie = user_id(session, "marie.tremblay@example.org")
    resource = add_resource(session, user_id=agent, title="Plan", url="https://x.example", body="")
    item = publish_news(session, user_id=agent, title="Cantine", body="Menus", public=False)
    assert resource.id is not None and item.id is not None
    for other in (secretary, marie):
        with pytest.raises(Forbidden):
            set_resource_published(session, user_id=other, resource_id=resource.id, published=False)
        with pytest.raises(Forbidden):
            set_news_published(session, user_id=other, news_id=item.id, published=False)
    with pytest.raises(Forbidden):
        publish_news(session, user_id=marie, title="x", body="y", public=True)


def test_a_resource_needs_a_title_and_a_web_address_or_a_text() -> None:
    assert resource_errors("", "", "") == {
        "title": "publications.title_required",
        "url": "publications.url_or_text",
    }
    assert resource_errors("Guide", "javascript:alert(1)", "") == {
        "url": "publications.url_invalid"
    }
    assert resource_errors("Guide", "", "Du texte") == {}
