"""The machine format: a JSON array of problem objects, stable for diffing."""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring

from citeman.problem import Fix, Problem


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

    The text is exactly ``json.dumps(..., indent=2, ensure_ascii=False)``, built
    here because any ``indent`` sends the standard library to its pure-Python
    encoder, which took a tenth of a large check; strings still go through the
    C string encoder.
    """
    return encode([as_dict(p) for p in problems]) + "\n"


def encode(value: object, indent: str = "") -> str:
    """Return ``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` does.

    >>> print(encode({"a": [1, None], "b": {}}))
    {
      "a": [
        1,
        null
      ],
      "b": {}
    }
    """
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + "  "
        members = ",\n".join(
            f"{inner}{encode_basestring(key)}: {encode(item, inner)}"
            for key, item in value.items()
        )
        return f"{{\n{members}\n{indent}}}"
    if isinstance(value, list):
        if not value:
            return "[]"
        inner = indent + "  "
        items = ",\n".join(inner + encode(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    return _scalar(value)


def _scalar(value: object) -> str:
    """Encode a number, boolean or null (and leave anything odd to json.dumps)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return repr(value)
    return json.dumps(value, ensure_ascii=False)
