"""SARIF 2.1.0, the format GitHub code scanning uploads."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from citeman import __version__, rules
from citeman.problem import Problem, Severity
from citeman.rules.base import AnyRule

_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The base a relative ``artifactLocation.uri`` is resolved against.
SRCROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """Return the SARIF ``artifactLocation`` of a file as citeman names it.

    A relative path becomes a percent-encoded relative URI reference resolved
    against ``%SRCROOT%`` (the current directory); an absolute one a
    ``file://`` URI. Spaces, ``#``, ``%``, ``?``, a ``:`` that would read as a
    scheme, and non-ASCII letters are all encoded.

    >>> artifact_location("refs/my #1 100%.bib")
    {'uri': 'refs/my%20%231%20100%25.bib', 'uriBaseId': '%SRCROOT%'}
    >>> artifact_location("/tmp/a b.bib")
    {'uri': 'file:///tmp/a%20b.bib'}
    """
    posix = path.replace("\\", "/")
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _fingerprints(problems: Sequence[Problem]) -> list[str]:
    """Return one stable, distinct fingerprint per problem.

    It hashes what identifies the finding (file, rule, entry, field, message)
    but not its line, so an alert survives edits above it; problems alike in
    all of that are numbered in file order.
    """
    seen: Counter[tuple[str, ...]] = Counter()
    prints = []
    for problem in problems:
        identity = (problem.path, problem.code, problem.key or "", problem.field or "",
                    problem.message)  # fmt: skip
        seen[identity] += 1
        text = "\0".join((*identity, str(seen[identity])))
        prints.append(hashlib.sha256(text.encode()).hexdigest()[:32])
    return prints


def _rule_descriptor(rule: AnyRule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc.split("\n\n", 1)[0].strip()},
        "help": {"text": rule.doc.strip()},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def render(problems: Sequence[Problem]) -> str:
    """Return one SARIF run describing every rule and every problem."""
    index = {rule.code: position for position, rule in enumerate(rules.ALL)}
    results = []
    fingerprints = _fingerprints(problems)
    for problem, fingerprint in zip(problems, fingerprints, strict=True):
        span = problem.span
        result: dict[str, object] = {
            "ruleId": problem.code,
            "ruleIndex": index[problem.code],
            "level": _LEVELS[problem.severity],
            "message": {"text": problem.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(problem.path),
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"citeman/v1": fingerprint},
        }
        results.append(result)
    document = {
        "$schema": _SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citeman",
                        "version": __version__,
                        "rules": [_rule_descriptor(rule) for rule in rules.ALL],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
