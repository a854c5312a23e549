"""A line chart's geometry for marks over a year, in an SVG's own coordinates (no chart library)."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320
HEIGHT = 160
PAD_LEFT = 32
PAD_RIGHT = 12
PAD_Y = 12


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float


def y_for(percent: float) -> float:
    """0 % at the bottom, 100 % at the top of the plotting area."""
    clamped = max(0.0, min(100.0, percent))
    return round(HEIGHT - PAD_Y - clamped / 100 * (HEIGHT - 2 * PAD_Y), 1)


def chart_points(percents: list[float]) -> list[ChartPoint]:
    """Points spread evenly left to right in date order; one mark sits in the middle."""
    if not percents:
        return []
    span = WIDTH - PAD_LEFT - PAD_RIGHT
    if len(percents) == 1:
        return [ChartPoint(PAD_LEFT + span / 2, y_for(percents[0]))]
    step = span / (len(percents) - 1)
    return [ChartPoint(round(PAD_LEFT + i * step, 1), y_for(p)) for i, p in enumerate(percents)]


def polyline(points: list[ChartPoint]) -> str:
    return " ".join(f"{p.x},{p.y}" for p in points)
