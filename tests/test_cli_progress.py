"""The "reading FILE" line and the progress bar wait about a second (on a terminal).

stderr is a real pseudo-terminal here, so citeman believes a person is watching.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

PAGES = "@article{p, title = {T}, pages = {1-2}, doi = {10.1000/p}}\n"


def _check(args: list[str], stdin_text: str, delay: float, cwd: Path) -> str:
    """Run ``citeman check`` with stderr on a terminal; return what it printed there.

    With a ``delay``, standard input is written only that many seconds after
    citeman started waiting for it, which makes reading slow for real.
    """
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "citeman", "check", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        cwd=cwd,
    )
    os.close(follower)
    assert process.stdin is not None
    if delay:
        _wait_until_reading(process.pid)
        time.sleep(delay)
    process.stdin.write(stdin_text.encode())
    process.stdin.close()
    process.wait(timeout=60)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks).decode()


def _wait_until_reading(pid: int) -> None:
    """Wait until the process blocks reading its stdin pipe (Linux's wchan)."""
    wchan = Path(f"/proc/{pid}/wchan")
    for _ in range(600):
        if "pipe" in wchan.read_text():
            return
        time.sleep(0.05)
    raise AssertionError("citeman never started reading standard input")


def test_a_quick_run_says_nothing_about_progress(tmp_path: Path) -> None:
    (tmp_path / "a.bib").write_text(PAGES)
    assert _check(["a.bib", "--select", "CM203"], "", 0, tmp_path) == ""


def test_a_slow_read_is_announced(tmp_path: Path) -> None:
    err = _check(["-", "--stdin-filename", "slow.bib"], PAGES, 1.5, tmp_path)
    assert err.splitlines() == ["reading slow.bib"]


#: The command ``_check_on_terminal`` runs unless told another.
CHECK = ("check", "--no-config", "--no-cache", "--format", "json")


def _check_on_terminal(
    path: Path, cwd: Path, command: tuple[str, ...] = CHECK
) -> tuple[str, str]:
    """Run a chunked ``command`` (``check --format json``) with stderr on a
    terminal; return (out, err)."""
    leader, follower = pty.openpty()
    output = (cwd / "out.json").open("w+b")  # a pipe could fill up and block
    environment = {**os.environ, "CITEMAN_PROGRESS_DELAY": "0",
                   "CITEMAN_CHUNK_SIZE": "100", "CITEMAN_WORKERS": "2"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "citeman", *command, str(path)],
        stdin=subprocess.DEVNULL, stdout=output, stderr=follower,
        cwd=cwd, env=environment,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=120)
    output.seek(0)
    out = output.read().decode()
    output.close()
    return out, b"".join(chunks).decode()


def test_every_stage_of_a_check_is_shown_with_counts_then_erased(
    tmp_path: Path,
) -> None:
    library = tmp_path / "library.bib"
    library.write_text(
        "".join(
            f"@article{{key{number},\n  author = {{Smith, Anne}},\n"
            f"  title = {{A Title In Title Case {number}}},\n"
            f"  journal = {{J. Psychol. Res.}},\n  year = {{2001}},\n"
            f"  pages = {{1-2}},\n}}\n\n"
            for number in range(600)
        )
    )
    out, err = _check_on_terminal(library, tmp_path)
    assert json.loads(out) and "\x1b" not in out and "\r" not in out
    assert err.startswith(f"reading {library}\r\n")
    lines = [line for line in err.split("\r")[1:] if line.strip("\x1b[K\n")]
    stages = [line.split(" (")[0] for line in lines]
    first = f"parsing and checking the blocks of {library}"
    # The blocks are counted chunk by chunk, then each library-wide rule is
    # named with its number, then the fixes are vetted and the output written.
    counted = [stage for stage in stages if stage.startswith(first)]
    assert counted[0] == f"{first} 0/600" and f"{first} 400/600" in counted
    rules = [stage for stage in stages if stage.startswith("library-wide rule ")]
    assert rules[0].startswith("library-wide rule 1/") and len(set(rules)) >= 5
    assert stages.index(counted[-1]) < stages.index(rules[0])
    distinct = [stage for number, stage in enumerate(stages)
                if number == 0 or stage != stages[number - 1]]  # fmt: skip
    # The fixes are counted as they are vetted, then the report as it is
    # written, to the last problem.
    vetting = [stage for stage in distinct if stage.startswith("vetting fixes")]
    writing = [stage for stage in distinct if stage.startswith("writing problems")]
    assert distinct[-len(writing) - len(vetting) :] == vetting + writing
    assert vetting[-1] == "vetting fixes 3,000/3,000", vetting
    assert writing[-1] == "writing problems 3,000/3,000", writing
    assert all(re.fullmatch(r".* \(\d+ s\) [|/\\-]\x1b\[K", line) for line in lines)
    # The wheel at the end turns at every redraw: no line is drawn twice.
    assert all(line != lines[number - 1] for number, line in enumerate(lines) if number)
    assert err.endswith("\r\x1b[K")  # the line is erased at the end


def _fixable(tmp_path: Path) -> Path:
    """Write 600 entries whose pages need a fix (an en dash)."""
    library = tmp_path / "library.bib"
    library.write_text(
        "".join(
            f"@article{{key{number},\n  author = {{Smith, Anne}},\n"
            f"  title = {{A title {number}}},\n  journal = {{J}},\n"
            f"  year = {{2001}},\n  pages = {{1-2}},\n}}\n\n"
            for number in range(600)
        )
    )
    return library


def _stages(err: str) -> tuple[list[str], list[str]]:
    """Return the status lines drawn on ``err`` and their stages, each once."""
    lines = [line for line in err.split("\r")[1:] if line.strip("\x1b[K\n")]
    stages = [line.split(" (")[0] for line in lines]
    distinct = [stage for number, stage in enumerate(stages)
                if number == 0 or stage != stages[number - 1]]  # fmt: skip
    return lines, distinct


def test_a_fix_check_counts_its_rounds_and_their_vetting(tmp_path: Path) -> None:
    library = _fixable(tmp_path)
    command = ("fix", "--no-config", "--check")
    out, err = _check_on_terminal(library, tmp_path, command)
    assert "600 fixes pending" in out
    _, distinct = _stages(err)
    fixing = f"fixing {library}: round 1"
    assert f"{fixing} 0/600" in distinct and f"{fixing} 600/600" in distinct
    vetting = [stage for stage in distinct if stage.startswith(f"{fixing}: vetting")]
    assert vetting and re.fullmatch(r".* ([\d,]+)/\1", vetting[-1]), vetting


def test_every_stage_of_a_fix_is_shown_then_erased(tmp_path: Path) -> None:
    library = _fixable(tmp_path)
    out, err = _check_on_terminal(library, tmp_path, ("fix", "--no-config"))
    assert out.startswith(f"{library}: fixed 600 problems in 600 entries")
    assert "\x1b" not in out and "\r" not in out
    lines, distinct = _stages(err)
    # Read and checked by chunks (counted), fixed round by round, written and
    # verified, then checked again: the changed entries counted among all.
    first = f"parsing and checking the blocks of {library}"
    assert f"{first} 0/600" in distinct and f"{first} 600/600" in distinct
    named = [re.sub(r" [\d,]+/[\d,]+$", "", stage) for stage in distinct]
    fixing = f"fixing {library}: round 1"
    writing = f"writing and verifying {library}"
    assert fixing in named and writing in named
    assert named.index(first) < named.index(fixing) < named.index(writing)
    # Each round counts the entries it checks again; writing counts the runs
    # of changed segments read before and after (the 600 changed entries
    # stand side by side: one run).
    assert f"{fixing} 0/600" in distinct and f"{fixing} 600/600" in distinct
    assert f"{writing} 0/2" in distinct and f"{writing} 2/2" in distinct
    written = len(named) - named[::-1].index(writing)  # after its last line
    again = named[written:]
    assert again[0] == "checking entries"
    assert "checking entries 600/600" in distinct[written:]
    assert any(stage.startswith("library-wide rule ") for stage in again)
    assert again[-1] == "vetting fixes"
    assert all(re.fullmatch(r".* \(\d+ s\) [|/\\-]\x1b\[K", line) for line in lines)
    assert err.endswith("\r\x1b[K")  # the line is erased at the end
