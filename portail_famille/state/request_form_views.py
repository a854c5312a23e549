"""What a family's request form and list show, built from the requests service's plain rows.

Every label is put in both languages here, so switching language needs no round trip; ids never
enter these rows (the page sends positions back).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import all_keys, translate

MASK = "••••"  # how the service shows a stored sensitive value (see domain/masking.py)


@dataclass
class ChoiceView:
    value: str
    label: dict[str, str] = field(default_factory=dict)


@dataclass
class FieldView:
    name: str
    kind: str  # text | date | phone | choice | bool | iban | file | ...
    key: str  # category + name: a new form never reuses the inputs of the previous one
    label: dict[str, str] = field(default_factory=dict)
    value: str = ""
    checked: bool = False
    required: bool = False
    max_length: int = 200
    masked: str = ""  # the stored value's mask, shown beside an empty input (bank account)
    choices: list[ChoiceView] = field(default_factory=list)
    error: dict[str, str] = field(default_factory=dict)


def texts(key: str, **params: object) -> dict[str, str]:
    """A catalogue key's text in every language."""
    return {language: translate(language, key, **params) for language in LANGUAGES}


def _choice(value: str, label: str) -> ChoiceView:
    """A fixed choice carries a catalogue key; a choice read from the records carries a name."""
    if label in all_keys():
        return ChoiceView(value, texts(label))
    return ChoiceView(value, dict.fromkeys(LANGUAGES, label))


def field_views(category: str, specs: Sequence[Any], current: dict[str, str]) -> list[FieldView]:
    """One view per field the category asks for, prefilled with the record's current value."""
    views = []
    for spec in specs:
        kind = str(spec.kind)
        value = current.get(spec.name, "") or ""
        masked = ""
        if MASK in value:  # a sealed value: show its mask, never send it back as an input
            masked, value = value, ""
        views.append(
            FieldView(
                name=spec.name,
                kind=kind,
                key=f"{category}-{spec.name}",
                label=texts(spec.label_key),
                value=value,
                checked=value.lower() in ("true", "1", "yes", "on"),
                required=bool(spec.required),
                max_length=int(getattr(spec, "max_length", 200)),
                masked=masked,
                choices=[_choice(str(v), str(label)) for v, label in spec.choices],
            )
        )
    return views


def with_errors(views: list[FieldView], errors: dict[str, str]) -> list[FieldView]:
    """The same fields with each refused one carrying its reason (a catalogue key) translated."""
    for view in views:
        key = errors.get(view.name)
        view.error = texts(key) if key else {}
    return views


def form_values(views: list[FieldView], form: dict) -> dict[str, str]:
    """What the form sent for the category's fields only, as text; a checkbox is "true"/"false"."""
    values: dict[str, str] = {}
    for view in views:
        if view.kind == "file":
            continue
        if view.kind == "bool":
            values[view.name] = "true" if form.get(view.name) in (True, "on", "true") else "false"
        else:
            values[view.name] = str(form.get(view.name, "") or "").strip()[:2000]
    return values
