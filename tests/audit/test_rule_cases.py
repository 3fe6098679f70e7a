"""The CM5 rules' case files and documented examples, run through the audit.

A manuscript rule's case file, tests/fixtures/rules/<rule_module>.toml, holds
``[[case]]`` tables like the lint rules' ones, with the manuscript added:

    id       = "readable-id"
    bib      = '''@article{…}'''      # the reference list
    text     = '''…(Kopta et al., 1995)…'''   # the manuscript
    kind     = "markdown"             # optional: text (default), markdown, latex
    expect   = ["CM503@1:18", …]      # code@line:column of every problem, in order
    messages = ["…"]                  # optional: the whole messages, in order
"""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

from citeman import parse, rules
from citeman.audit import manuscript, run
from citeman.config import ActiveRule
from citeman.problem import Problem
from citeman.rules.base import ManuscriptRule

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
RULES = [rule for rule in rules.ALL if isinstance(rule, ManuscriptRule)]
_SUFFIXES = {"text": ".txt", "markdown": ".md", "latex": ".tex"}


def _audit(
    rule: ManuscriptRule, bib: str, text: str, kind: str = "text"
) -> list[Problem]:
    library = parse.loads(bib, "case.bib")
    paper = manuscript.from_text(f"case{_SUFFIXES[kind]}", text, manuscript.Kind(kind))
    model = run.build([paper], [library])
    return run.audit(model, [ActiveRule(rule, rule.severity, {})])


def _cases() -> list[Any]:
    params = []
    for rule in RULES:
        with (CASES / f"{rule.name.replace('-', '_')}.toml").open("rb") as file:
            cases = tomllib.load(file)["case"]
        params += [
            pytest.param(rule, case, id=f"{rule.code}-{case['id']}") for case in cases
        ]
    return params


def test_there_are_six_manuscript_rules() -> None:
    assert [rule.code for rule in RULES] == [f"CM50{n}" for n in range(1, 7)]


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_case(rule: ManuscriptRule, case: dict[str, Any]) -> None:
    problems = _audit(rule, case["bib"], case["text"], case.get("kind", "text"))
    found = [f"{p.code}@{p.span.line}:{p.span.column}" for p in problems]
    assert found == case["expect"], [p.message for p in problems]
    if "messages" in case:
        assert [p.message for p in problems] == case["messages"]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_failing_example_fails_and_passing_example_passes(
    rule: ManuscriptRule,
) -> None:
    """The examples ``citeman rules NAME`` prints are true of the rule.

    Each example is a reference list, a blank line, and the manuscript text.
    """
    fail_text = rule.doc.split("FAIL:", 1)[1].split("PASS:", 1)[0]
    pass_text = rule.doc.split("PASS:", 1)[1]
    assert _audit(rule, *_example(fail_text)), "FAIL example raised nothing"
    assert not _audit(rule, *_example(pass_text)), "PASS example raised something"


def _example(block: str) -> tuple[str, str]:
    text = textwrap.dedent(block.strip("\n")).strip() + "\n"
    bib, manuscript_text = text.split("\n\n", 1)
    return bib + "\n", manuscript_text
