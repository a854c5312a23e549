"""Every text the interface shows is in both catalogues, with the same placeholders."""

import ast
from pathlib import Path
from string import Formatter

import pytest

from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.catalog import all_keys, catalog, translate

SOURCE = Path(__file__).resolve().parents[3] / "portail_famille"


def _keys_used_in_code() -> set[str]:
    """Literal keys passed to t() or translate() anywhere in the package."""
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = node.args
            if name == "t" and args and isinstance(args[0], ast.Constant):
                used.add(str(args[0].value))
            if name == "translate" and len(args) > 1 and isinstance(args[1], ast.Constant):
                used.add(str(args[1].value))
    return used


def _fields(text: str) -> set[str]:
    return {field for _lit, field, _s, _c in Formatter().parse(text) if field}


def test_code_uses_only_keys_that_exist() -> None:
    used = _keys_used_in_code()
    assert len(used) > 30
    for language in LANGUAGES:
        missing = used - set(catalog(language))
        assert not missing, f"{language} catalogue lacks {sorted(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_key_is_translated_with_the_same_placeholders(language: str) -> None:
    texts = catalog(language)
    for key in all_keys():
        assert texts.get(key, "").strip(), f"{key} has no {language} text"
        assert _fields(texts[key]) == _fields(catalog("fr")[key]), key


def test_server_side_text_follows_the_readers_language() -> None:
    assert translate("en", "family.hello", name="Luc") == "Hello Luc"
    assert translate("fr", "family.hello", name="Luc") == "Bonjour Luc"
    assert translate("xx", "signin.title") == "Connexion"
