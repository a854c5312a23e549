"""Stateless UI pieces: they take values and event handlers, never a State class."""
