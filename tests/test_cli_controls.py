"""No control character from a file, a file name or a config key reaches a reader.

Real subprocesses: click's runner and a terminal strip some ANSI sequences on
their own, which would hide what citeman itself prints.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

CONTROLS = DATA / "safety" / "controls.bib"
#: Any C0/C1 control but the line end of each printed line.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
FORGED_NAME = "a\n::error file=x.bib,line=1::forged\r.bib"


def citeman(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citeman", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("check", "controls.bib"),
        ("check", "--format", "github", "controls.bib"),
        ("render", "controls.bib"),
        ("render", "--format", "markdown", "controls.bib"),
        ("cite", "--bib", "controls.bib", "k\x1b]0;pwned\x07ey"),
        ("fix", "--diff", "controls.bib"),
    ],
    ids=lambda args: " ".join(args[:3]).replace("\x1b", "ESC"),
)
def test_no_raw_control_reaches_stdout_or_stderr(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    shutil.copy(CONTROLS, tmp_path / "controls.bib")
    result = citeman(*args, cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    printed = result.stdout + result.stderr
    assert not RAW_CONTROL.search(printed)
    assert "\\x1b]0;pwned\\x07" in printed or "\\x1b]52;c;" in printed


def test_a_duplicate_key_with_an_osc_sequence_is_named_with_escapes(
    tmp_path: Path,
) -> None:
    shutil.copy(CONTROLS, tmp_path / "controls.bib")
    result = citeman("check", "--select", "CM002", "controls.bib", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        'controls.bib:11:1: CM002 [duplicate-key] duplicate key "k\\x1b]0;pwned\\x07ey"'
        ", first used at controls.bib:3; rename one of them\n"
        "Found 1 problem (1 error).\n"
    )


@pytest.mark.parametrize("output_format", ["text", "github"])
def test_a_file_name_with_a_newline_cannot_forge_a_line(
    tmp_path: Path, output_format: str
) -> None:
    shutil.copy(DATA / "broken.bib", tmp_path / FORGED_NAME)
    result = citeman("check", "--format", output_format, FORGED_NAME, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert not line.startswith("::error file=x.bib")
        assert "\r" not in line
    if output_format == "github":
        assert all(line.startswith("::") for line in lines)
        assert (
            "file=a%0A%3A%3Aerror file=x.bib%2Cline=1%3A%3Aforged%0D.bib," in lines[0]
        )
    else:
        assert lines[0].startswith("a\\x0a::error file=x.bib,line=1::forged\\x0d.bib:")


def test_a_config_key_with_a_newline_is_one_line_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "citeman.toml").write_text(
        '[rules]\n"x\\n::error::forged" = "off"\n', encoding="utf-8"
    )
    shutil.copy(DATA / "broken.bib", tmp_path / "a.bib")
    result = citeman("check", "a.bib", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "x\\x0a::error::forged" in result.stderr
