"""The "reading FILE" line and the progress bar wait about a second (on a terminal).

stderr is a real pseudo-terminal here, so citeman believes a person is watching.
"""

from __future__ import annotations

import os
import pty
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
