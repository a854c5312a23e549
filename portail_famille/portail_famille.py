"""The Reflex app: pages, their on-load checks, and the HTTP routes beside them."""

from __future__ import annotations

import reflex as rx

from portail_famille.api.http_guard import HttpGuard
from portail_famille.api.routes import create_api
from portail_famille.config import get_settings
from portail_famille.pages.account import link_child_page, password_reset_page, sign_up_page
from portail_famille.pages.agenda_routes import register as register_agenda_and_absences
from portail_famille.pages.console import console_home
from portail_famille.pages.family import family_home
from portail_famille.pages.finances_routes import register as register_finances
from portail_famille.pages.imports import register as register_imports
from portail_famille.pages.messages_routes import register as register_messages
from portail_famille.pages.payments_routes import register as register_payments
from portail_famille.pages.planning_routes import register as register_planning
from portail_famille.pages.public import public_home
from portail_famille.pages.records_admin_routes import register as register_records_and_admin
from portail_famille.pages.requests_family_routes import register as register_family_requests
from portail_famille.pages.requests_routes import register as register_requests
from portail_famille.pages.results_routes import register as register_results_and_record
from portail_famille.pages.second_factor import (
    second_factor_settings_page,
    second_factor_sign_in_page,
)
from portail_famille.pages.settings import settings_page
from portail_famille.pages.signin import sign_in_page
from portail_famille.pages.staff_routes import register as register_staff_and_help
from portail_famille.paths import (
    GUARDIAN_HOME,
    LINK_CHILD_PAGE,
    PASSWORD_RESET_PAGE,
    PUBLIC_HOME,
    SECOND_FACTOR_PAGE,
    SECOND_FACTOR_SETTINGS,
    SETTINGS_PAGE,
    SIGN_IN_PAGE,
    SIGN_UP_PAGE,
    STAFF_HOME,
)
from portail_famille.schedule import reconcile_forever
from portail_famille.state.calendar_feed import CalendarFeedState
from portail_famille.state.children import ChildSelectionState
from portail_famille.state.console import ConsoleState
from portail_famille.state.event_limits import EVENT_LIMITER
from portail_famille.state.family import FamilyHomeState
from portail_famille.state.link_child import LinkChildState
from portail_famille.state.password_reset import PasswordResetState
from portail_famille.state.planning_tile import PlanningTileState
from portail_famille.state.public import PublicHomeState
from portail_famille.state.second_factor import (
    SecondFactorSettingsState,
    SecondFactorSignInState,
)
from portail_famille.state.session import SessionState
from portail_famille.state.settings import SettingsState
from portail_famille.state.signin import SignInState
from portail_famille.state.signup import SignUpState
from portail_famille.state.tab_guard import TabGuard
from portail_famille.state.tab_storage import secure_state_folder

settings = get_settings()  # refuses to start in production with a default secret

app = rx.App(
    html_lang=settings.default_locale,
    stylesheets=["/styles.css"],
    head_components=[
        rx.el.meta(name="theme-color", content="#1d4e89"),
        rx.el.script(src="/signals.js", defer=True),
    ],
    api_transformer=[create_api(), HttpGuard],
)
# Checkout Sessions whose webhook is late are asked of Stripe every two minutes (schedule.py).
app.register_lifespan_task(reconcile_forever)
# Before every event: reset a tab whose states another user filled, refuse malformed calls.
app.add_middleware(TabGuard(), index=0)
secure_state_folder()
# Then a bound on events per tab and per address (state/event_limits.py).
app.add_middleware(EVENT_LIMITER)

TITLE = "Portail Famille"
app.add_page(
    public_home, route=PUBLIC_HOME, title=TITLE, on_load=[SessionState.load, PublicHomeState.load]
)
app.add_page(sign_in_page, route=SIGN_IN_PAGE, title=TITLE, on_load=SignInState.load)
app.add_page(
    family_home,
    route=GUARDIAN_HOME,
    title=TITLE,
    on_load=[ChildSelectionState.load, FamilyHomeState.load, PlanningTileState.load],
)
app.add_page(
    sign_up_page, route=SIGN_UP_PAGE, title=TITLE, on_load=[SessionState.load, SignUpState.load]
)
app.add_page(
    password_reset_page,
    route=PASSWORD_RESET_PAGE,
    title=TITLE,
    on_load=[SessionState.load, PasswordResetState.load],
)
app.add_page(link_child_page, route=LINK_CHILD_PAGE, title=TITLE, on_load=LinkChildState.load)
app.add_page(
    settings_page,
    route=SETTINGS_PAGE,
    title=TITLE,
    on_load=[SettingsState.load, CalendarFeedState.load],
)
app.add_page(
    console_home,
    route=STAFF_HOME,
    title=TITLE,
    on_load=ConsoleState.load,
)
app.add_page(
    second_factor_sign_in_page,
    route=SECOND_FACTOR_PAGE,
    title=TITLE,
    on_load=SecondFactorSignInState.load,
)
app.add_page(
    second_factor_settings_page,
    route=SECOND_FACTOR_SETTINGS,
    title=TITLE,
    on_load=SecondFactorSettingsState.load,
)
register_staff_and_help(app)
register_imports(app)
register_messages(app)
register_results_and_record(app)
register_agenda_and_absences(app)
register_family_requests(app)
register_requests(app)
register_records_and_admin(app)
register_planning(app)
register_payments(app)
register_finances(app)
