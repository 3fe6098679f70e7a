"""For the benchmarks: the real-entry corpora, and timing commands against a baseline.

Corpora are built by ``../shared/corpora/make_scale.py --out bench/data``
(git-ignored) from the eleven real bibliographies, once. Every command runs in
its own process; wall time, CPU time (user + system of that child, from
``os.wait4``) and peak memory (its ``ru_maxrss``) are taken per run. Runs of
the baseline and of citeman alternate, so that load from other work on the
machine hits both alike; medians of the runs are reported and compared.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SHARED = Path(os.environ.get("CITEMAN_SHARED", HERE.parent.parent / "shared"))

#: bibtexparser's own parse of a file, with its default middleware: the baseline.
PARSE = [
    sys.executable,
    "-c",
    "import sys, bibtexparser; bibtexparser.parse_file(sys.argv[1])",
]
CITEMAN = [sys.executable, "-m", "citeman"]


@dataclass(frozen=True)
class Run:
    """One process: wall and CPU seconds, peak memory in MiB, exit code."""

    wall: float
    cpu: float
    mib: float
    code: int


def corpus(name: str) -> Path:
    """Return ``bench/data/<name>.bib``, building the corpora first if missing."""
    path = DATA / f"{name}.bib"
    if not path.exists():
        maker = SHARED / "corpora" / "make_scale.py"
        subprocess.run([sys.executable, str(maker), "--out", str(DATA)], check=True)
    return path


def measure(command: Sequence[str], cwd: Path | None = None) -> Run:
    """Run ``command`` once with its output discarded and return its figures."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


def median(runs: Sequence[Run]) -> Run:
    """Return the median of each figure of ``runs``."""
    return Run(
        statistics.median(run.wall for run in runs),
        statistics.median(run.cpu for run in runs),
        statistics.median(run.mib for run in runs),
        runs[0].code,
    )


def alternate(commands: dict[str, Sequence[str]], repeat: int) -> dict[str, Run]:
    """Run each command ``repeat`` times, in turn, and return each one's medians."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command))
    return {name: median(found) for name, found in runs.items()}


def row(label: str, run: Run, base: Run) -> str:
    """Format one line: figures of ``run`` and their ratios to ``base``."""
    return (
        f"{label:<28} {run.wall:7.2f} s {run.cpu:7.2f} s {run.mib:7.0f} MiB"
        f"   {run.wall / base.wall:5.2f}x {run.cpu / base.cpu:5.2f}x"
        f" {run.mib / base.mib:5.2f}x"
    )


HEADER = (
    f"{'':<28} {'wall':>9} {'cpu':>9} {'peak':>11}   "
    f"{'wall':>6} {'cpu':>6} {'mem':>6}  (ratios to parse)"
)


def tool(name: str) -> str | None:
    """Return the path of an installed program, or None (and say it is absent)."""
    found = shutil.which(name) or _local_npm(name)
    if found is None:
        print(f"({name} is not installed: its comparison is left out)")
    return found


def _local_npm(name: str) -> str | None:
    candidate = HERE.parent / "node_modules" / ".bin" / name
    return str(candidate) if candidate.exists() else None
