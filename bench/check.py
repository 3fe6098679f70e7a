"""Benchmark ``citeman check`` against bibtexparser's own ``parse_file``.

For 1k, 10k and 100k generated entries, runs in fresh processes (so peak memory is
each run's own) bibtexparser 2's bare ``parse_file`` with its default middleware,
then ``citeman check`` with every offline rule, and prints times, peak memory and
the ratios. The issue's target: at 100k, check within 1.5x of parse in time and
in peak memory.

    python bench/check.py            # 1k, 10k, 100k
    python bench/check.py 1000 10000 # chosen sizes
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write

OUT = Path(__file__).resolve().parent / "out"

# Each snippet runs in its own interpreter and prints {"seconds", "peak_mb", ...}.
PARSE = """
import json, resource, sys, time
import bibtexparser
start = time.perf_counter()
library = bibtexparser.parse_file(sys.argv[1])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
entries = len(library.entries)
print(json.dumps({"seconds": seconds, "peak_mb": peak, "entries": entries}))
"""

CHECK = """
import json, logging, resource, sys, time
from citeman import lint, parse
from citeman.config import Config
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
start = time.perf_counter()
library = parse.load(sys.argv[1])
parsed = time.perf_counter()
problems = lint.lint([library], Config().active_rules())
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "parse_seconds": parsed - start,
                  "entries": len(library.entries), "problems": len(problems)}))
"""


def measure(snippet: str, path: Path) -> dict[str, float]:
    """Run ``snippet`` on ``path`` in a fresh interpreter and return its figures."""
    output = subprocess.run(
        [sys.executable, "-c", snippet, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def main(sizes: list[int]) -> None:
    """Print one row per size: parse and check time and memory, and their ratios."""
    print(
        f"{'entries':>8} {'parse s':>8} {'check s':>8} {'ratio':>6} "
        f"{'parse MB':>9} {'check MB':>9} {'ratio':>6} {'problems':>9}"
    )
    for size in sizes:
        path = write(size, OUT)
        base = measure(PARSE, path)
        ours = measure(CHECK, path)
        print(
            f"{size:>8} {base['seconds']:>8.2f} {ours['seconds']:>8.2f} "
            f"{ours['seconds'] / base['seconds']:>6.2f} {base['peak_mb']:>9.0f} "
            f"{ours['peak_mb']:>9.0f} {ours['peak_mb'] / base['peak_mb']:>6.2f} "
            f"{ours['problems']:>9.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1_000, 10_000, 100_000])
