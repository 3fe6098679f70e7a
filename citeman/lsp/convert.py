"""Translate citeman's problems and fixes into LSP diagnostics, edits and hovers.

citeman counts lines and columns from 1 with an exclusive end; LSP counts from
0. Columns are characters of the text (code points); a line holding characters
beyond the Basic Multilingual Plane is therefore off by one per such character
for clients that count UTF-16 units.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from citeman import rules
from citeman.model import Span
from citeman.problem import Fix, Problem, Severity

SOURCE = "citeman"
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def span_range(span: Span) -> types.Range:
    """Return the LSP range of a citeman span."""
    return types.Range(
        start=types.Position(line=span.line - 1, character=span.column - 1),
        end=types.Position(line=span.end_line - 1, character=span.end_column - 1),
    )


def diagnostic(problem: Problem) -> types.Diagnostic:
    """Return the diagnostic an editor shows for ``problem``."""
    return types.Diagnostic(
        range=span_range(problem.span),
        message=problem.message,
        severity=_SEVERITIES[problem.severity],
        code=problem.code,
        source=SOURCE,
    )


def offset_position(text: str, offset: int) -> types.Position:
    """Return the LSP position of character ``offset`` of ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(
        line=text.count("\n", 0, offset), character=offset - line_start
    )


def fix_edit(text: str, fix: Fix) -> types.TextEdit:
    """Return the edit that applies ``fix`` to the document ``text``."""
    start = offset_position(text, fix.offset)
    end = offset_position(text, fix.offset + len(fix.old))
    return types.TextEdit(range=types.Range(start=start, end=end), new_text=fix.new)


def overlaps(first: types.Range, second: types.Range) -> bool:
    """Return whether two ranges share a position (touching counts)."""

    def key(position: types.Position) -> tuple[int, int]:
        return (position.line, position.character)

    return key(first.start) <= key(second.end) and key(second.start) <= key(first.end)


def code_actions(
    uri: str, text: str, problems: Sequence[Problem], wanted: types.Range
) -> list[types.CodeAction]:
    """Return a quick fix for every fixable problem in range ``wanted``.

    Safe fixes are preferred; unsafe ones say so in their title, as
    ``--unsafe-fixes`` would.
    """
    actions = []
    for problem in problems:
        fix = problem.fix
        if fix is None or not overlaps(span_range(problem.span), wanted):
            continue
        title = f"Fix {problem.code} ({problem.rule}): {fix.old!r} → {fix.new!r}"
        if not fix.safe:
            title = (
                f"Unsafe fix {problem.code} ({problem.rule}): {fix.old!r} → {fix.new!r}"
            )
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic(problem)],
                is_preferred=fix.safe,
                edit=types.WorkspaceEdit(changes={uri: [fix_edit(text, fix)]}),
            )
        )
    return actions


def hover(problems: Sequence[Problem], at: types.Position) -> types.Hover | None:
    """Return the documentation of the rules whose problems cover ``at``."""
    point = types.Range(start=at, end=at)
    codes = sorted({p.code for p in problems if overlaps(span_range(p.span), point)})
    if not codes:
        return None
    parts = []
    for code in codes:
        rule = rules.get(code)
        if rule is not None:
            parts.append(f"**{rule.code} {rule.name}** ({rule.severity.value})\n\n"
                         f"{rule.doc.strip()}")  # fmt: skip
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )
