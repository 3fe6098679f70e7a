"""Signals: Ctrl-C exits 130, SIGTERM/SIGHUP 128+N, and no temporary file stays.

Real processes (fix, render -o) get real signals at the moment their temporary
file exists, or before it does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.conftest import start_citeman, write_pages_library


def test_a_stop_signal_mid_write_leaves_the_file_and_no_temporary(
    tmp_path: Path,
) -> None:
    # The three runs go at once, each on its own copy, to share the wait.
    runs = {}
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        folder = tmp_path / stop.name
        folder.mkdir()
        write_pages_library(folder / "big.bib", 600)
        runs[stop] = start_citeman("fix", "big.bib", "--select", "CM203", cwd=folder)
    original = (tmp_path / "SIGINT" / "big.bib").read_text(encoding="utf-8")
    stop_each_while_writing(runs, tmp_path, ".big.bib.")
    for stop, run in runs.items():
        assert_stopped(run, stop)
        folder = tmp_path / stop.name
        assert sorted(path.name for path in folder.iterdir()) == ["big.bib"]
        assert (folder / "big.bib").read_text(encoding="utf-8") == original


def write_long_titles(path: Path, count: int) -> Path:
    """Write ``count`` complete entries, each with a 200,000-character title.

    Their reference list is about ``count`` x 200 KB: writing it (and syncing
    it to disk) lasts long enough for a test to act while ``render -o`` has its
    temporary file, and reading and rendering them long enough to act before.
    """
    title = " ".join(["Word"] + ["word"] * 39_999)  # a clean title: no warning
    path.write_text(
        "".join(
            f"@misc{{key{number},\n  author = {{Smith, Anne}},\n"
            f"  title = {{{title}}},\n  year = {{2001}},\n}}\n\n"
            for number in range(count)
        ),
        encoding="utf-8",
    )
    return path


def test_a_stop_signal_while_render_writes_keeps_the_old_output_and_no_temporary(
    tmp_path: Path,
) -> None:
    runs = {}
    for stop in (signal.SIGTERM, signal.SIGHUP):
        folder = tmp_path / stop.name
        folder.mkdir()
        write_long_titles(folder / "big.bib", 60)
        (folder / "out.txt").write_text("the list of yesterday\n", encoding="utf-8")
        runs[stop] = start_citeman("render", "big.bib", "-o", "out.txt", cwd=folder)
    stop_each_while_writing(runs, tmp_path, ".out.txt.")
    for stop, run in runs.items():
        assert_stopped(run, stop)
        folder = tmp_path / stop.name
        assert sorted(os.listdir(folder)) == ["big.bib", "out.txt"]
        text = (folder / "out.txt").read_text(encoding="utf-8")
        assert text == "the list of yesterday\n"


def _catches(pid: int, stop: signal.Signals) -> bool:
    """Return whether process ``pid`` has a handler for ``stop`` (Linux's SigCgt)."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    mask = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask.split()[1], 16) >> (stop.value - 1) & 1)


def test_a_stop_signal_before_render_writes_leaves_no_output_and_no_temporary(
    tmp_path: Path,
) -> None:
    write_long_titles(tmp_path / "big.bib", 60)
    runs = {}
    for stop in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        folder = tmp_path / stop.name
        folder.mkdir()
        os.link(tmp_path / "big.bib", folder / "big.bib")
        runs[stop] = start_citeman("render", "big.bib", "-o", "out.txt", cwd=folder)
    for stop, run in runs.items():
        # Once citeman handles SIGTERM, the command has begun: it is reading
        # and rendering, far from writing anything.
        deadline = time.monotonic() + 60
        while not _catches(run.pid, signal.SIGTERM) and time.monotonic() < deadline:
            time.sleep(0.001)
        run.send_signal(stop)
    for stop, run in runs.items():
        assert_stopped(run, stop)
        assert os.listdir(tmp_path / stop.name) == ["big.bib"]


def stop_each_while_writing(
    runs: dict[signal.Signals, subprocess.Popen[str]], tmp_path: Path, prefix: str
) -> None:
    """Send each run its signal once its folder holds its temporary file.

    Run ``N`` works in ``tmp_path / N``; its temporary file's name starts with
    ``prefix``. A run that ends before one is seen fails the test.
    """
    pending, missed = dict(runs), []
    deadline = time.monotonic() + 120
    while pending and time.monotonic() < deadline:
        for stop, run in list(pending.items()):
            names = os.listdir(tmp_path / stop.name)
            if any(name.startswith(prefix) for name in names):
                run.send_signal(stop)  # its temporary file exists: stop it now
                del pending[stop]
            elif run.poll() is not None:
                missed.append(stop.name)
                del pending[stop]
        time.sleep(0.001)
    assert (pending, missed) == ({}, []), "a run never showed its temporary file"


def assert_stopped(run: subprocess.Popen[str], stop: signal.Signals) -> None:
    """Assert that ``run`` ended as ``stop`` asks: exit 128+N and one line saying so."""
    _, stderr = run.communicate(timeout=60)
    assert (run.returncode, stderr) == (
        128 + stop.value,
        f"citeman: stopped by {stop.name}\n",
    )
