"""Count what ``citeman check`` reports on the eleven real libraries, rule by rule.

Prints a table of findings per rule (rows) and file (columns), so that a change
in noise is visible at a glance, and draws seeded random samples of one rule's
findings with their entries, for reading as a copy editor would:

    python bench/precision.py                      # the table
    python bench/precision.py --sample CM202 15    # 15 findings of CM202, seed 1
    python bench/precision.py --sample CM202 15 --seed 2
    python bench/precision.py --sample CM202 15 --match "opens a subtitle"

The corpora are ../shared/corpora/real beside the repository, or
$CITEMAN_SHARED/corpora/real.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
from collections import Counter
from pathlib import Path

from citeman import lint, parse
from citeman.config import Config
from citeman.model import Library
from citeman.problem import Problem

ROOT = Path(__file__).resolve().parent.parent


def corpora() -> list[Path]:
    """Return the real .bib files, in name order."""
    shared = os.environ.get("CITEMAN_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return sorted((base / "corpora" / "real").glob("*.bib"))


def findings() -> dict[str, tuple[Library, list[Problem]]]:
    """Lint each real file on its own with the default rules."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    active = Config().active_rules()
    result = {}
    for path in corpora():
        library = parse.load(path)
        result[path.stem] = (library, lint.lint([library], active))
    return result


def table(found: dict[str, tuple[Library, list[Problem]]]) -> str:
    """Return the rule-by-file table of finding counts."""
    counts = {
        name: Counter(p.code for p in problems) for name, (_, problems) in found.items()
    }
    codes = sorted({code for counter in counts.values() for code in counter})
    names = list(counts)
    short = [name.split("-", 1)[-1][:9] for name in names]
    lines = ["rule    " + " ".join(f"{s:>9}" for s in short) + "     total"]
    for code in codes:
        row = [counts[name][code] for name in names]
        lines.append(
            f"{code:<8}" + " ".join(f"{n:>9}" for n in row) + f" {sum(row):>9}"
        )
    totals = [sum(counts[name].values()) for name in names]
    lines.append(
        "total   " + " ".join(f"{n:>9}" for n in totals) + f" {sum(totals):>9}"
    )
    return "\n".join(lines)


def sample(found: dict[str, tuple[Library, list[Problem]]], code: str, size: int,
           seed: int, match: str = "") -> str:  # fmt: skip
    """Return ``size`` random findings of rule ``code`` with their entries.

    ``match`` keeps only findings whose message holds it (one kind of a
    rule's findings, e.g. a check new to the rule).
    """
    pool = [(name, library, problem) for name, (library, problems) in found.items()
            for problem in problems
            if problem.code == code and match in problem.message]  # fmt: skip
    chosen = random.Random(seed).sample(pool, min(size, len(pool)))
    out = [f"{code}: {len(pool)} findings, {len(chosen)} sampled (seed {seed})"]
    for name, library, problem in chosen:
        entry = next((e for e in library.entries if e.key == problem.key), None)
        out.append(
            f"\n### {name}:{problem.span.line} [{problem.key}] {problem.message}"
        )
        if problem.fix is not None:
            kind = "safe" if problem.fix.safe else "unsafe"
            out.append(f"    fix ({kind}): {problem.fix.old!r} -> {problem.fix.new!r}")
        if entry is not None:
            out.append(entry.raw[:1500])
    return "\n".join(out)


def main() -> None:
    """Print the table, or a sample of one rule's findings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sample", nargs=2, metavar=("CODE", "SIZE"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--match", default="", help="only messages holding this")
    args = parser.parse_args()
    found = findings()
    if args.sample:
        code, size = args.sample[0].upper(), int(args.sample[1])
        print(sample(found, code, size, args.seed, args.match))
    else:
        print(table(found))


if __name__ == "__main__":
    main()
