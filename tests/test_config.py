"""Configuration: where it is found, what it may hold, and the messages for mistakes."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
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
        ("colour = true\n", 'unknown key "colour"; allowed keys are select, extend-'),
        ("extend_select = []\n", 'unknown key "extend_select"; did you mean '
         '"extend-select"?'),
        ('fail-on = "fatal"\n', '"fail-on" must be one of error, warning, info; '
         "got 'fatal'"),
        ('select = ["CM999"]\n', '"select" names no rule: "CM999"'),
        ('ignore = "CM1"\n', '"ignore" must be a list of strings'),
        ("[rules.nope]\n", "[rules.nope] names no rule"),
        ("[rules.page-rnage]\n", '[rules.page-rnage] names no rule (did you mean '
         '"page-range"?)'),
        ('per-file-ignores = { "old/*.bib" = ["CM2O3"] }\n',
         '"per-file-ignores.old/*.bib" names no rule: "CM2O3" (did you mean '
         '"CM203"?)'),
        ("[rules.missing-doi]\ncolour = 1\n",
         'unknown option "colour" of missing-doi (CM101); allowed options are '
         "severity, types"),
        ("[rules.missing-doi]\ntypes = 3\n", "types of missing-doi (CM101)"),
        ('[rules.missing-doi]\nseverity = "fatal"\n',
         'option "severity" of missing-doi (CM101) must be one of error'),
        ("select = [\n", "not valid TOML"),
    ],
    ids=["unknown-key", "misspelt-key", "bad-fail-on", "unknown-selector",
         "not-a-list", "unknown-rule", "misspelt-rule", "misspelt-per-file-ignore",
         "unknown-option", "wrong-option-type", "bad-severity",
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


# Every value of every TOML type, for every key a configuration may hold.
ANY_TYPE = [
    [], ["error"], [1], {}, {"a": {}}, 1, -5, 1.5, float("nan"), float("inf"),
    True, "x", "error", __import__("datetime").date(2020, 1, 1),
]  # fmt: skip
EVERY_KEY = [
    *(((key,), value) for key in config._TOP_KEYS for value in ANY_TYPE),
    *((("rules",), value) for value in ({"CM101": 1}, {"CM101": []})),
    *(
        (("rules", rule.code, option), value)
        for rule in __import__("citeman.rules", fromlist=["ALL"]).ALL
        for option in ("severity", *rule.defaults)
        for value in ANY_TYPE
    ),
]


def test_a_value_of_any_type_anywhere_is_accepted_or_one_config_error() -> None:
    for path, value in EVERY_KEY:
        table: dict[str, object] = {}
        inner = table
        for key in path[:-1]:
            inner = inner.setdefault(key, {})  # type: ignore[assignment]
        inner[path[-1]] = value
        try:
            config.parse(table)
        except ConfigError as error:
            assert "\n" not in str(error), (path, value)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('fail-on = ["error"]\n', "\"fail-on\" must be one of error, warning, info;"
         " got ['error']"),
        ("a = " + "[" * 5000 + "]" * 5000 + "\n",
         "tables or arrays nested too deeply"),
        ("a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n",
         "tables or arrays nested too deeply"),
        ("[rules.doi-available]\nmin-confidence = -5\n",
         'option "min-confidence" of doi-available (CM305) must be from 0 to 1;'
         " got -5"),
        ("[rules.doi-available]\nmin-confidence = nan\n",
         'option "min-confidence" of doi-available (CM305) must be a finite'
         " number; got nan"),
        ("[rules.doi-available]\nmin-confidence = inf\n", "must be a finite number"),
        ('[rules.doi-available]\nmin-confidence = "0.5"\n',
         "must be a number; got '0.5'"),
        ("[rules.doi-available]\nmin-confidence = true\n", "must be a number"),
        ("max-file-mb = 0\n", '"max-file-mb" must be above 0; got 0'),
        ('max-file-mb = "1 GB"\n', '"max-file-mb" must be a number'),
    ],
    ids=["fail-on-list", "deep-arrays", "deep-tables", "confidence-negative",
         "confidence-nan", "confidence-inf", "confidence-string",
         "confidence-bool", "max-file-zero", "max-file-string"],
)  # fmt: skip
def test_hostile_values_are_one_line(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "citeman.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        config.load(path)
    assert str(raised.value) == f"{path}: {message}" or (
        str(raised.value).startswith(f"{path}: ") and message in str(raised.value)
    )


def test_min_confidence_in_range_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "citeman.toml"
    path.write_text("[rules.doi-available]\nmin-confidence = 1\n", encoding="utf-8")
    rule = config.load(path).rule_settings["CM305"]
    assert rule == {"min-confidence": 1}


def test_byte_order_mark_in_citeman_toml_is_accepted() -> None:
    loaded = config.load(
        Path(__file__).parent / "data" / "hostile" / "citeman-bom.toml"
    )
    assert loaded.fail_on is Severity.ERROR


def test_broken_pyproject_without_tool_citeman_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "citeman.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[project\n", encoding="utf-8")
    assert config.find(tmp_path / "sub") == tmp_path / "citeman.toml"


def test_broken_pyproject_with_tool_citeman_is_reported(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.citeman]\nselect = [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: not valid TOML"):
        config.find(tmp_path)


def test_folder_that_cannot_be_entered_is_passed_over() -> None:
    """A parent folder without read or search permission, in a forked process.

    Root may enter any folder, so as root the child becomes nobody (it forks
    rather than starts Python anew, which nobody may not be allowed to run),
    in a folder of the system's temporary directory that nobody may reach.
    """
    with tempfile.TemporaryDirectory() as name:
        _check_below_a_locked_folder(Path(name))


def _check_below_a_locked_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    inner = locked / "inner"
    inner.mkdir(parents=True)
    (inner / "a.bib").write_text(PAGES, encoding="utf-8")
    output = tmp_path / "output"
    as_root = os.geteuid() == 0
    if as_root:
        for path in (tmp_path, locked, inner, inner / "a.bib"):
            os.chown(path, 65534, 65534)
    sink = output.open("w")
    # Load the codec now: nobody may not read the standard library's files.
    b"@".decode("utf-8-sig")
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit code
        code = 3
        try:
            sys.stdout = sys.stderr = sink
            if as_root:
                os.setgid(65534)
                os.setuid(65534)
            os.chdir(inner)
            locked.chmod(0o000)
            main(["check", "--select", "CM203", "a.bib"])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 3
        except BaseException:  # shown by the parent's assertion below
            traceback.print_exc(file=sink)
        finally:
            sink.flush()
            os._exit(code)
    sink.close()
    _, status = os.waitpid(child, 0)
    locked.chmod(0o700)
    printed = output.read_text()
    assert os.waitstatus_to_exitcode(status) == 1, printed
    assert printed.startswith("a.bib:1:35: CM203 [page-range]")
