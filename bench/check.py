"""Benchmark ``citeman check`` against bibtexparser's ``parse_file`` of the same file.

On the real-entry corpora (``bench/data/scale-*.bib``, built from the eleven
real bibliographies by ``make_scale.py``), runs alternately bibtexparser 2's
``parse_file``, ``citeman check --format json`` with every offline rule,
``fix --check`` and ``fix --diff`` (and bibtex-tidy when it is installed), then
``fix`` on fresh copies, a re-check of the unchanged file (result cache), and
re-checks answered by the entry cache: unchanged, and after editing one entry.
Prints medians of wall time, CPU time and peak memory, each also as a ratio to
the parse in the same run. Issue 12's targets: check <= 1.35x parse in time and
memory; a re-check <= 0.15x, after editing one entry <= 0.25x; fix --check <=
1.1x check; fix, fix --diff <= 1.5x.

    python bench/check.py                    # scale-10000, 3 runs each
    python bench/check.py scale-100000 -n 5  # chosen corpus and runs
    python bench/check.py scale-50000 --check-only --no-rechecks  # check alone
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from harness import (
    CITEMAN,
    HEADER,
    PARSE,
    Run,
    alternate,
    corpus,
    measure,
    median,
    row,
    tool,
)


def measure_all(
    path: Path,
    runs: int,
    scratch: Path,
    check_only: bool = False,
    rechecks: bool = True,
) -> dict[str, Run]:
    """Return the medians of the commands on ``path`` (fix, re-checks: if asked)."""
    check = [*CITEMAN, "check", "--no-config", "--format", "json", str(path)]
    commands = {
        "parse (bibtexparser)": [*PARSE, str(path)],
        "check --format json": [*check, "--no-cache"],
        "fix --check": [*CITEMAN, "fix", "--no-config", "--check", str(path)],
        "fix --diff": [*CITEMAN, "fix", "--no-config", "--diff", str(path)],
    }
    if check_only:
        del commands["fix --check"], commands["fix --diff"]
    tidy = tool("bibtex-tidy")
    if tidy:
        out = scratch / "tidy.bib"
        commands["bibtex-tidy"] = [tidy, f"--output={out}", str(path)]
    figures = alternate(commands, runs)
    copy = scratch / path.name
    fixes = []
    for _ in range(0 if check_only else runs):
        shutil.copy(path, copy)  # fix writes its file: a fresh copy each time
        fixes.append(measure([*CITEMAN, "fix", "--no-config", str(copy)]))
    if fixes:
        figures["fix (writes)"] = median(fixes)
    if not rechecks:
        return figures
    os.environ["CITEMAN_CACHE_DIR"] = str(scratch / "cache")
    measure(check)  # fills the cache
    figures["re-check (cached)"] = median([measure(check) for _ in range(runs)])
    figures.update(_entry_cache(path, runs, scratch))
    return figures


def _entry_cache(path: Path, runs: int, scratch: Path) -> dict[str, Run]:
    """Return re-checks answered by the entry cache: unchanged, and one entry edited.

    The whole-output cache is removed before each, so the entry cache answers;
    each edited run edits another entry (one letter of a title, case swapped).
    """
    copy = scratch / f"edited-{path.name}"
    shutil.copy(path, copy)
    check = [*CITEMAN, "check", "--no-config", "--format", "json", str(copy)]
    results = scratch / "cache" / "results"
    measure(check)  # fills the entry cache for this copy
    unchanged, edited = [], []
    text = copy.read_text(encoding="utf-8")
    titles = [m.start(1) for m in re.finditer(r"\btitle\s*=\s*[{\"]([A-Za-z])", text)]
    for index in range(runs):
        shutil.rmtree(results, ignore_errors=True)
        unchanged.append(measure(check))
        at = titles[len(titles) * (index + 1) // (runs + 1)]
        text = text[:at] + text[at].swapcase() + text[at + 1 :]
        copy.write_text(text, encoding="utf-8")
        shutil.rmtree(results, ignore_errors=True)
        edited.append(measure(check))
    return {
        "re-check (entry cache)": median(unchanged),
        "re-check, one entry edited": median(edited),
    }


def main() -> None:
    """Measure one corpus and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="scale-10000")
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="skip fix")
    parser.add_argument(
        "--no-rechecks", action="store_true", help="skip the cached re-checks"
    )
    args = parser.parse_args()
    path = corpus(args.corpus)
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure_all(
            path, args.runs, Path(scratch), args.check_only, not args.no_rechecks
        )
    size = path.stat().st_size / 2**20
    print(f"{path.name}: {size:.1f} MiB, medians of {args.runs} alternating runs")
    print(HEADER)
    base = figures["parse (bibtexparser)"]
    for label, run in figures.items():
        print(row(label, run, base))
    check = figures["check --format json"]
    for label in ("fix --check", "fix --diff", "fix (writes)"):
        if label in figures:
            run = figures[label]
            print(
                f"{label} / check: {run.wall / check.wall:.2f}x wall,"
                f" {run.cpu / check.cpu:.2f}x cpu"
            )


if __name__ == "__main__":
    main()
