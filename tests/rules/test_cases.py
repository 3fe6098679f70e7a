"""One runner for every rule's case file in tests/fixtures/rules/<rule_module>.toml.

A case file holds ``[[case]]`` tables:

    id      = "readable-id"             # the pytest id
    bib     = '''@article{…}'''         # the input
    expect  = ["CM203@3:13", …]         # code@line:column of every problem, in order
    options = { types = ["book"] }      # optional: options of the rule under test
    fixed   = '''…'''                   # optional: the input after its safe fixes
    unsafe  = '''…'''                   # optional: after safe and unsafe fixes
    messages = ["…"]                    # optional: substrings of the messages, in order
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from citeman import fix, lint, parse, rules
from citeman.config import ActiveRule
from citeman.rules.base import ManuscriptRule, ReferenceListRule
from tests.crossref.recorded import recorded_resolver

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
#: The rules ``lint`` runs. Manuscript rules (CM5) need a manuscript as well as
#: a list: tests/audit/test_rule_cases.py runs their case files and examples.
#: Reference-list rules (CM6) need a formatted list: tests/importer/test_rule_cases.py.
LINT_RULES = [
    rule
    for rule in rules.ALL
    if not isinstance(rule, ManuscriptRule | ReferenceListRule)
]


def _module_name(rule: rules.AnyRule) -> str:
    return rule.name.replace("-", "_")


def _cases() -> list[Any]:
    params = []
    for rule in LINT_RULES:
        path = CASES / f"{_module_name(rule)}.toml"
        if path.exists():
            with path.open("rb") as file:
                cases = tomllib.load(file)["case"]
            params += [pytest.param(rule, case, id=f"{rule.code}-{case['id']}")
                       for case in cases]  # fmt: skip
    return params


def _run(rule: rules.AnyRule, case: dict[str, Any], text: str) -> list[Any]:
    library = parse.loads(text, "case.bib")
    options = {**rule.defaults, **case.get("options", {})}
    # Online rules ask the recorded Crossref corpus (tests/fixtures/crossref).
    resolver = recorded_resolver([library]) if rule.online else None
    active = [ActiveRule(rule, rule.severity, options)]
    return lint.lint([library], active, resolver=resolver)


@pytest.mark.parametrize(("rule", "case"), _cases())
def test_case(rule: rules.AnyRule, case: dict[str, Any]) -> None:
    problems = _run(rule, case, case["bib"])
    found = [f"{p.code}@{p.span.line}:{p.span.column}" for p in problems]
    assert found == case["expect"], [p.message for p in problems]
    for problem, expected in zip(problems, case.get("messages", []), strict=False):
        assert expected in problem.message
    # fix's later rounds run only the rules that declare a fix (Rule.fixes).
    assert rule.fixes or all(p.fix is None for p in problems), "fixes undeclared"
    if "fixed" in case:
        safe = [p.fix for p in problems if p.fix is not None and p.fix.safe]
        fixed, _ = fix.apply(case["bib"], safe)
        assert fixed == case["fixed"]
        leftover = _run(rule, case, fixed)
        assert not [p for p in leftover if p.fix is not None and p.fix.safe]
    if "unsafe" in case:
        every = [p.fix for p in problems if p.fix is not None]
        fixed, _ = fix.apply(case["bib"], every)
        assert fixed == case["unsafe"]


def test_every_rule_has_a_case_file() -> None:
    missing = [rule.code for rule in rules.ALL
               if not (CASES / f"{_module_name(rule)}.toml").exists()]  # fmt: skip
    assert missing == []


@pytest.mark.parametrize("rule", rules.ALL, ids=lambda rule: rule.code)
def test_rule_documents_itself(rule: rules.AnyRule) -> None:
    assert rule.code.startswith("CM") and len(rule.code) == 5
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert "FAIL:" in rule.doc and "PASS:" in rule.doc
    assert rule.summary and rule.summary == rule.summary.strip()


@pytest.mark.parametrize("rule", LINT_RULES, ids=lambda rule: rule.code)
def test_failing_example_fails_and_passing_example_passes(rule: rules.AnyRule) -> None:
    """The examples ``citeman rules NAME`` prints are true of the rule."""
    fail_text = rule.doc.split("FAIL:", 1)[1].split("PASS:", 1)[0]
    pass_text = rule.doc.split("PASS:", 1)[1]
    case: dict[str, Any] = {}
    assert _run(rule, case, _dedent(fail_text)), "FAIL example raised nothing"
    assert not _run(rule, case, _dedent(pass_text)), "PASS example raised something"


def _dedent(block: str) -> str:
    import textwrap

    return textwrap.dedent(block.strip("\n")).strip() + "\n"
