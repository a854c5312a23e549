from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete

from portail_famille.models import ThrottleEvent


@pytest.fixture(autouse=True)
def no_past_failures(demo_engine: Engine) -> Iterator[None]:
    """Each test starts with no failed guesses on record, so throttling is what it tests."""
    with Session(demo_engine) as session:
        session.exec(delete(ThrottleEvent))
        session.commit()
    yield
