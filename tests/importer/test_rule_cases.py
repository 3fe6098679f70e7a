"""CM601 reference-style: its case file and its documented examples."""

from __future__ import annotations

import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

from citeman.config import ActiveRule
from citeman.importer import checking
from citeman.problem import Problem
from citeman.rules import reference_style
from tests.conftest import FIXTURES

RULE = reference_style.RULE
CASES = tomllib.loads(
    (FIXTURES / "rules" / "reference_style.toml").read_text(encoding="utf-8")
)["case"]


def _check(directory: Path, text: str, kind: str) -> list[Problem]:
    path = directory / f"list.{kind}"
    path.write_text(text, encoding="utf-8")
    active = [ActiveRule(RULE, RULE.severity, dict(RULE.defaults))]
    return checking.list_problems(checking.load(str(path)), active)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    problems = _check(tmp_path, case["text"], case["kind"])
    found = [f"{p.code}@{p.span.line}:{p.span.column}" for p in problems]
    assert found == case["expect"], [p.message for p in problems]
    messages = [problem.message for problem in problems]
    assert messages == case.get("messages", [])


@pytest.mark.parametrize(("part", "fails"), [("FAIL:", True), ("PASS:", False)])
def test_documented_examples(part: str, fails: bool, tmp_path: Path) -> None:
    example = RULE.doc.split(part, 1)[1].split("PASS:", 1)[0]
    assert bool(_check(tmp_path, textwrap.dedent(example), "txt")) == fails
