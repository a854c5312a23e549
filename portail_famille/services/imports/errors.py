"""Problems found in an import file: each names its file, its line and a catalogue key."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """One error, line 0 when it concerns the whole file; `key` is an `imports.error.*` id."""

    file: str
    line: int
    key: str
    params: dict[str, str] = field(default_factory=dict)
    column: str = ""  # the cell's column, when the problem is one cell's


class ImportFileError(Exception):
    """The file cannot be read at all (encoding, header): the only error the reader raises."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.key)
        self.issue = issue
