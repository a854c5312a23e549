"""What an import would do (or did): counts per kind of record, a few examples, every error."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from portail_famille.i18n.catalog import translate
from portail_famille.services.imports.errors import Issue

ENTITIES = (
    "school",
    "school_year",
    "family",
    "guardian",
    "email",
    "child",
    "enrolment",
    "link",
    "subject",
    "mark",
    "absence",
    "period",
)
ACTIONS = ("create", "change", "deactivate")
MAX_SAMPLES = 30
MAX_ISSUES = 500  # past that, a count: a broken export repeats the same error on every line


@dataclass(frozen=True)
class Sample:
    entity: str
    action: str
    label: str


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    issue_count: int = 0
    applied: bool = False

    @property
    def ok(self) -> bool:
        return self.issue_count == 0

    @property
    def changes(self) -> int:
        return sum(self.counts.values())

    def note(self, entity: str, action: str, label: str) -> None:
        self.counts[(entity, action)] += 1
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append(Sample(entity, action, label))

    def add(self, issue: Issue) -> None:
        self.issue_count += 1
        if len(self.issues) < MAX_ISSUES:
            self.issues.append(issue)

    def error(self, file: str, line: int, key: str, **params: object) -> None:
        self.add(Issue(file, line, key, {k: str(v) for k, v in params.items()}))


def issue_text(issue: Issue, language: str) -> str:
    message = translate(language, issue.key, **issue.params)
    if issue.column and issue.line > 1:
        return translate(
            language,
            "imports.report.cell_issue",
            file=issue.file,
            line=issue.line,
            column=issue.column,
            message=message,
        )
    if issue.line <= 0:
        return translate(language, "imports.report.file_issue", file=issue.file, message=message)
    return translate(
        language, "imports.report.line_issue", file=issue.file, line=issue.line, message=message
    )


def summary_lines(report: ImportReport, language: str) -> list[str]:
    """The counts, one line per kind of record that something happens to."""
    if not report.ok:
        heading = "imports.report.refused"
    elif report.applied:
        heading = "imports.report.applied"
    else:
        heading = "imports.report.dry_run"
    lines = [translate(language, heading, rows=report.rows)]
    for entity in ENTITIES:
        numbers = {action: report.counts[(entity, action)] for action in ACTIONS}
        if any(numbers.values()):
            lines.append(
                translate(
                    language,
                    "imports.report.counts",
                    entity=translate(language, f"imports.entity.{entity}"),
                    **numbers,
                )
            )
    if report.ok and not report.changes:
        lines.append(translate(language, "imports.report.nothing"))
    return lines


def sample_lines(report: ImportReport, language: str) -> list[str]:
    return [
        translate(
            language,
            f"imports.sample.{sample.action}",
            entity=translate(language, f"imports.entity.{sample.entity}"),
            label=sample.label,
        )
        for sample in report.samples
    ]


def render(report: ImportReport, language: str) -> str:
    """The whole report as text, for the command line."""
    lines = summary_lines(report, language)
    lines += [f"  {line}" for line in sample_lines(report, language)]
    lines += [issue_text(issue, language) for issue in report.issues]
    if report.issue_count > len(report.issues):
        more = report.issue_count - len(report.issues)
        lines.append(translate(language, "imports.report.more_issues", count=more))
    return "\n".join(lines)
