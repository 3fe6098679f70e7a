"""Benchmark ``citeman check``'s cached re-checks against bibtexparser's parse.

Issue 12's targets, as ratios to bibtexparser 2's ``parse_file`` of the same
file measured in the same run: an unchanged library re-checked <= 0.15x, and
after editing one entry <= 0.25x. Each round measures the parse, then on a
copy of the corpus: a re-check of the unchanged file (answered by the
whole-output result cache), the same from the file's kept state
(``citeman.splice``, the result cache removed), the same from the entry cache
alone (kept states removed too), and a re-check after one letter of another
title had its case swapped (spliced from the kept state). One full check
fills the caches first. Quicker than ``bench/check.py``, which also times the
full check and fix.

    python bench/recheck.py scale-50000 -n 3
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from harness import CITEMAN, HEADER, PARSE, Run, corpus, measure, median, row

LABELS = (
    "parse (bibtexparser)",
    "re-check (result cache)",
    "re-check (kept state)",
    "re-check (entry cache)",
    "re-check, one entry edited",
)


def measure_rechecks(path: Path, runs: int, scratch: Path) -> dict[str, Run]:
    """Return the medians of the parse and of each kind of re-check of ``path``."""
    os.environ["CITEMAN_CACHE_DIR"] = str(scratch / "cache")
    results = scratch / "cache" / "results"
    states = scratch / "cache" / "states"
    copy = scratch / path.name
    shutil.copy(path, copy)
    check = [*CITEMAN, "check", "--no-config", "--format", "json", str(copy)]
    measure(check)  # fills both caches
    text = copy.read_text(encoding="utf-8")
    letters = [m.start(1) for m in re.finditer(r"\btitle\s*=\s*[{\"]([A-Za-z])", text)]
    found: dict[str, list[Run]] = {label: [] for label in LABELS}
    for index in range(runs):
        found[LABELS[0]].append(measure([*PARSE, str(path)]))
        shutil.rmtree(results, ignore_errors=True)
        shutil.rmtree(states, ignore_errors=True)
        found[LABELS[3]].append(measure(check))  # keeps both again
        found[LABELS[1]].append(measure(check))
        shutil.rmtree(results, ignore_errors=True)
        found[LABELS[2]].append(measure(check))
        at = letters[len(letters) * (index + 1) // (runs + 1)]
        text = text[:at] + text[at].swapcase() + text[at + 1 :]
        copy.write_text(text, encoding="utf-8")
        shutil.rmtree(results, ignore_errors=True)
        found[LABELS[4]].append(measure(check))
    return {label: median(each) for label, each in found.items()}


def main() -> None:
    """Measure one corpus and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="scale-10000")
    parser.add_argument("-n", "--runs", type=int, default=3)
    args = parser.parse_args()
    path = corpus(args.corpus)
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure_rechecks(path, args.runs, Path(scratch))
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {size:.1f} MiB, medians of {args.runs} alternating runs")
    print(HEADER)
    base = figures[LABELS[0]]
    for label, run in figures.items():
        print(row(label, run, base))


if __name__ == "__main__":
    main()
