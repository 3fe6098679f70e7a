"""Benchmark ``citeman fix --check`` against ``citeman check`` on the same file.

For each size, generates a library (bench/generate.py, with its realistic rate of
fixable defects), then runs in fresh processes ``citeman check`` and
``citeman fix --check``, and also ``citeman fix`` on a copy (which writes,
re-parses and verifies). Prints wall times, peak memory and the ratio of
fix --check to check; the issue's target is a ratio of at most 2 at 100k.

    python bench/fix.py            # 100k entries
    python bench/fix.py 1000 10000 # chosen sizes
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write

OUT = Path(__file__).resolve().parent / "out"

# Runs the citeman command line in-process after imports, so that start-up cost
# (the same for both commands) does not blur the ratio; prints the figures.
RUN = """
import json, resource, sys, time
from click.testing import CliRunner
from citeman.cli import main
start = time.perf_counter()
result = CliRunner().invoke(main, sys.argv[1:])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
lines = result.stdout.strip().splitlines()
print(json.dumps({"seconds": seconds, "peak_mb": peak, "exit": result.exit_code,
                  "summary": lines[-1] if lines else ""}))
"""


def measure(*args: str) -> dict[str, float | str]:
    """Run ``citeman ARGS`` in a fresh interpreter and return its figures."""
    output = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float | str] = json.loads(output.strip().splitlines()[-1])
    return figures


def main(sizes: list[int]) -> None:
    """Print one block per size: check, fix --check and fix, and the ratio."""
    for size in sizes:
        path = write(size, OUT)
        copy = OUT / f"fix-{path.name}"
        shutil.copy(path, copy)
        runs = {
            "check": measure("check", "--no-config", str(path)),
            "fix --check": measure("fix", "--check", "--no-config", str(path)),
            "fix (writes)": measure("fix", "--no-config", str(copy)),
        }
        copy.unlink()
        print(f"{size} entries ({path.name})")
        for name, figures in runs.items():
            seconds, peak = figures["seconds"], figures["peak_mb"]
            print(
                f"  {name:<13} {seconds:>7.2f} s {peak:>7.0f} MB"
                f"  exit {figures['exit']}  {figures['summary']}"
            )
        ratio = float(runs["fix --check"]["seconds"]) / float(runs["check"]["seconds"])
        print(f"  fix --check / check: {ratio:.2f}x (target <= 2x)", flush=True)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [100_000])
