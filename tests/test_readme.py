"""The README is the first thing a user reads: keep its promises true."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from citeman import rules
from citeman.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2
    run_command, test_command = commands
    assert run_command.endswith("pip install -e . && citeman check library.bib")
    assert test_command.endswith("pip install -e '.[test]' && python -m pytest")
    assert "pip install -q --disable-pip-version-check -e '.[test]'" in CI
    assert "\npython -m pytest\n" in CI


@pytest.mark.parametrize("rule", rules.ALL, ids=lambda rule: rule.code)
def test_every_rule_is_in_the_rules_table(rule: rules.AnyRule) -> None:
    assert f"| {rule.code} | `{rule.name}` | {rule.severity.value} |" in README


def test_check_example_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    example = README.split("<!-- check-output: citeman check library.bib -->\n```\n")[
        1
    ].split("```\n", 1)[0]
    result = CliRunner().invoke(main, ["check", "library.bib", "--no-config"])
    assert (result.exit_code, result.stdout) == (1, example)


def test_fix_diff_example_is_the_golden_diff() -> None:
    golden = (ROOT / "tests/data/golden/fix/library.diff").read_text(encoding="utf-8")
    assert f"```diff\n{golden}```\n" in README
