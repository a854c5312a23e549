"""Imports N students (default 50,000) and their guardians into a temporary SQLite database and
prints the time and peak memory of each import.

    .venv/bin/python benchmarks/import_students.py [N] [--trace]
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.services.demo import load_demo
from portail_famille.services.imports import render, run_import, target_for_organisation

FIRST = ["Léa", "Émile", "Zoé", "Noah", "Chloé", "Félix", "Alice", "Thomas", "Inès", "Hugo"]
TRACE = "--trace" in sys.argv
LAST = ["Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Lavoie", "Fortin", "Gauthier"]


def students_csv(count: int) -> bytes:
    lines = ["numero_fiche;nom;prenom;date_naissance;ecole;niveau;groupe;actif"]
    for n in range(count):
        born = date(2010, 1, 1) + timedelta(days=random.randrange(4000))
        school = "001" if n % 2 else "002"
        lines.append(
            f"{3000000 + n};{random.choice(LAST)};{random.choice(FIRST)};{born.isoformat()};"
            f"{school};{n % 6 + 1}e année;{n % 30}"
        )
    return ("\n".join(lines) + "\n").encode()


def guardians_csv(count: int) -> bytes:
    lines = ["id_repondant;nom;prenom;courriel;foyer;fiche_enfant;lien;payeur"]
    for n in range(count):
        last = random.choice(LAST)
        lines.append(f"G{n};{last};Marie;g{n}@example.org;F{n};{3000000 + n};mère;oui")
    return ("\n".join(lines) + "\n").encode()


def measure(label: str, engine, kind: str, data: bytes) -> None:
    if TRACE:
        tracemalloc.start()  # about doubles the time: Python allocations are all counted
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        target = target_for_organisation(session, "css-mille-lacs")
        assert target is not None
        report = run_import(session, target, kind, {f"{kind}.csv": data}, dry_run=False)
    elapsed = time.perf_counter() - started
    assert report.applied, render(report, "en")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {report.rows} rows in {elapsed:.1f} s, process peak RSS so far {rss:.0f} MiB")
    if TRACE:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  peak Python allocations during the import: {peak / 2**20:.0f} MiB")
    print("  " + render(report, "en").splitlines()[1])


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    count = int(numbers[0]) if numbers else 50_000
    random.seed(9)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        upgrade_to_head(url)
        engine = make_engine(url)
        with Session(engine) as session:
            load_demo(session)
            session.commit()
        students, guardians = students_csv(count), guardians_csv(count)
        sizes = f"{len(students) / 2**20:.1f} MiB, guardians {len(guardians) / 2**20:.1f} MiB"
        print(f"{count} students: {sizes}")
        measure("students", engine, "students", students)
        measure("guardians", engine, "guardians", guardians)
        measure("students again (no change)", engine, "students", students)
        engine.dispose()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS: {peak_rss:.0f} MiB")


if __name__ == "__main__":
    main()
