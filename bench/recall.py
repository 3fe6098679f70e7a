"""Draw the recall sample: 40 seeded random entries of the real libraries.

Prints each sampled entry verbatim with its file:line and what ``citeman
check`` (default rules) reports for it, so a copy editor can list the defects
they would mark and compare (the judged list is
tests/data/realworld/recall/sample.toml, kept honest by
tests/realworld/test_recall.py):

    python bench/recall.py              # seed 1729, 40 entries
    python bench/recall.py --seed 7 --size 10
    python bench/recall.py --bib > tests/data/realworld/recall/sample.bib

``--bib`` writes the sampled entries verbatim as one .bib file (with the
@string definitions they use, and a comment naming each entry's source line),
which the test lints instead of the eleven whole libraries.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator

from precision import findings  # bench/ is on sys.path when run as a script

from citeman.model import Entry, Library
from citeman.problem import Problem

Drawn = tuple[str, Library, Entry, list[Problem]]


def pool() -> list[Drawn]:
    """Return every entry of the real libraries with its findings, file by file."""
    result = []
    for name, (library, problems) in findings().items():
        by_key: dict[str, list[Problem]] = {}
        for problem in problems:
            by_key.setdefault(problem.key or "", []).append(problem)
        result.extend(
            (name, library, entry, by_key.get(entry.key, []))
            for entry in library.entries
        )
    return result


def draw(seed: int, size: int) -> tuple[int, list[Drawn]]:
    """Return the pool size and ``size`` entries drawn from it with ``seed``."""
    everything = pool()
    return len(everything), random.Random(seed).sample(everything, size)


def report(seed: int, size: int) -> Iterator[str]:
    """Yield the sampled entries with their findings, as text."""
    total, chosen = draw(seed, size)
    yield f"{size} of {total} entries (seed {seed})"
    for number, (name, _, entry, problems) in enumerate(chosen, 1):
        yield f"\n=== {number}. {name}.bib:{entry.line} {entry.key}"
        yield entry.raw
        for problem in problems:
            yield f"  -> {problem.code} {problem.rule}: {problem.message}"
        if not problems:
            yield "  -> (no findings)"


def extract(seed: int, size: int) -> Iterator[str]:
    """Yield the sampled entries as one .bib file, macros they use first."""
    _, chosen = draw(seed, size)
    yield f"% The recall sample: bench/recall.py --seed {seed} --size {size} --bib"
    macros: dict[str, str] = {}
    for _, library, entry, _ in chosen:
        for macro in library.strings.values():
            used = re.search(rf"(=|#)\s*{re.escape(macro.name)}\b", entry.raw, re.I)
            if used and macro.name not in macros:
                macros[macro.name] = f'@string{{{macro.name} = "{macro.value}"}}'
    yield from macros.values()
    for name, _, entry, _ in chosen:
        yield f"\n% {name}.bib:{entry.line}"
        yield entry.raw


def main() -> None:
    """Print the sample (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1729)
    parser.add_argument("--size", type=int, default=40)
    parser.add_argument("--bib", action="store_true", help="print a .bib extract")
    args = parser.parse_args()
    lines = extract if args.bib else report
    for line in lines(args.seed, args.size):
        print(line)


if __name__ == "__main__":
    main()
