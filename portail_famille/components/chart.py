"""A line chart as plain SVG with its own title and description, so screen readers get the data."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.domain.chart import HEIGHT, PAD_LEFT, PAD_RIGHT, WIDTH, y_for


def _gridline(percent: int) -> rx.Component:
    y = y_for(percent)
    return rx.el.svg.g(
        rx.el.svg.line(
            x1=str(PAD_LEFT),
            x2=str(WIDTH - PAD_RIGHT),
            y1=str(y),
            y2=str(y),
            class_name="chart-grid",
        ),
        rx.el.svg.text(
            f"{percent}",
            x=str(PAD_LEFT - 6),
            y=str(y + 4),
            text_anchor="end",
            class_name="chart-axis",
        ),
    )


def line_chart(
    chart_id: str, title: Any, description: Any, line: Any, dots: Any, dot_label: Any
) -> rx.Component:
    """`line` is an SVG points string, `dots` a list of {x, y}; `dot_label(dot)` names each dot."""
    return rx.el.svg(
        rx.el.svg.title(title, id=f"{chart_id}-title"),
        rx.el.svg.desc(description, id=f"{chart_id}-desc"),
        *[_gridline(p) for p in (0, 50, 100)],
        rx.el.svg.polyline(points=line, class_name="chart-line"),
        rx.foreach(
            dots,
            lambda dot: rx.el.svg.circle(
                rx.el.svg.title(dot_label(dot)), cx=dot.x, cy=dot.y, r="4", class_name="chart-dot"
            ),
        ),
        view_box=f"0 0 {WIDTH} {HEIGHT}",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        class_name="chart",
        id=chart_id,
    )
