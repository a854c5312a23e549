"""Issue 15, item 1, the pure moves: one sub-package per feature in services/, state/, pages/ and
their unit tests, with the feature prefix gone from the file names.

Run from the root of a clean checkout: `python tools/house_moves.py`. It
  1. checks that every module of the flat folders is in the table below (and stops otherwise:
     a module added on main since must get its line in the table first);
  2. `git mv`s each file to its new place and writes the new packages' `__init__.py` (a docstring
     only: no re-exports in this step);
  3. rewrites the imports of every tracked .py file: dotted names (`portail_famille.services.x`,
     in imports, strings, patch targets) by the table, and `from portail_famille.services import x`
     into `from portail_famille.services.<feature> import <leaf> as x`, so no name in a module
     body changes;
  4. makes the few edits a table cannot: the request categories' loader (it imports modules by
     name pattern), `Path(__file__).parents[n]` of files that moved one folder deeper;
  5. updates the paths README.md and docs/*.md mention, by the same table;
  6. sorts the touched imports (`ruff check --fix --select I`) and formats the touched files.
It commits nothing: review `git status`, run the checks, then commit.

Left flat on purpose: `models/` (one module per feature already, 26 files, and the migrations
import `portail_famille.models.base`), `api/` (17 routes files, one per feature or cross-cutting),
`domain/`, `components/`, `i18n/`; `services/imports/` is already a package and keeps its layout;
tests/api and tests/e2e keep one file per feature. Top level unchanged: `portail_famille/`,
`portail_famille/portail_famille.py` (the Reflex app), `pages/`, `state/`, `assets/`, `alembic/`,
`tests/`, `rxconfig.py`, `pyproject.toml`. Locales and assets do not move.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

# The features, and what `core` holds in each layer (the docstring of each new `__init__.py`).
FEATURES = {
    "accounts": "Accounts: sign-in, sessions, tickets, passwords, second factor, known devices, "
    "OpenID Connect, account settings, staff accounts and invitations.",
    "records": "Records: the child's and the family's records, families, record search, photos, "
    "the yearly confirmation, linking a child to an account and the access-code letters.",
    "school": "School life: agenda, absences, results, report cards, the calendar feed.",
    "messaging": "Messaging: threads, broadcasts, news and resources, the help and contact form.",
    "requests": "Requests: the family's requests, their categories, the staff's queue and "
    "decisions.",
    "finances": "Finances: invoices, statements, payments, receipts, card checkout, overpayments, "
    "credits, the accounting export.",
    "planning": "Planning: activities, bookings, late bookings, monthly invoicing of bookings.",
    "organisation": "The organisation: its schools, its settings, the school year and the "
    "re-enrolment period.",
    "imports": "Imports: the OneRoster import screen.",
    "audit": "The audit log: recording, reading, words and the CSV export.",
    "demo": "Demo data: the organisations, families and scenarios of the demo.",
    "core": "Shared by every feature: permissions, mail, PDF, sealing, throttling, local time, "
    "paging, CSV cells, numbering, double-submit guards.",
}
STATE_CORE = (
    "Shared by every feature's states: the session, the language, page signals, the tab guard "
    "and event checks, the home and console frames."
)
PAGES_CORE = (
    "Shared by every feature's pages: the header, the home and console frames, tiles, counts."
)

# old stem -> feature/new stem, per flat folder. Reviewable: one line per file, nothing guessed.
SERVICES = """
absences school/absences
absences_staff school/absences_staff
access core/access
account_settings accounts/settings
accounting_export finances/accounting_export
accounts accounts/portal_accounts
agenda school/agenda
attachment_consent records/attachment_consent
attachments messaging/attachments
audit audit/log
audit_csv audit/csv_export
audit_log audit/reading
audit_words audit/words
bookings planning/bookings
broadcast messaging/broadcast
calendar_feed school/calendar_feed
card_checkout finances/card_checkout
card_events finances/card_events
card_sync finances/card_sync
child_photos records/photos
child_sheet_pdf records/child_sheet_pdf
csv_cells core/csv_cells
demo demo/seed
demo_agenda demo/agenda
demo_finances demo/finances
demo_messages demo/messages
demo_planning demo/planning
demo_records_admin demo/records_admin
demo_requests demo/requests
demo_results demo/results
demo_results_data demo/results_data
demo_second_factor demo/second_factor
documents core/documents
enrolment_period organisation/enrolment_period
families records/families
family_balances finances/family_balances
family_credit finances/family_credit
family_places records/family_places
finance_documents finances/documents
finance_mail finances/mail
finance_pdf finances/pdf
health core/health
help messaging/help
invoice_views finances/invoice_views
invoices finances/invoices
known_devices accounts/known_devices
letters records/letters
letters_pdf records/letters_pdf
linking records/linking
local_time core/local_time
mail core/mail
messaging messaging/threads
news messaging/news
numbering core/numbering
oidc accounts/oidc
oidc_accounts accounts/oidc_accounts
oidc_logins accounts/oidc_logins
organisation_settings organisation/settings
overpayment_notify finances/overpayment_notify
overpayments finances/overpayments
paging core/paging
password_policy accounts/password_policy
passwords accounts/passwords
payer finances/payer
payments finances/payments
payments_staff finances/payments_staff
pdf core/pdf
pending_requests requests/pending
placement records/placement
planning_catalog planning/catalog
planning_family planning/family
planning_invoicing planning/invoicing
planning_late planning/late
planning_notify planning/notify
planning_policy planning/policy
planning_preview planning/preview
planning_settings planning/settings
planning_staff planning/staff
planning_views planning/views
publications messaging/publications
receipt_mail finances/receipt_mail
receipts finances/receipts
receipts_pdf finances/receipts_pdf
records records/guardian_view
records_confirmation records/confirmation
records_search records/search
recovery_codes accounts/recovery_codes
report_card_pdf school/report_card_pdf
request_categories_activity requests/categories_activity
request_categories_child requests/categories_child
request_categories_enrolment requests/categories_enrolment
request_categories_family requests/categories_family
request_decisions requests/decisions
request_documents requests/documents
request_notify requests/notify
request_queue requests/queue
request_registry requests/registry
request_views requests/views
requests requests/family
results school/results
school_years organisation/school_years
schools organisation/schools
sealing core/sealing
second_factor accounts/second_factor
sessions accounts/sessions
signup accounts/signup
staff accounts/staff
staff_access accounts/staff_access
staff_child_record records/staff_child_record
staff_invitations accounts/staff_invitations
staff_providers accounts/staff_providers
statement_access finances/statement_access
statement_batch finances/statement_batch
statements finances/statements
submissions core/submissions
thread_access messaging/thread_access
throttle core/throttle
tickets accounts/tickets
verification accounts/verification
"""

STATE = """
absences school/absences
absences_console school/absences_console
agenda school/agenda
audit_views audit/views
calendar_feed school/calendar_feed
children core/children
code_flow accounts/code_flow
console core/console
console_nav core/console_nav
enrolment_period organisation/enrolment_period
event_arguments core/event_arguments
event_limits core/event_limits
family core/family
finances finances/tile
finances_console finances/console
form_values core/form_values
help messaging/help
home_due core/home_due
imports imports/console
inbox messaging/inbox
invitation accounts/invitation
lang core/lang
link_child records/link_child
message_views messaging/message_views
messages messaging/messages
organisation_settings organisation/settings
password_reset accounts/password_reset
payment_rows finances/payment_rows
payments finances/payments
payments_console finances/payments_console
planning planning/tile
planning_billing planning/billing
planning_console planning/console
planning_settings planning/settings
planning_tile planning/home_tile
planning_views planning/views
public core/public
publications messaging/publications
record records/record
request_console requests/console
request_form requests/form
request_form_views requests/form_views
request_views requests/views
requests requests/tile
resources messaging/resources
results school/results
schools organisation/schools
second_factor accounts/second_factor
session core/session
settings accounts/settings
signals core/signals
signin accounts/signin
signin_providers accounts/signin_providers
signup accounts/signup
staff_admin accounts/staff_admin
staff_child records/staff_child
staff_messages messaging/staff_messages
staff_records records/staff_records
submission_token core/submission_token
tab_guard core/tab_guard
tab_storage core/tab_storage
thread_view messaging/thread_view
"""

PAGES = """
absence_fields school/absence_fields
absences school/absences
absences_console school/absences_console
account accounts/account
agenda school/agenda
agenda_routes school/agenda_routes
audit_log audit/log
calendar_feed school/calendar_feed
catalogue_text core/catalogue_text
child_switcher core/child_switcher
code_flow accounts/code_flow
common core/common
console core/console
console_nav core/console_nav
contact_form messaging/contact_form
counts core/counts
family core/family
finances finances/tile
finances_console finances/console
finances_routes finances/routes
help messaging/help
home_due core/home_due
imports imports/console
inbox messaging/inbox
invitation accounts/invitation
message_parts messaging/parts
messages messaging/messages
messages_routes messaging/routes
organisation_settings organisation/settings
payments finances/payments
payments_console finances/payments_console
payments_routes finances/payments_routes
planning planning/tile
planning_billing planning/billing
planning_console planning/console
planning_routes planning/routes
planning_settings planning/settings
public core/public
publications messaging/publications
record records/record
record_viewers records/viewers
records_admin_routes records/admin_routes
records_common records/common
request_console requests/console
request_files requests/files
request_form requests/form
requests requests/tile
requests_family_routes requests/family_routes
requests_routes requests/routes
resources messaging/resources
results school/results
results_routes school/results_routes
schools_card organisation/schools_card
second_factor accounts/second_factor
settings accounts/settings
signin accounts/signin
signin_providers accounts/signin_providers
staff_admin accounts/staff_admin
staff_child records/staff_child
staff_forms accounts/staff_forms
staff_messages messaging/staff_messages
staff_records records/staff_records
staff_routes accounts/staff_routes
tiles core/tiles
"""

# The service tests mirror services/; fixture modules shared by several features stay put.
TESTS_SERVICES = """
test_absences school/test_absences
test_absences_staff school/test_absences_staff
test_access core/test_access
test_account_enumeration accounts/test_account_enumeration
test_account_settings accounts/test_settings
test_audit_kinds audit/test_kinds
test_audit_log audit/test_reading
test_bookings_concurrency planning/test_bookings_concurrency
test_broadcast messaging/test_broadcast
test_calendar_feed school/test_calendar_feed
test_csv_cells core/test_csv_cells
test_demo demo/test_seed
test_double_submits core/test_double_submits
test_double_submits_concurrent core/test_double_submits_concurrent
test_families records/test_families
test_family_balances finances/test_family_balances
test_finance_mail finances/test_mail
test_finance_pdf finances/test_pdf
test_help messaging/test_help
test_invoices finances/test_invoices
test_letters records/test_letters
test_linking records/test_linking
test_local_time core/test_local_time
test_mail core/test_mail
test_messaging messaging/test_threads
test_numbering core/test_numbering
test_numbering_concurrency core/test_numbering_concurrency
test_oidc_id_token accounts/test_oidc_id_token
test_oidc_logins accounts/test_oidc_logins
test_organisation_settings organisation/test_settings
test_outbox_sealing core/test_outbox_sealing
test_password_policy accounts/test_password_policy
test_payments finances/test_payments
test_payments_access finances/test_payments_access
test_pdf_cache core/test_pdf_cache
test_pending_requests requests/test_pending
test_planning_family planning/test_family
test_planning_invoicing planning/test_invoicing
test_planning_invoicing_concurrency planning/test_invoicing_concurrency
test_planning_invoicing_runs planning/test_invoicing_runs
test_planning_late planning/test_late
test_planning_settings planning/test_settings
test_publications messaging/test_publications
test_receipt_mail finances/test_receipt_mail
test_receipts_split finances/test_receipts_split
test_records records/test_guardian_view
test_records_confirmation records/test_confirmation
test_records_search records/test_search
test_request_categories requests/test_categories
test_request_decisions requests/test_decisions
test_requests requests/test_family
test_results school/test_results
test_schools organisation/test_schools
test_second_factor accounts/test_second_factor
test_second_factor_concurrency accounts/test_second_factor_concurrency
test_sessions accounts/test_sessions
test_signup accounts/test_signup
test_staff accounts/test_staff
test_staff_child_record records/test_staff_child_record
test_staff_invitations accounts/test_staff_invitations
test_staff_providers accounts/test_staff_providers
test_staff_roles accounts/test_staff_roles
test_statement_batch finances/test_statement_batch
test_statements finances/test_statements
test_throttle core/test_throttle
test_tickets accounts/test_tickets
test_true_counts core/test_true_counts
test_verification accounts/test_verification
"""

# The state tests of one feature go with it; the rules over every state (test_event_arguments
# fuzzes every handler) and the harness stay put.
TESTS_STATE = """
test_planning_billing_state planning/test_billing_state
test_records_admin_states records/test_admin_states
test_request_console_state requests/test_console_state
test_request_form_views requests/test_form_views
test_results_record_state school/test_results_record_state
test_tab_guard core/test_tab_guard
test_tab_storage core/test_tab_storage
"""

# folder -> (its table, the modules that stay in it)
FOLDERS: dict[str, tuple[str, set[str]]] = {
    "portail_famille/services": (SERVICES, {"__init__"}),
    "portail_famille/state": (STATE, {"__init__"}),
    "portail_famille/pages": (PAGES, {"__init__"}),
    "tests/unit/services": (
        TESTS_SERVICES,
        {
            "__init__",
            "conftest",
            "agenda_fixtures",
            "records_admin_fixtures",
            "request_fixtures",
            "staff_fixtures",
        },
    ),
    "tests/unit/state": (
        TESTS_STATE,
        {
            "__init__",
            "conftest",
            "reflex_events",
            "tab_fixtures",
            "test_event_arguments",
            "test_state_rules",
            "test_staff_state_rules",
        },
    ),
}

LAYER_DOCS = {"services": "Use cases", "state": "Thin Reflex states", "pages": "Pages"}

# Markdown files whose path mentions follow the table.
DOCS = ["README.md", "docs/*.md"]


def run(*args: str) -> str:
    # git and ruff, with paths from git itself
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout  # noqa: S603


def table(text: str) -> dict[str, str]:
    rows = {}
    for line in text.strip().splitlines():
        old, new = line.split()
        assert old not in rows, f"twice in the table: {old}"
        rows[old] = new
    return rows


def plan() -> dict[str, str]:
    """old path -> new path, for every file that moves; stops on a module the table misses."""
    moves: dict[str, str] = {}
    missing: list[str] = []
    for folder, (text, stays) in FOLDERS.items():
        rows = table(text)
        present = {p.stem for p in Path(folder).glob("*.py")}
        unmapped = sorted(present - set(rows) - stays)
        gone = sorted(set(rows) - present)
        missing += [f"{folder}/{stem}.py (not in the table)" for stem in unmapped]
        missing += [f"{folder}/{stem}.py (in the table, not in the tree)" for stem in gone]
        for old, new in rows.items():
            moves[f"{folder}/{old}.py"] = f"{folder}/{new}.py"
    targets = list(moves.values())
    dupes = {t for t in targets if targets.count(t) > 1}
    if missing or dupes:
        sys.exit("house_moves: fix the table first:\n  " + "\n  ".join(missing + sorted(dupes)))
    return moves


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def init_doc(package: Path) -> str:
    """What a new package's `__init__.py` says: a docstring, nothing else in this step."""
    layer, feature = package.parts[-2], package.parts[-1]
    if package.parts[0] == "tests":
        return ""  # like the test packages there already
    if feature == "core":
        summary = f"{LAYER_DOCS[layer]} shared by every feature."
        body = {"services": FEATURES["core"], "state": STATE_CORE, "pages": PAGES_CORE}[layer]
    else:
        summary, body = f"{LAYER_DOCS[layer]} of the {feature} feature.", FEATURES[feature]
    return f'"""{summary}\n\n{textwrap.fill(body, 96)}\n"""\n'


def move(moves: dict[str, str]) -> list[str]:
    created = []
    for new in sorted({str(Path(n).parent) for n in moves.values()}):
        package = Path(new)
        package.mkdir(exist_ok=True)
        init = package / "__init__.py"
        if not init.exists():
            init.write_text(init_doc(package))
            created.append(str(init))
    for old, new in moves.items():
        run("git", "mv", old, new)
    run("git", "add", *created)
    return created


def rewrite_dotted(text: str, names: dict[str, str]) -> str:
    """One pass, longest name first, so a new name is never rewritten again."""
    pattern = re.compile(
        r"(?<![\w.])("
        + "|".join(re.escape(o) for o in sorted(names, key=len, reverse=True))
        + r")(?!\w)"
    )
    return pattern.sub(lambda m: names[m.group(1)], text)


def rewrite_from_package(text: str, names: dict[str, str], packages: set[str]) -> str:
    """`from portail_famille.services import audit` -> `from <...>.audit import log as audit`."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    edits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in packages):
            continue
        moved: list[ast.alias] = []
        kept: list[ast.alias] = []
        end = node.end_lineno or node.lineno
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            (moved if full in names else kept).append(alias)
        if not moved:
            continue
        indent = " " * node.col_offset
        last = lines[end - 1]
        comment = last[last.index("#") :].rstrip("\n") if "#" in last else ""
        out = []
        for alias in moved:
            parent, leaf = names[f"{node.module}.{alias.name}"].rsplit(".", 1)
            local = alias.asname or alias.name
            out.append(f"from {parent} import {leaf}" + ("" if local == leaf else f" as {local}"))
        if kept:
            out.append(
                f"from {node.module} import "
                + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in kept)
            )
        if comment:
            out[0] += f"  {comment}"
        edits.append((node.lineno, end, "".join(f"{indent}{o}\n" for o in out)))
    for start, end, new in sorted(edits, reverse=True):
        lines[start - 1 : end] = [new]
    return "".join(lines)


def deeper_parents(text: str, levels: int) -> str:
    """`Path(__file__).resolve().parents[3]` of a file now `levels` folders deeper."""
    return re.sub(
        r"(Path\(__file__\)\.resolve\(\)\.parents\[)(\d+)\]",
        lambda m: f"{m.group(1)}{int(m.group(2)) + levels}]",
        text,
    )


# The category registry imports request_categories_*.py by name: it now looks in requests/.
LOADER = [
    ("services/request_categories_*.py: each", "services/requests/categories_*.py: each"),
    (
        "import portail_famille.services as services\n",
        "import portail_famille.services.requests as requests_package\n",
    ),
    ("iter_modules(services.__path__)", "iter_modules(requests_package.__path__)"),
    ('startswith("request_categories_")', 'startswith("categories_")'),
    (
        'import_module(f"portail_famille.services.{module.name}")',
        'import_module(f"portail_famille.services.requests.{module.name}")',
    ),
]
SPECIAL = {"portail_famille/services/requests/registry.py": LOADER}


def rewrite_sources(moves: dict[str, str]) -> list[str]:
    names = {dotted(o): dotted(n) for o, n in moves.items()}
    packages = {dotted(folder) for folder in FOLDERS}
    new_of = {n: o for o, n in moves.items()}
    touched = []
    for path in run("git", "ls-files", "*.py").split():
        if path == "tools/house_moves.py":
            continue
        before = Path(path).read_text()
        text = rewrite_from_package(rewrite_dotted(before, names), names, packages)
        if path in new_of:
            levels = len(Path(path).parts) - len(Path(new_of[path]).parts)
            text = deeper_parents(text, levels)
        for old, new in SPECIAL.get(path, []):
            if old not in text:
                sys.exit(f"house_moves: {path} changed on main, redo its special edit by hand")
            text = text.replace(old, new)
        if text != before:
            Path(path).write_text(text)
            touched.append(path)
    return touched


def rewrite_mentions(moves: dict[str, str]) -> tuple[list[str], list[str]]:
    """Paths in prose: `services/request_decisions.py` (with or without `portail_famille/`, with
    or without `.py`) -> the new path, in README.md, docs/*.md and the comments and docstrings of
    the code. A code line it would take past 100 characters is left for a person (returned)."""
    short = {}
    for old, new in moves.items():
        short[old.removeprefix("portail_famille/").removesuffix(".py")] = new.removeprefix(
            "portail_famille/"
        ).removesuffix(".py")
    short["services/request_categories_*"] = "services/requests/categories_*"
    pattern = re.compile(
        r"(?<![\w/])((?:portail_famille/)?)("
        + "|".join(re.escape(o) for o in sorted(short, key=len, reverse=True))
        + r")(?![\w*/])"
    )
    code = [p for p in run("git", "ls-files", "*.py").split() if p != "tools/house_moves.py"]
    docs = [str(p) for glob in DOCS for p in sorted(Path().glob(glob))]
    touched, by_hand = [], []
    for path in docs + code:
        before = Path(path).read_text()
        lines = before.splitlines(keepends=True)
        for n, line in enumerate(lines):
            new = pattern.sub(lambda m: m.group(1) + short[m.group(2)], line)
            if path.endswith(".py") and new != line and len(new.rstrip("\n")) > 100:
                by_hand.append(f"{path}:{n + 1}: {line.strip()}")
                continue
            lines[n] = new
        text = "".join(lines)
        if text != before:
            Path(path).write_text(text)
            touched.append(path)
    return touched, by_hand


def report(moves: dict[str, str], seconds: float) -> None:
    print(f"files moved: {len(moves)}")
    counts: dict[str, int] = {}
    for path in run("git", "ls-files", "portail_famille/*.py", "tests/*.py").split():
        package = str(Path(path).parent)
        counts[package] = counts.get(package, 0) + 1
    for package in sorted(counts):
        print(f"  {counts[package]:4d}  {package}")
    lengths = sorted(
        len(Path(p).read_text().splitlines())
        for p in run("git", "ls-files", "portail_famille/*.py").split()
        if not p.endswith("__init__.py")
    )
    print(f"median length of portail_famille/ modules (no __init__): {lengths[len(lengths) // 2]}")
    print(f"wall time: {seconds:.1f} s")


def main() -> None:
    start = time.monotonic()
    if run("git", "status", "--porcelain", "--untracked-files=no").strip():
        sys.exit("house_moves: the checkout has uncommitted changes; run it on a clean one")
    moves = plan()
    created = move(moves)
    touched = rewrite_sources(moves)
    mentioned, by_hand = rewrite_mentions(moves)
    touched = list(dict.fromkeys(touched + mentioned))
    python = [p for p in dict.fromkeys(touched + created) if p.endswith(".py")]
    ruff = [shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"]
    run(*ruff, "check", "--fix", "--select", "I", "--quiet", *python)
    run(*ruff, "format", "--quiet", *python)
    run("git", "add", "-A", "portail_famille", "tests")
    run("git", "add", *touched)
    report(moves, time.monotonic() - start)
    if by_hand:
        print("path mentions left as they were (the new path would pass 100 characters):")
        print("\n".join(f"  {line}" for line in by_hand))


if __name__ == "__main__":
    main()
