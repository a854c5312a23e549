"""Random files through the whole import: never an exception, never half a write."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from tests.unit.services.imports.conftest import counts, run

pytestmark = pytest.mark.db

CELLS = st.text(alphabet=st.sampled_from(list(';,"\n 0123456789-/aéZ@.')), max_size=400)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["students", "guardians", "enrolments", "oneroster"]),
    body=st.one_of(CELLS.map(str.encode), st.binary(max_size=400)),
)
def test_random_files_never_raise_and_never_half_write(
    engine: Engine, kind: str, body: bytes
) -> None:
    header = {
        "students": b"numero_fiche;nom;prenom;date_naissance;ecole\n",
        "guardians": b"nom;prenom;courriel;fiche_enfant\n",
        "enrolments": b"numero_fiche;ecole\n",
        "oneroster": b"",
    }[kind]
    before = counts(engine)
    report = run(engine, kind, {"fuzz.csv": header + body})
    if not report.ok:
        assert counts(engine) == before
