"""For the benchmarks: the real-entry corpora, and timing commands against a baseline.

Corpora are built by ``../shared/corpora/make_scale.py --out bench/data``
(git-ignored) from the eleven real bibliographies, once. Every command runs in
its own process; wall time, CPU time (user + system of that child and of
every process it started and waited for, from ``os.wait4``) and peak memory
are taken per run. Peak memory is the larger of the child's own peak
(``ru_maxrss``) and the largest memory of the whole process tree, sampled every
20 ms while it runs: the child's resident size plus, for each process below it,
the pages that process holds privately (``Private_Clean`` + ``Private_Dirty`` of
``/proc/<pid>/smaps_rollup``). A forked worker is thus charged for what it
copied or allocated, not again for the pages it still shares with its parent
(summing resident sizes counted each shared page once per process). Runs of the
baseline and of citeman alternate, so that load from other work on the machine
hits both alike; medians of the runs are reported and compared.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
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
    done = threading.Event()
    tree: list[int] = [0]
    sampler = threading.Thread(target=_sample, args=(process.pid, done, tree))
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    peak = max(usage.ru_maxrss, tree[0]) / 1024
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, code)


def _sample(root: int, done: threading.Event, peak: list[int]) -> None:
    """Keep in ``peak[0]`` the largest KiB held by ``root`` and its descendants."""
    while not done.wait(0.02):
        below = _tree(root)[1:]
        held = _resident_kib(root) + sum(_private_kib(pid) for pid in below)
        peak[0] = max(peak[0], held)


def _tree(root: int) -> list[int]:
    """Return ``root`` and every process below it (Linux ``/proc``; else root)."""
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    waiting += [int(child) for child in children.read().split()]
        except OSError:
            continue  # ended meanwhile, or no /proc
    return found


def _resident_kib(pid: int) -> int:
    return _status_kib(f"/proc/{pid}/status", ("VmRSS:",))


def _private_kib(pid: int) -> int:
    """Pages only ``pid`` maps: what a forked process adds to its parent's."""
    fields = ("Private_Clean:", "Private_Dirty:")
    return _status_kib(f"/proc/{pid}/smaps_rollup", fields)


def _status_kib(path: str, fields: tuple[str, ...]) -> int:
    """Sum the ``kB`` figures of ``fields`` in a /proc file (0 once it is gone)."""
    total = 0
    try:
        with open(path) as status:
            for line in status:
                if line.startswith(fields):
                    total += int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return total


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
