"""The invoicing state: what "Émettre" issues (the month previewed, its fingerprint) stays on the
server, no automatic setter lets the page change it, and helpers are not events."""

import portail_famille.portail_famille  # noqa: F401  (registers every page and state)
from portail_famille.state.planning_billing import PlanningBillingState


def test_the_previewed_month_and_its_fingerprint_never_reach_the_page() -> None:
    for hidden in ("_month", "_fingerprint"):
        assert hidden in PlanningBillingState.__annotations__
        assert hidden not in PlanningBillingState.vars
        assert hidden not in PlanningBillingState.base_vars


def test_only_preview_and_issue_are_events() -> None:
    own = {name for name in PlanningBillingState.event_handlers if not name.startswith("set_")}
    assert {"preview", "issue"} <= own
    assert not [name for name in PlanningBillingState.event_handlers if name.startswith("set_")]
    assert not {"_show", "_preview", "_who", "_clear"} & set(PlanningBillingState.event_handlers)
