"""The README is the first thing a user reads: keep its promises true."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from citeman import rules, textfile
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


def _yaml_blocks(section: str) -> list[str]:
    text = README.split(section, 1)[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return re.findall(r"```yaml\n(.+?)```", text, re.S)


def test_pre_commit_rev_exists_in_the_history() -> None:
    """The snippet's rev names a commit of this repository that has both hooks."""
    (snippet,) = _yaml_blocks("### pre-commit")
    (repo,) = yaml.safe_load(snippet)
    hooks = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{repo['rev']}:.pre-commit-hooks.yaml"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    defined = {hook["id"] for hook in yaml.safe_load(hooks)}
    assert {hook["id"] for hook in repo["hooks"]} <= defined
    assert "OWNER/citeman" in repo["repo"] and "placeholder" in README


def test_github_actions_example_runs_real_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workflow,) = _yaml_blocks("### GitHub Actions")
    steps = yaml.safe_load(workflow)["jobs"]["citeman"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs[0] == "pip install citeman-bib"
    assert 'name = "citeman-bib"' in (ROOT / "pyproject.toml").read_text()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "library.bib").write_text((ROOT / "library.bib").read_text("utf-8"))
    annotate = CliRunner().invoke(main, runs[1].split()[1:])
    assert annotate.exit_code == 1
    assert annotate.stdout.startswith("::warning file=library.bib,line=")
    args, sarif = runs[2].split(" > ")
    upload = CliRunner().invoke(main, args.split()[1:])
    assert upload.exit_code == 0
    assert json.loads(upload.stdout)["version"] == "2.1.0"
    assert steps[-1]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert steps[-1]["with"]["sarif_file"] == sarif


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_lines_work(shell: str) -> None:
    assert f"_CITEMAN_COMPLETE={shell}_source citeman" in README
    program = Path(sys.executable).with_name("citeman")
    script = subprocess.run(
        [str(program)], env={**os.environ, "_CITEMAN_COMPLETE": f"{shell}_source"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "_CITEMAN_COMPLETE" in script
    completed = subprocess.run(
        [str(program)],
        env={**os.environ, "_CITEMAN_COMPLETE": "bash_complete",
             "COMP_WORDS": "citeman check --output-f", "COMP_CWORD": "2"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert completed == "plain,--output-format\n"


def test_guarantees_state_the_real_size_limit() -> None:
    megabytes = textfile.DEFAULT_LIMIT // textfile.MEGABYTE
    guarantees = README.split("### What citeman never does to a file", 1)[1]
    assert f"`max-file-mb` (default {megabytes})" in guarantees
    assert f"max-file-mb = {megabytes} " in README
