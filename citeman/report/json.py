"""The machine format: a JSON array of problem objects, stable for diffing."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring

from citeman.problem import Fix, Problem

#: Problems per piece :func:`pieces` yields: large enough to keep the writes
#: few, small enough that the text of a large report is never held whole.
BATCH = 2000


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
        "fix": None if fix is None else _fix(fix),
    }


def _fix(fix: Fix) -> dict[str, object]:
    """Return a fix's JSON object; ``fields`` only for a fix that writes several."""
    found: dict[str, object] = {
        "field": fix.field, "old": fix.old, "new": fix.new, "safe": fix.safe,
    }  # fmt: skip
    if fix.fields:
        found["fields"] = dict(fix.fields)
    return found


def render(problems: Sequence[Problem]) -> str:
    """Return the problems as an indented JSON array.

    The text is exactly ``json.dumps([as_dict(p) for p in problems], indent=2,
    ensure_ascii=False) + "\\n"`` (``tests/test_report_json.py`` proves it).
    """
    return "".join(pieces(problems))


def pieces(
    problems: Sequence[Problem], written: Callable[[int], None] | None = None
) -> Iterator[str]:
    """Yield :func:`render`'s text in pieces of :data:`BATCH` problems.

    ``written`` is told how many problems each piece held once it is taken.

    Each problem is written from one template rather than through a generic
    encoder: ``json.dumps`` with any ``indent`` runs Python's pure-Python
    encoder, and a recursive one made as many calls as the report has
    values. Strings still go through the C string encoder.
    """
    if not problems:
        yield "[]\n"
        return
    for first in range(0, len(problems), BATCH):
        batch = problems[first : first + BATCH]
        opening = "[\n" if first == 0 else ",\n"
        yield opening + ",\n".join([_object(problem) for problem in batch])
        if written is not None:
            written(len(batch))
    yield "\n]\n"


def _object(problem: Problem) -> str:
    """Return one problem's object, indented as the array's item."""
    span = problem.span
    fix = problem.fix
    return (
        '  {\n    "file": ' + _string(problem.path)
        + ',\n    "line": ' + _number(span.line)
        + ',\n    "column": ' + _number(span.column)
        + ',\n    "end_line": ' + _number(span.end_line)
        + ',\n    "end_column": ' + _number(span.end_column)
        + ',\n    "key": ' + _string(problem.key)
        + ',\n    "field": ' + _string(problem.field)
        + ',\n    "code": ' + _string(problem.code)
        + ',\n    "rule": ' + _string(problem.rule)
        + ',\n    "severity": ' + _string(problem.severity.value)
        + ',\n    "message": ' + _string(problem.message)
        + (',\n    "fixable": false,\n    "fix": null\n  }' if fix is None
           else ',\n    "fixable": true,\n    "fix": ' + _fix_object(fix) + "\n  }")
    )  # fmt: skip


def _fix_object(fix: Fix) -> str:
    """Return a fix's object, indented as a problem's member."""
    text = (
        '{\n      "field": ' + _string(fix.field)
        + ',\n      "old": ' + _string(fix.old)
        + ',\n      "new": ' + _string(fix.new)
        + ',\n      "safe": ' + ("true" if fix.safe is True else _scalar(fix.safe))
    )  # fmt: skip
    if fix.fields:
        members = ",\n".join(
            f"        {_string(name)}: {_string(value)}"
            for name, value in dict(fix.fields).items()
        )
        text += ',\n      "fields": {\n' + members + "\n      }"
    return text + "\n    }"


def _string(value: object) -> str:
    """Encode a string (or None, or anything odd) as ``json.dumps`` does."""
    if type(value) is str:
        return encode_basestring(value)
    return _scalar(value)


def _number(value: object) -> str:
    """Encode a line or column (an int; anything odd as ``json.dumps`` does)."""
    return repr(value) if type(value) is int else _scalar(value)


def _scalar(value: object) -> str:
    """Encode null or a boolean, and leave anything else to ``json.dumps``."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return json.dumps(value, ensure_ascii=False)
