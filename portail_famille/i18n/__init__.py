"""Languages of the interface: French first, English complete."""

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


def supported_language(value: str | None) -> str:
    """`value` if the portal speaks it, else French: never trust a language sent by a client."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE
