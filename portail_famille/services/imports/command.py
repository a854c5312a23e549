"""`portail import KIND FILE [--organisation SLUG] [--dry-run] [--full] [--lang en]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from portail_famille.i18n.catalog import translate
from portail_famille.models import Organisation
from portail_famille.services.imports.context import target_for_organisation
from portail_famille.services.imports.report import render
from portail_famille.services.imports.run import KIND_NAMES, run_import


def add_import_parser(commands: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "import", help="import a CSV file (or a OneRoster .zip or folder); prints the report"
    )
    parser.add_argument("kind", choices=KIND_NAMES)
    parser.add_argument("file", type=Path)
    parser.add_argument("--organisation", help="the organisation's slug (needed if several)")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument(
        "--full", action="store_true", help="the file lists every student: deactivate the others"
    )
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    return parser


def read_files(path: Path) -> dict[str, bytes]:
    """One file, or every CSV of a folder (OneRoster unzipped)."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}
    return {path.name: path.read_bytes()}


def import_command(args: argparse.Namespace) -> int:
    from portail_famille.db import get_engine

    language = args.lang
    with Session(get_engine(), expire_on_commit=False) as session:
        slug = args.organisation
        if slug is None:
            slugs = list(session.exec(select(Organisation.slug).order_by(col(Organisation.slug))))
            if len(slugs) != 1:
                text = translate(
                    language, "imports.cli.choose_organisation", slugs=", ".join(slugs)
                )
                print(text, file=sys.stderr)
                return 2
            slug = slugs[0]
        target = target_for_organisation(session, slug)
        if target is None:
            print(
                translate(language, "imports.cli.unknown_organisation", slug=slug), file=sys.stderr
            )
            return 2
        report = run_import(
            session,
            target,
            args.kind,
            read_files(args.file),
            dry_run=args.dry_run,
            full=args.full,
        )
    print(render(report, language))
    return 0 if report.ok else 1
