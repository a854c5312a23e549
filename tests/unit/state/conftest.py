"""Fixtures of the state tests that drive tabs through Reflex's event processing."""

from tests.unit.state.tab_fixtures import tab_database_url, tab_db

__all__ = ["tab_database_url", "tab_db"]
