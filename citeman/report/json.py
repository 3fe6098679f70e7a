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
    said: dict[tuple[str, ...], str] = {}
    for first in range(0, len(problems), BATCH):
        batch = problems[first : first + BATCH]
        objects = [_written(problem, said) for problem in batch]
        # The opening joins the first object: the batch's text is copied once.
        objects[0] = ("[\n" if first == 0 else ",\n") + objects[0]
        yield ",\n".join(objects)
        if written is not None:
            written(len(batch))
    yield "\n]\n"


def _written(problem: Problem, said: dict[tuple[str, ...], str]) -> str:
    """Return :func:`_object`, the members most problems share encoded once.

    A report's problems name a few files, rules and severities, each many
    times: ``said`` keeps the text of each file's head and each rule's
    members as written once, and the rest is one f-string (no intermediate
    strings). Only an odd problem (a position that is not an int, a text
    that is not a str) is written the long way.
    """
    span = problem.span
    line, column, end_line, end_column = (
        span.line, span.column, span.end_line, span.end_column
    )  # fmt: skip
    path, message = problem.path, problem.message
    if not (
        type(line) is type(column) is type(end_line) is type(end_column) is int
        and type(path) is type(message) is str
    ):
        return _object(problem)
    head = said.get((path,))
    if head is None:
        head = said[(path,)] = '  {\n    "file": ' + _string(path)
    code, rule, severity = problem.code, problem.rule, problem.severity
    kind = said.get((code, rule, severity))
    if kind is None:
        kind = said[(code, rule, severity)] = (
            ',\n    "code": ' + _string(code)
            + ',\n    "rule": ' + _string(rule)
            + ',\n    "severity": ' + _string(severity.value)
        )  # fmt: skip
    key, field = problem.key, problem.field
    key_text = encode_basestring(key) if type(key) is str else _scalar(key)
    field_text = encode_basestring(field) if type(field) is str else _scalar(field)
    fix = problem.fix
    if fix is None:
        tail = ',\n    "fixable": false,\n    "fix": null\n  }'
    else:
        tail = ',\n    "fixable": true,\n    "fix": ' + _fix_object(fix) + "\n  }"
    return (
        f'{head},\n    "line": {line},\n    "column": {column}'
        f',\n    "end_line": {end_line},\n    "end_column": {end_column}'
        f',\n    "key": {key_text},\n    "field": {field_text}{kind}'
        f',\n    "message": {encode_basestring(message)}{tail}'
    )


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
    field, old, new, safe = fix.field, fix.old, fix.new, fix.safe
    if type(field) is type(old) is type(new) is str and not fix.fields:
        # Nearly every fix: one f-string, as in _written.
        return (
            f'{{\n      "field": {encode_basestring(field)}'
            f',\n      "old": {encode_basestring(old)}'
            f',\n      "new": {encode_basestring(new)}'
            f',\n      "safe": {"true" if safe is True else _scalar(safe)}\n    }}'
        )
    text = (
        '{\n      "field": ' + _string(field)
        + ',\n      "old": ' + _string(old)
        + ',\n      "new": ' + _string(new)
        + ',\n      "safe": ' + ("true" if safe is True else _scalar(safe))
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
