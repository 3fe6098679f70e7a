"""The machine format: a JSON array of problem objects, stable for diffing."""

from __future__ import annotations

import json
from collections.abc import Sequence

from citeman.problem import Problem


def as_dict(problem: Problem) -> dict[str, object]:
    """Return the JSON object of one problem (the fields other tools rely on)."""
    fix = problem.fix
    return {
        "file": problem.path,
        "line": problem.span.line,
        "column": problem.span.column,
        "end_line": problem.span.end_line,
        "end_column": problem.span.end_column,
        "key": problem.key,
        "field": problem.field,
        "code": problem.code,
        "rule": problem.rule,
        "severity": problem.severity.value,
        "message": problem.message,
        "fixable": fix is not None,
        "fix": None
        if fix is None
        else {"field": fix.field, "old": fix.old, "new": fix.new, "safe": fix.safe},
    }


def render(problems: Sequence[Problem]) -> str:
    """Return the problems as an indented JSON array."""
    return (
        json.dumps([as_dict(p) for p in problems], indent=2, ensure_ascii=False) + "\n"
    )
