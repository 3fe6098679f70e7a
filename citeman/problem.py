"""What a rule finds (``Finding``) and what the linter reports (``Problem``)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from citeman.model import Span


class Severity(StrEnum):
    """How bad a problem is; ``--fail-on`` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 2 for error, 1 for warning, 0 for info."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``old`` at character ``offset`` of the file with ``new``.

    ``safe`` fixes cannot change what the reference means and are applied by
    ``citeman fix``; unsafe ones need ``--unsafe-fixes``.

    ``fields`` is set by a fix that writes several fields at once (the
    published version of a preprint): each (name, value) it sets or adds.
    ``old`` and ``new`` then span those fields and the text between them, and
    verification lets exactly these fields change or appear, nothing else.

    ``vetted`` says :mod:`citeman.fix_guard` already let the fix through
    where its entry was read (a library rule's summary, on a worker), so
    that lint need not vet it again; it is no part of what the fix is.
    """

    field: str
    offset: int
    old: str
    new: str
    safe: bool
    fields: tuple[tuple[str, str], ...] = ()
    vetted: bool = dataclasses.field(default=False, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[Fix], tuple[object, ...]]:
        # Pickled by its fields: a slotted dataclass's own state methods look
        # up its fields at each call, the most of pickling a checker's results.
        return Fix, (self.field, self.offset, self.old, self.new, self.safe,
                     self.fields, self.vetted)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect a rule found in an entry or a library, before code and severity.

    ``severity`` is set by a rule whose findings differ in gravity (a
    correction is info, an expression of concern a warning); a severity the
    user configured for the rule still wins.
    """

    span: Span
    message: str
    key: str | None = None
    field: str | None = None
    fix: Fix | None = None
    path: str | None = None
    severity: Severity | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # By its fields, as Fix.
        return Finding, (self.span, self.message, self.key, self.field, self.fix,
                         self.path, self.severity)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding stamped with its rule's code, name and configured severity."""

    path: str
    span: Span
    key: str | None
    field: str | None
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None

    def __reduce__(self) -> tuple[type[Problem], tuple[object, ...]]:
        # By its fields, as Fix.
        return Problem, (self.path, self.span, self.key, self.field, self.code,
                         self.rule, self.severity, self.message, self.fix)  # fmt: skip

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line, column and code."""
        return (self.path, self.span.line, self.span.column, self.code)
