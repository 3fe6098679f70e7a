"""SARIF 2.1.0, the format GitHub code scanning uploads."""

from __future__ import annotations

import json
from collections.abc import Sequence

from citeman import __version__, rules
from citeman.problem import Problem, Severity
from citeman.rules.base import AnyRule

_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


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
    for problem in problems:
        span = problem.span
        result: dict[str, object] = {
            "ruleId": problem.code,
            "ruleIndex": index[problem.code],
            "level": _LEVELS[problem.severity],
            "message": {"text": problem.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": problem.path.replace("\\", "/")},
                        "region": {
                            "startLine": span.line,
                            "startColumn": span.column,
                            "endLine": span.end_line,
                            "endColumn": span.end_column,
                        },
                    }
                }
            ],
        }
        if problem.key:
            result["partialFingerprints"] = {"entryKey": problem.key}
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
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
