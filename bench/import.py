"""Benchmark ``citeman import`` against ``citeman render`` on the same references.

Renders a generated library (``bench/generate.py``, 10k entries by default) as
APA plain text, then imports that text back (find the list, read every
reference, name the entries, write the BibTeX) and compares the two times.
The issue's target: importing takes at most twice as long as rendering. It
also reports how many references render identically after the round trip.

    python bench/import.py              # 10k
    python bench/import.py 1000 20000   # chosen sizes
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import write

from citeman import parse, render
from citeman.importer import plain, run

OUT = Path(__file__).resolve().parent / "out"


def timed(action: Callable[..., object], *args: object) -> tuple[float, object]:
    """Return the seconds ``action(*args)`` took and what it returned."""
    start = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - start, result


def import_text(text: str) -> str:
    """Import a plain-text list and return the BibTeX, as the command does."""
    return run.read(plain.read("list.txt", text)).bibtex()


def measure(count: int) -> None:
    """Print render and import times for ``count`` generated entries."""
    entries = parse.load(write(count, OUT)).entries
    style = render.find("apa")
    render_seconds, rendered = timed(render.render, entries, style, "text")
    assert isinstance(rendered, str)
    import_seconds, bibtex = timed(import_text, rendered)
    assert isinstance(bibtex, str)
    again = render.render(parse.loads(bibtex, "imported.bib").entries, style, "text")
    pairs = zip(rendered.split("\n\n"), again.split("\n\n"), strict=False)
    same = sum(first == second for first, second in pairs)
    ratio = import_seconds / render_seconds
    print(
        f"{count:>6} references: render {render_seconds:.2f} s, import"
        f" {import_seconds:.2f} s ({ratio:.2f}x render; target <= 2x);"
        f" {same} of {len(entries)} render identically after the round trip"
    )


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [10_000]:
        measure(size)
