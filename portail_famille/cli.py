"""The `portail` command: migrate, demo, create-admin, import, reconcile-checkouts, outbox."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from portail_famille.config import get_settings


def _migrate(_args: argparse.Namespace) -> int:
    from portail_famille.migrations import upgrade_to_head

    upgrade_to_head()
    print("Database is up to date.")
    return 0


def _demo(_args: argparse.Namespace) -> int:
    from portail_famille.db import session_scope
    from portail_famille.services.demo import load_demo

    with session_scope() as session:
        loaded = load_demo(session)
    print("Demo data loaded." if loaded else "The database already holds data: demo not loaded.")
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    from portail_famille.db import session_scope
    from portail_famille.services.accounts import AccountError, create_admin

    password = os.environ.get("PORTAIL_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    try:
        with session_scope() as session:
            create_admin(
                session,
                email=args.email,
                display_name=args.name,
                password=password,
                organisation_slug=args.organisation,
            )
    except AccountError as error:
        messages = {
            "password.too_short": "The password must be at least 12 characters long.",
            "organisation.unknown": f"No organisation is named {args.organisation!r}.",
        }
        print(messages.get(error.code, error.code), file=sys.stderr)
        return 1
    print(f"{args.email} is an administrator of {args.organisation}.")
    return 0


def _outbox(args: argparse.Namespace) -> int:
    """The latest mail kept for an address, codes unsealed: how a demo without SMTP reads them."""
    from sqlmodel import col, select

    from portail_famille.db import session_scope
    from portail_famille.domain.codes import normalise_email
    from portail_famille.models import OutboxMail
    from portail_famille.services.mail import readable_body

    with session_scope() as session:
        rows = session.exec(
            select(OutboxMail)
            .where(OutboxMail.recipient == normalise_email(args.email))
            .order_by(col(OutboxMail.id).desc())
            .limit(args.last)
        ).all()
        for row in reversed(rows):
            print(f"{row.created_at:%Y-%m-%d %H:%M} {row.subject}\n\n{readable_body(row)}\n")
    return 0 if rows else 1


def _import(args: argparse.Namespace) -> int:
    from portail_famille.services.imports.command import import_command

    return import_command(args)


def _reconcile(_args: argparse.Namespace) -> int:
    from portail_famille.schedule import reconcile_now

    results = reconcile_now()
    print(f"{len(results)} open card checkout(s) checked with Stripe.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portail", description="Portail Famille")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply the database migrations").set_defaults(func=_migrate)
    commands.add_parser("demo", help="load the demo data into an empty database").set_defaults(
        func=_demo
    )
    admin = commands.add_parser("create-admin", help="create or promote an administrator")
    admin.add_argument("email")
    admin.add_argument("--name", default="Administrateur")
    admin.add_argument("--organisation", required=True, help="the organisation's slug")
    admin.set_defaults(func=_create_admin)
    commands.add_parser(
        "reconcile-checkouts", help="ask Stripe about card checkouts whose webhook is late"
    ).set_defaults(func=_reconcile)
    outbox = commands.add_parser("outbox", help="print the latest mail kept for an address")
    outbox.add_argument("email")
    outbox.add_argument("--last", type=int, default=1)
    outbox.set_defaults(func=_outbox)
    from portail_famille.services.imports.command import add_import_parser

    add_import_parser(commands).set_defaults(func=_import)
    args = parser.parse_args(argv)
    get_settings()  # refuses to go on with a default secret in production
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
