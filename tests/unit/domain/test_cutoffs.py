"""Cut-off rules: deadlines in the organisation's timezone, right across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from portail_famille.domain.cutoffs import (
    CutoffRule,
    deadline,
    deadline_day,
    is_open,
    local_instant,
    parse_weekdays,
)

ZONES = ["Europe/Paris", "America/Montreal"]
# Days around every DST change of 2026-2028 in both zones, plus ordinary days.
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31))
clock = st.times().map(lambda t: t.replace(second=0, microsecond=0))
rules = st.one_of(
    st.builds(CutoffRule, kind=st.just("weekly"), at=clock, weekday=st.integers(1, 7)),
    st.builds(CutoffRule, kind=st.just("days_before"), at=clock, days=st.integers(0, 14)),
)


def _exists(day: date, at: time, zone: str) -> bool:
    naive = datetime.combine(day, at)
    return (
        naive.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC).astimezone(ZoneInfo(zone))
    ).replace(tzinfo=None) == naive


@given(rule=rules, day=days, zone=st.sampled_from(ZONES))
def test_the_deadline_is_the_rule_s_wall_clock_time_in_the_organisation_s_zone(
    rule: CutoffRule, day: date, zone: str
) -> None:
    instant = deadline(rule, day, zone)
    assert instant.tzinfo is not None and instant.utcoffset() == timedelta(0)
    local = instant.astimezone(ZoneInfo(zone))
    expected_day = deadline_day(rule, day)
    if _exists(expected_day, rule.at, zone):
        assert (local.date(), local.time()) == (expected_day, rule.at)
    else:  # spring forward: the first minute after the gap, same day, later on the wall
        assert local.date() == expected_day and local.time() > rule.at
        assert instant - timedelta(minutes=1) < local_instant(expected_day, rule.at, zone) + (
            timedelta(hours=1)
        )


@given(rule=rules, first=days, gap=st.integers(0, 60), zone=st.sampled_from(ZONES))
def test_a_later_day_never_closes_earlier(rule: CutoffRule, first: date, gap: int, zone: str):
    assert deadline(rule, first, zone) <= deadline(rule, first + timedelta(days=gap), zone)


@given(rule=rules, day=days, zone=st.sampled_from(ZONES))
def test_a_day_closes_before_it_starts_unless_the_rule_says_the_same_day(
    rule: CutoffRule, day: date, zone: str
) -> None:
    start_of_day = local_instant(day, time(0, 0), zone)
    if rule.kind == "weekly" or rule.days >= 1:
        assert deadline(rule, day, zone) < start_of_day
    else:
        assert deadline(rule, day, zone) >= start_of_day


@given(day=days, at=clock, weekday=st.integers(1, 7), zone=st.sampled_from(ZONES))
def test_a_weekly_rule_closes_the_whole_week_at_once(
    day: date, at: time, weekday: int, zone: str
) -> None:
    rule = CutoffRule("weekly", at, weekday=weekday)
    monday = day - timedelta(days=day.isoweekday() - 1)
    deadlines = {deadline(rule, monday + timedelta(days=n), zone) for n in range(7)}
    assert len(deadlines) == 1


@given(rule=rules, day=days, zone=st.sampled_from(ZONES), seconds=st.integers(-86400, 86400))
def test_open_exactly_until_the_deadline(
    rule: CutoffRule, day: date, zone: str, seconds: int
) -> None:
    now = deadline(rule, day, zone) + timedelta(seconds=seconds)
    assert is_open(rule, day, zone, now) is (seconds < 0)


@given(day=days, at=clock, n=st.integers(1, 14), zone=st.sampled_from(ZONES))
@example(day=date(2028, 11, 5), at=time(0, 0), n=7, zone="Europe/Paris")
def test_consecutive_days_close_24_hours_apart_except_across_a_clock_change(
    day: date, at: time, n: int, zone: str
) -> None:
    rule = CutoffRule("days_before", at, days=n)
    step = deadline(rule, day + timedelta(days=1), zone) - deadline(rule, day, zone)
    assert timedelta(hours=22) <= step <= timedelta(hours=26)
    first, second = deadline_day(rule, day), deadline_day(rule, day + timedelta(days=1))
    # The offsets at the two deadlines themselves (at noon they can agree while a deadline at
    # 00:00 falls before the night's change: 29 October 2028 in Paris is 25 hours long).
    offsets = {
        deadline(rule, d, zone).astimezone(ZoneInfo(zone)).utcoffset()
        for d in (day, day + timedelta(days=1))
    }
    if len(offsets) == 1 and _exists(first, at, zone) and _exists(second, at, zone):
        assert step == timedelta(hours=24)


# Known transitions: Paris 2027-03-28 (02:00 → 03:00) and 2027-10-31 (03:00 → 02:00);
# Montreal 2027-03-14 (02:00 → 03:00) and 2027-11-07 (02:00 → 01:00).
@pytest.mark.parametrize(
    ("zone", "day", "at", "utc"),
    [
        # Friday noon for the week of Monday 29 March 2027: Friday 26 March, still winter time.
        ("Europe/Paris", date(2027, 3, 29), time(12, 0), datetime(2027, 3, 26, 11, 0, tzinfo=UTC)),
        # The week after the change: Friday 2 April, summer time.
        ("Europe/Paris", date(2027, 4, 5), time(12, 0), datetime(2027, 4, 2, 10, 0, tzinfo=UTC)),
        ("Europe/Paris", date(2027, 11, 1), time(12, 0), datetime(2027, 10, 29, 10, 0, tzinfo=UTC)),
        ("Europe/Paris", date(2027, 11, 8), time(12, 0), datetime(2027, 11, 5, 11, 0, tzinfo=UTC)),
        (
            "America/Montreal",
            date(2027, 3, 15),
            time(12, 0),
            datetime(2027, 3, 12, 17, 0, tzinfo=UTC),
        ),
        (
            "America/Montreal",
            date(2027, 3, 22),
            time(12, 0),
            datetime(2027, 3, 19, 16, 0, tzinfo=UTC),
        ),
        (
            "America/Montreal",
            date(2027, 11, 8),
            time(12, 0),
            datetime(2027, 11, 5, 16, 0, tzinfo=UTC),
        ),
        (
            "America/Montreal",
            date(2027, 11, 15),
            time(12, 0),
            datetime(2027, 11, 12, 17, 0, tzinfo=UTC),
        ),
    ],
)
def test_friday_noon_across_dst_changes(zone: str, day: date, at: time, utc: datetime) -> None:
    rule = CutoffRule("weekly", at, weekday=5)
    assert deadline(rule, day, zone) == utc


def test_a_deadline_inside_the_spring_gap_moves_to_the_end_of_the_gap() -> None:
    rule = CutoffRule("days_before", time(2, 30), days=1)
    # 28 March 2027 02:30 does not exist in Paris: the deadline is 03:00 CEST = 01:00 UTC.
    assert deadline(rule, date(2027, 3, 29), "Europe/Paris") == datetime(2027, 3, 28, 1, tzinfo=UTC)
    assert deadline(rule, date(2027, 3, 15), "America/Montreal") == datetime(
        2027, 3, 14, 7, tzinfo=UTC
    )


def test_a_deadline_in_the_repeated_hour_is_its_first_occurrence() -> None:
    rule = CutoffRule("days_before", time(1, 30), days=1)
    # 7 November 2027 01:30 happens twice in Montreal: first at 05:30 UTC (EDT).
    assert deadline(rule, date(2027, 11, 8), "America/Montreal") == datetime(
        2027, 11, 7, 5, 30, tzinfo=UTC
    )
    rule = CutoffRule("days_before", time(2, 30), days=1)
    assert deadline(rule, date(2027, 11, 1), "Europe/Paris") == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )


def test_bad_rules_and_weekdays_are_refused_or_dropped() -> None:
    with pytest.raises(ValueError):
        CutoffRule("monthly", time(12))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        CutoffRule("weekly", time(12), weekday=8)
    assert parse_weekdays("1, 2,x,9,5") == frozenset({1, 2, 5})
