from datetime import UTC, date, datetime

from portail_famille.domain.money import Money
from portail_famille.i18n.formatting import (
    format_day,
    format_moment,
    format_money,
    format_time,
    locale_for,
)

NBSP = "\u00a0"
NNBSP = "\u202f"


def _spaces(text: str) -> str:
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def test_money_in_each_organisations_locale() -> None:
    assert _spaces(format_money(Money(200000, "CAD"), locale_for("fr", "CA"))) == "2 000,00 $"
    assert _spaces(format_money(Money(200000, "EUR"), locale_for("fr", "FR"))) == "2 000,00 €"
    assert format_money(Money(200000, "CAD"), locale_for("en", "CA")) == "$2,000.00"


def test_money_keeps_cents_exact() -> None:
    assert _spaces(format_money(Money(1, "EUR"), "fr_FR")) == "0,01 €"
    assert _spaces(format_money(Money(-12345, "CAD"), "fr_CA")) == "-123,45 $"


def test_times_are_24_hour_in_every_language_and_in_the_organisations_zone() -> None:
    evening = datetime(2026, 11, 22, 23, 5, tzinfo=UTC)
    assert format_time(evening, "America/Montreal", "en_CA") == "18:05"
    assert format_time(evening, "Europe/Paris", "fr_FR") == "00:05"
    assert format_moment(evening, "Europe/Paris", "fr_FR") == "23 novembre 2026 00:05"


def test_dates_in_the_readers_language() -> None:
    assert format_day(date(2026, 12, 4), "fr_CA") == "4 décembre 2026"
    assert format_day(date(2026, 12, 4), "en_CA") == "December 4, 2026"


def test_unknown_language_falls_back_to_french() -> None:
    assert locale_for("de", "FR") == "fr_FR"
