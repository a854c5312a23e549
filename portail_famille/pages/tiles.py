"""The tiles of the parent's home. A tile appears only once a page stands behind it.

Each tile feature adds one entry here: (id, catalogue key of its name, address).
"""

from __future__ import annotations

import reflex as rx

from portail_famille.paths import (
    ABSENCES_PAGE,
    AGENDA_PAGE,
    FINANCES_PAGE,
    MESSAGES_PAGE,
    PLANNING_PAGE,
    RECORD_PAGE,
    REQUESTS_PAGE,
    RESOURCES_PAGE,
    RESULTS_PAGE,
)
from portail_famille.state.lang import t
from portail_famille.state.planning_tile import PlanningTileState

TILES: list[tuple[str, str, str]] = [
    ("messages", "messages.tile", MESSAGES_PAGE),
    ("results", "results.tile", RESULTS_PAGE),
    ("record", "record.tile", RECORD_PAGE),
    ("resources", "resources.tile", RESOURCES_PAGE),
    ("agenda", "tile.agenda", AGENDA_PAGE),
    ("absences", "tile.absences", ABSENCES_PAGE),
    ("requests", "requests_family.tile", REQUESTS_PAGE),
    ("finances", "finances.tile", FINANCES_PAGE),
]


def tile_grid() -> rx.Component:
    return (
        rx.el.nav(
            rx.el.ul(
                *[
                    rx.el.li(
                        rx.el.a(t(label_key), href=href, class_name="tile", id=f"tile-{tile_id}")
                    )
                    for tile_id, label_key, href in TILES
                ],
                # Only for a guardian with a child registered for an activity.
                rx.cond(
                    PlanningTileState.visible,
                    rx.el.li(
                        rx.el.a(
                            t("planning.tile"),
                            href=PLANNING_PAGE,
                            class_name="tile",
                            id="tile-planning",
                        )
                    ),
                ),
                class_name="tiles",
            ),
            aria_label=t("family.tiles"),
        )
        if TILES
        else rx.fragment()
    )
