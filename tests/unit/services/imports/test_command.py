"""`portail import`: the same report as the console, in French or English, exit code 1 on errors."""

from collections.abc import Callable
from pathlib import Path

import pytest

from portail_famille.cli import main
from portail_famille.migrations import upgrade_to_head
from tests.oneroster_sets import package
from tests.unit.services.imports.conftest import SAMPLES

pytestmark = pytest.mark.db


@pytest.fixture
def demo_env(empty_database_url: str, point_portal_at: Callable[[str], None]) -> None:
    point_portal_at(empty_database_url)
    upgrade_to_head(empty_database_url)
    assert main(["demo"]) == 0


def test_dry_run_then_apply_from_the_command_line(
    demo_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    sample = str(SAMPLES / "eleves.csv")
    args = ["import", "students", sample, "--organisation", "css-mille-lacs"]
    assert main([*args, "--dry-run"]) == 0
    assert "Essai sans enregistrement" in capsys.readouterr().out
    assert main([*args, "--lang", "en"]) == 0
    assert "Students — created: 1" in capsys.readouterr().out
    assert main(args) == 0
    assert "Rien à changer" in capsys.readouterr().out
    oneroster = [
        "import",
        "oneroster",
        str(SAMPLES / "oneroster"),
        "--organisation",
        "css-mille-lacs",
    ]
    assert main(oneroster) == 0


def test_errors_give_exit_code_1_and_line_numbers(
    demo_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "eleves.csv"
    broken.write_text("numero_fiche,nom,prenom,date_naissance\n1000040,Roy,Lou,2019-13-01\n")
    assert main(["import", "students", str(broken), "--organisation", "css-mille-lacs"]) == 1
    assert "eleves.csv, ligne 2 :" in capsys.readouterr().out
    assert main(["import", "students", str(broken)]) == 2  # two organisations: say which
    assert main(["import", "students", str(broken), "--organisation", "nowhere"]) == 2


def test_a_oneroster_folder_with_a_duplicated_sourced_id_exits_1_and_says_where(
    demo_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, data in package("duplicate_sourced_id").items():
        (tmp_path / name).write_bytes(data)
    capsys.readouterr()
    args = ["import", "oneroster", str(tmp_path), "--organisation", "css-mille-lacs"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "users.csv, ligne 8, colonne sourcedId" in out and "ligne 4" in out
