"""Concurrent writers: a second citeman waits its turn, and an edit is never lost.

The test holds the file's lock itself to make each race happen every time:
the citeman processes it starts say that they wait, and the test changes the
file (as an editor would) before letting them go on.
"""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import start_citeman, write_pages_library

PAGES = "@book{a, title = {T}, pages = {1-2}}\n"
CHANGED = (
    "citeman: error: lib.bib: changed since it was read; nothing written (an editor"
    " or another citeman run changed it: run the command again)\n"
)
WAITING = "citeman: waiting for lib.bib: another process is writing it\n"


def _line(run: subprocess.Popen[str], seconds: float = 60) -> str:
    """Return the next line ``run`` writes on stderr, or "" if none comes in time."""
    assert run.stderr is not None
    ready, _, _ = select.select([run.stderr], [], [], seconds)
    return run.stderr.readline() if ready else ""


def _fix(folder: Path, *rules: str) -> subprocess.Popen[str]:
    return start_citeman("fix", "lib.bib", "--select", ",".join(rules), cwd=folder)


def _finish(run: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = run.communicate(timeout=60)
    return run.returncode, stderr


def test_two_fix_runs_take_turns_and_the_second_loses_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(PAGES, encoding="utf-8")
    with path.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        runs = [_fix(tmp_path, "CM203"), _fix(tmp_path, "CM203")]
        try:
            assert [_line(run) for run in runs] == [WAITING, WAITING]
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    results = sorted(_finish(run) for run in runs)
    # Both read "1-2"; the first to get the lock fixes it, the other must see
    # that the file is no longer what it read and write nothing.
    assert results == [(0, ""), (2, CHANGED)]
    assert path.read_text(encoding="utf-8") == PAGES.replace("1-2", "1--2")


@pytest.mark.parametrize("how", ["in-place", "by-rename"])
def test_an_edit_saved_while_fix_waits_is_kept(tmp_path: Path, how: str) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(PAGES, encoding="utf-8")
    edited = PAGES.replace("{T}", "{T, as the user saved it}")
    with path.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = _fix(tmp_path, "CM203")
        try:
            assert _line(run) == WAITING
            if how == "in-place":
                path.write_text(edited, encoding="utf-8")
            else:
                (tmp_path / "saved").write_text(edited, encoding="utf-8")
                os.replace(tmp_path / "saved", path)
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)
    assert _finish(run) == (2, CHANGED)
    assert path.read_text(encoding="utf-8") == edited


def test_an_edit_saved_during_verification_is_kept(tmp_path: Path) -> None:
    """The user saves while citeman checks its temporary file: no lock helps here."""
    path = write_pages_library(tmp_path / "lib.bib", 1500)
    edited = path.read_text(encoding="utf-8").replace("A title 7}", "Edited}")
    run = _fix(tmp_path, "CM203")
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".lib.bib.*")) and time.monotonic() < deadline:
        time.sleep(0.001)
    with path.open("r+", encoding="utf-8") as file:  # in place: same inode
        file.write(edited)
        file.truncate()
    assert _finish(run) == (2, CHANGED)
    assert path.read_text(encoding="utf-8") == edited
    assert sorted(item.name for item in tmp_path.iterdir()) == ["lib.bib"]
