"""Benchmark ``citeman audit``: a 200-page manuscript, 2,000 citations, 10k entries.

Generates (deterministically) the 10k-entry library of ``generate.py`` and a
Markdown manuscript of 200 pages (about 500 words each) citing 2,000 works of
it: single and grouped parenthetical citations, narrative ones, pandoc keys,
and one in fifty with a wrong year. Then, in a fresh interpreter, reads both,
audits, and renders the text report, printing the time of each step. The
issue's target: under 2 s in all, parsing the library included.

    python bench/audit.py                  # 10k entries, 2,000 citations
    python bench/audit.py 100000 20000     # chosen sizes
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import WORDS, write

from citeman import parse
from citeman.audit import form, works

OUT = Path(__file__).resolve().parent / "out"
PAGES = 200
WORDS_PER_PAGE = 500

AUDIT = """
import json, logging, resource, sys, time
from collections import Counter
from citeman import parse
from citeman.audit import manuscript, run
from citeman.config import Config
from citeman.report import text
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
start = time.perf_counter()
library = parse.load(sys.argv[1])
parsed = time.perf_counter()
paper = manuscript.read(sys.argv[2])
model = run.build([paper], [library])
resolved = time.perf_counter()
problems = run.audit(model, Config().active_rules(manuscript=True))
report = text.render(problems)
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "parse": parsed - start, "resolve": resolved - parsed, "rules": done - resolved,
    "total": done - start, "peak_mb": peak, "citations": len(model.resolutions),
    "codes": Counter(problem.code for problem in problems),
}))
"""


def manuscript_text(bib: Path, citations: int, seed: int = 6) -> str:
    """Return a Markdown manuscript citing ``citations`` works of ``bib``."""
    rng = random.Random(seed)
    cited = works.build([parse.load(bib)])
    words_between = PAGES * WORDS_PER_PAGE // citations
    pieces: list[str] = []
    made = 0
    while made < citations:
        pieces.append(" ".join(rng.choices(WORDS, k=words_between)).capitalize())
        roll = rng.random()
        if roll < 0.15:  # two or three works in reference-list order
            group = sorted(rng.sample(cited, rng.randint(2, 3)), key=_order)
            inner = "; ".join(form.cite(work, narrative=False) for work in group)
            pieces.append(f"({inner}).")
            made += len(group)
            continue
        work = rng.choice(cited)
        if roll < 0.17:
            work = _wrong_year(work)
        if roll < 0.35:
            pieces.append(f"as {form.cite(work, narrative=True)} show.")
        elif roll < 0.40:
            pieces.append(f"[@{work.entry.key}, p. {rng.randint(1, 300)}].")
        else:
            pieces.append(f"({form.cite(work, narrative=False)}).")
        made += 1
        if rng.random() < 0.1:
            pieces.append("\n\n")
    return _wrap(" ".join(pieces))


def _order(work: works.Work) -> tuple[str, str, tuple[str, ...], int, str]:
    return work.sort_key


def _wrong_year(work: works.Work) -> works.Work:
    from dataclasses import replace

    year = str(int(work.year) + 1) if work.year.isdigit() else work.year
    return replace(work, year=year, suffix="")


def _wrap(text: str, width: int = 80) -> str:
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines += [line, ""]
    return "\n".join(lines)


def main() -> None:
    """Generate the inputs, run the audit three times, print the best figures."""
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    citations = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    bib = write(entries, OUT)
    paper = OUT / f"audit-{entries}-{citations}.md"
    if not paper.exists():
        paper.write_text(manuscript_text(bib, citations), encoding="utf-8")
    size = paper.stat().st_size
    print(f"library: {bib.name} ({entries} entries)")
    print(f"manuscript: {paper.name} ({size / 1000:.0f} kB, {citations} citations)")
    runs = []
    for _ in range(3):
        output = subprocess.run(
            [sys.executable, "-c", AUDIT, str(bib), str(paper)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(output))
    best = min(runs, key=lambda figures: figures["total"])
    print(
        f"parse library {best['parse']:.2f} s, read and resolve"
        f" {best['resolve']:.2f} s, rules and report {best['rules']:.2f} s"
    )
    verdict = "under" if best["total"] < 2 else "OVER"
    print(f"total {best['total']:.2f} s ({verdict} the 2 s target),"
          f" peak {best['peak_mb']:.0f} MB")  # fmt: skip
    print(f"citations found {best['citations']}, findings {best['codes']}")


if __name__ == "__main__":
    main()
