"""Configuration: where it is found, what it may hold, and the messages for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman import config
from citeman.cli import main
from citeman.errors import ConfigError
from citeman.problem import Severity

PAGES = "@article{a, title = {T}, pages = {1-2}, doi = {10.1000/a}}\n"


def test_defaults_select_every_offline_rule() -> None:
    active = config.Config().active_rules()
    assert [item.rule.code for item in active] == sorted(
        item.rule.code for item in active
    )
    assert all(not item.rule.online for item in active)
    assert {"CM001", "CM101", "CM203"} <= {item.rule.code for item in active}


def test_found_upward_citeman_toml_first(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n", encoding="utf-8")
    (tmp_path / "citeman.toml").write_text("", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert config.find(deep) == tmp_path / "citeman.toml"


def test_pyproject_without_tool_citeman_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n", encoding="utf-8")
    assert config.find(tmp_path) != tmp_path / "pyproject.toml"


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[tool.citeman]\nignore = ["CM1"]\nfail-on = "error"\nfiles = ["refs.bib"]\n'
        '[tool.citeman.rules.page-range]\nseverity = "info"\n',
        encoding="utf-8",
    )
    loaded = config.load(path)
    assert loaded.ignore == ("CM1",)
    assert loaded.fail_on is Severity.ERROR
    assert loaded.files == (tmp_path / "refs.bib",)
    by_code = {item.rule.code: item for item in loaded.active_rules()}
    assert "CM101" not in by_code
    assert by_code["CM203"].severity is Severity.INFO


def test_rule_options_reach_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "citeman.toml"
    path.write_text('[rules.CM101]\ntypes = ["book"]\n', encoding="utf-8")
    by_code = {item.rule.code: item for item in config.load(path).active_rules()}
    assert by_code["CM101"].options["types"] == ["book"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("colour = true\n", 'unknown key "colour"; allowed keys are select, ignore'),
        ('fail-on = "fatal"\n', '"fail-on" must be one of error, warning, info; '
         "got 'fatal'"),
        ('select = ["CM999"]\n', '"select" names no rule: "CM999"'),
        ('ignore = "CM1"\n', '"ignore" must be a list of strings'),
        ("[rules.nope]\n", "[rules.nope] names no rule"),
        ("[rules.missing-doi]\ncolour = 1\n",
         'unknown option "colour" of missing-doi (CM101); allowed options are '
         "severity, types"),
        ("[rules.missing-doi]\ntypes = 3\n", "types of missing-doi (CM101)"),
        ('[rules.missing-doi]\nseverity = "fatal"\n',
         'option "severity" of missing-doi (CM101) must be one of error'),
        ("select = [\n", "not valid TOML"),
    ],
    ids=["unknown-key", "bad-fail-on", "unknown-selector", "not-a-list",
         "unknown-rule", "unknown-option", "wrong-option-type", "bad-severity",
         "bad-toml"],
)  # fmt: skip
def test_mistakes_name_the_key_and_the_allowed_values(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "citeman.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        config.load(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_cli_reports_config_error_with_exit_2(workdir: Path) -> None:
    (workdir / "citeman.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    (workdir / "a.bib").write_text(PAGES, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "a.bib"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("citeman: error: ")
    assert '"fail-on" must be one of error, warning, info' in result.stderr


def test_cli_uses_configured_files_and_no_config_ignores_them(workdir: Path) -> None:
    (workdir / "citeman.toml").write_text(
        'files = ["refs.bib"]\nselect = ["CM203"]\n', encoding="utf-8"
    )
    (workdir / "refs.bib").write_text(PAGES, encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.startswith("refs.bib:1:35: CM203 [page-range]")
    result = CliRunner().invoke(main, ["check", "--no-config"])
    assert result.exit_code == 2
    assert "no library.bib in the current directory" in result.stderr


def test_cli_config_option_and_fail_on_from_config(workdir: Path) -> None:
    (workdir / "strict.toml").write_text(
        'select = ["CM203"]\nfail-on = "error"\n', encoding="utf-8"
    )
    (workdir / "a.bib").write_text(PAGES, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "a.bib", "--config", "strict.toml"])
    assert result.exit_code == 0
    assert "CM203" in result.stdout
