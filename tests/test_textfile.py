"""Reading input: regular files only, a size cap, and UTF-16 named as such.

Endless streams and FIFOs are tried in real subprocesses with a timeout, so a
regression shows as a failure rather than a hung suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from citeman import textfile
from citeman.errors import InputError
from tests.conftest import DATA, run

HOSTILE = DATA / "hostile"
ENTRY = "@article{a, title = {T}, year = {2001}}\n"


def citeman(*args: str, cwd: Path, stdin: int | None = None) -> tuple[int, str]:
    """Run citeman in a real process (20 s at most); return exit code and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "citeman", *args],
        cwd=cwd,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "/dev/zero"],
            "/dev/zero: is a character device, not a .bib file;"
            " citeman reads regular files only",
        ),
        (
            ["render", "/dev/urandom"],
            "/dev/urandom: is a character device, not a .bib file;"
            " citeman reads regular files only",
        ),
        (
            ["check", "pipe.bib"],
            "pipe.bib: is a FIFO (named pipe), not a .bib file;"
            " citeman reads regular files only",
        ),
        (
            ["audit", "pipe.bib", "--bib", "ok.bib"],
            "pipe.bib: is a FIFO (named pipe), not a manuscript;"
            " citeman reads regular files only",
        ),
        (
            ["check", "--config", "pipe.bib", "ok.bib"],
            "pipe.bib: is a FIFO (named pipe), not a configuration file;"
            " citeman reads regular files only",
        ),
    ],
    ids=["dev-zero", "dev-urandom", "fifo", "fifo-manuscript", "fifo-config"],
)
def test_endless_or_blocking_inputs_are_refused(
    tmp_path: Path, args: list[str], message: str
) -> None:
    os.mkfifo(tmp_path / "pipe.bib")
    (tmp_path / "ok.bib").write_text(ENTRY, encoding="utf-8")
    assert citeman(*args, cwd=tmp_path) == (2, f"citeman: error: {message}\n")


def test_fix_refuses_stdin_behind_a_pipe(tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.write(writer, ENTRY.encode())
    os.close(writer)
    try:
        code, stderr = citeman("fix", "/dev/stdin", cwd=tmp_path, stdin=reader)
    finally:
        os.close(reader)
    assert (code, stderr) == (
        2,
        "citeman: error: /dev/stdin: is a FIFO (named pipe), not a .bib file;"
        " citeman reads regular files only\n",
    )


def test_size_limit_is_configurable(workdir: Path) -> None:
    big = ENTRY + "%" * (1024 * 1024) + "\n"
    (workdir / "big.bib").write_text(big, encoding="utf-8")
    (workdir / "citeman.toml").write_text("max-file-mb = 1\n", encoding="utf-8")
    assert run("check", "big.bib") == (
        2,
        "",
        "citeman: error: big.bib: is larger than 1 MB, the most citeman reads;"
        " raise max-file-mb in the configuration to read it\n",
    )
    (workdir / "citeman.toml").write_text("max-file-mb = 1.5\n", encoding="utf-8")
    code, _, stderr = run("check", "big.bib")
    assert (code, stderr) == (1, "")  # read, and its entry's defects reported


def test_read_limited_stops_an_endless_stream() -> None:
    with open("/dev/zero", "rb") as endless, pytest.raises(InputError) as raised:
        textfile.read_limited(endless, "-", limit=1000)
    assert str(raised.value).startswith("-: is larger than 0.000953674 MB")


@pytest.mark.parametrize(
    "name", ["utf16-bom.bib", "utf16-nobom.bib"], ids=["with-bom", "without-bom"]
)
def test_utf16_is_named(name: str) -> None:
    path = str(HOSTILE / name)
    assert run("check", path) == (
        2,
        "",
        f"citeman: error: {path}: is UTF-16; save it as UTF-8\n",
    )


def test_utf32_is_named(tmp_path: Path) -> None:
    (tmp_path / "wide.bib").write_bytes(ENTRY.encode("utf-32"))
    with pytest.raises(InputError, match=r"wide\.bib: is UTF-32; save it as UTF-8$"):
        textfile.decode(str(tmp_path / "wide.bib"), ENTRY.encode("utf-32"), "text")
