"""CSV imports from the school's student information system, and OneRoster 1.1 (issue 9).

`run_import` is the one entry point: the console, the command line and the benchmark call it.
"""

from portail_famille.services.imports.context import (
    ImportTarget,
    target_for_organisation,
    target_for_staff,
)
from portail_famille.services.imports.errors import ImportFileError, Issue
from portail_famille.services.imports.report import ImportReport, render
from portail_famille.services.imports.run import KIND_NAMES, run_import

__all__ = [
    "KIND_NAMES",
    "ImportFileError",
    "ImportReport",
    "ImportTarget",
    "Issue",
    "render",
    "run_import",
    "target_for_organisation",
    "target_for_staff",
]
