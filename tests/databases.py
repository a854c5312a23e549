"""Fresh databases for tests: a SQLite file, or a PostgreSQL schema of its own when
PORTAIL_TEST_DATABASE_URL names a PostgreSQL server (as .ci/run does)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

_created_schemas: list[str] = []


def postgres_url() -> str | None:
    return os.environ.get("PORTAIL_TEST_DATABASE_URL") or None


def fresh_database_url(folder: Path) -> str:
    """An empty database; on PostgreSQL a new schema that the URL selects by search_path."""
    server = postgres_url()
    if server is None:
        return f"sqlite:///{folder / f'portail-{uuid.uuid4().hex[:8]}.db'}"
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    _created_schemas.append(schema)
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options={quote(f'-csearch_path={schema}')}"


def drop_created_schemas() -> None:
    server = postgres_url()
    if server is None or not _created_schemas:
        return
    engine = create_engine(server)
    # One transaction per schema: dropping dozens at once runs out of PostgreSQL's lock table.
    for schema in _created_schemas:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()
