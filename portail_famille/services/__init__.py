"""Use cases as plain functions over a SQLModel session. Never import reflex here."""
