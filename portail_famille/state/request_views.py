"""What the request console shows, as plain rows: no ids, texts in both languages.

Plain functions over a session (the state calls them; tests call them with any user).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portail_famille.config import get_settings
from portail_famille.domain.secrets import keyed_hash
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_moment, locale_for
from portail_famille.services.request_decisions import ConsoleRequest


@dataclass
class ConsoleField:
    label: dict[str, str]
    before: dict[str, str]
    proposed: dict[str, str]
    current: dict[str, str]  # the record's value now, when it changed since the family asked
    conflict: bool = False


@dataclass
class DocumentRow:
    filename: str
    href: str


@dataclass
class ConsoleRow:
    # Opaque and new at each decision: the page redraws the row's form (and its default
    # ticks) when the queue changes under it, instead of reusing another request's inputs.
    key: str
    category: dict[str, str]
    title: str  # the child's name, or the household's
    family: str
    school: str
    age: str
    asked_by: str
    created: dict[str, str]
    fields: list[ConsoleField] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    has_conflict: bool = False


def in_each_language(key: str, **params: object) -> dict[str, str]:
    return {language: translate(language, key, **params) for language in LANGUAGES}


def same_text(text: str) -> dict[str, str]:
    return dict.fromkeys(LANGUAGES, text)


def _value(text: str, translated: bool) -> dict[str, str]:
    return in_each_language(text) if translated and text else same_text(text)


def console_row(item: ConsoleRequest) -> ConsoleRow:
    from portail_famille.api.request_documents import request_document_url

    view = item.view
    secret = get_settings().secret_key.get_secret_value()
    return ConsoleRow(
        key=keyed_hash(secret, f"request-row:{view.id}:{view.version}")[:16],
        category=in_each_language(view.category_key),
        title=view.child_name or item.family_name,
        family=item.family_name,
        school=item.school_name,
        age="" if item.child_age is None else str(item.child_age),
        asked_by=item.requested_by_name,
        created={
            language: format_moment(
                view.created_at, item.timezone, locale_for(language, item.country)
            )
            for language in LANGUAGES
        },
        fields=[
            ConsoleField(
                label=in_each_language(f.label_key),
                before=_value(f.before, f.translated),
                proposed=_value(f.proposed, f.translated),
                current=_value(f.current, f.translated),
                conflict=f.conflict,
            )
            for f in view.fields
        ],
        documents=[
            DocumentRow(d.filename, request_document_url(d.reference)) for d in view.documents
        ],
        has_conflict=bool(item.conflicts),
    )
