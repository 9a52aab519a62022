"""Located problems in content files, printed like a compiler's error lines."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem at one place: ``path:line:col: severity: CODE message (hint)``.

    ``line`` and ``column`` count from 1, as editors do; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


# Problems found while reading a file (syntax, shape, the format version, a missing file):
# the others are checked against what was read, so these come first when printed.
READING_CODES = frozenset(("DL001", "DL002", "DL003", "DL015", "DL031"))


def sort_key(diagnostic: Diagnostic) -> tuple[bool, bool, str, int, int, str]:
    """Errors before warnings, and within each, root causes (reading a file) first, then by
    place: an author fixing from the top never chases an error that follows from a later one."""
    return (not diagnostic.is_error, diagnostic.code not in READING_CODES, diagnostic.path,
            diagnostic.line, diagnostic.column, diagnostic.code)


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        lines = [str(d) for d in diagnostics if d.is_error] or [str(d) for d in diagnostics]
        super().__init__("\n".join(lines))
