"""Signals: Ctrl-C exits 130, SIGTERM/SIGHUP 128+N, and no temporary file stays.

Real processes get real signals at the moment their temporary file exists.
"""

from __future__ import annotations

import signal
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
    pending = dict(runs)
    deadline = time.monotonic() + 120
    while pending and time.monotonic() < deadline:
        for stop, run in list(pending.items()):
            if list((tmp_path / stop.name).glob(".big.bib.*")):
                run.send_signal(stop)  # its temporary file exists: stop it now
                del pending[stop]
        time.sleep(0.001)
    assert not pending, "a run never showed its temporary file"
    for stop, run in runs.items():
        _, stderr = run.communicate(timeout=60)
        folder = tmp_path / stop.name
        assert (run.returncode, stderr) == (
            128 + stop.value,
            f"citeman: stopped by {stop.name}\n",
        )
        assert sorted(path.name for path in folder.iterdir()) == ["big.bib"]
        assert (folder / "big.bib").read_text(encoding="utf-8") == original
