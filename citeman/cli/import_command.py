"""``citeman import``: turn a formatted reference list into BibTeX (or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from citeman import atomic
from citeman.cli import import_online, online
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    load_config,
    reported_errors,
)
from citeman.cli.output import say
from citeman.importer import reader, report, run
from citeman.importer.document import Document
from citeman.problem import Problem
from citeman.textfile import decode, read_limited


def read_document(path: str) -> Document:
    """Read ``path`` (``-`` for standard input) as a document."""
    if path == "-":
        data = read_limited(sys.stdin.buffer, "<stdin>")
        return reader.from_text("<stdin>", decode("<stdin>", data, "a text document"))
    return reader.read(path)


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["bibtex", "json"]),
    default="bibtex",
    show_default=True,
    help="BibTeX entries, or JSON with each reference's reading and problems.",
)
@click.option(
    "--style",
    type=click.Choice(sorted(run.STYLES)),
    default="apa",
    show_default=True,
    help="The style the list is written in.",
)
@online.options
def import_(
    path: str, output: Path | None, output_format: str, style: str, **crossref: Any
) -> None:
    """Read a formatted reference list into BibTeX entries, in list order.

    PATH is a .txt, .md or .docx document, or - for standard input. The list
    is what follows a References (Bibliography, Works Cited) heading, else the
    whole document. What cannot be read is kept in a note field and reported
    on stderr with its line and column. With --online, each reference is
    matched in Crossref: a certain match adds its DOI, and where the list
    differs from the registered work is reported.

    \b
    Exit codes:
      0  every reference read completely
      1  some part of a reference could not be placed, or (--online) the
         list differs from a registered work (see stderr)
      2  usage or input error: unreadable file, no reference list; or a
         Crossref lookup that failed (--online; the output is still written)
    """
    with reported_errors():
        if output is not None:
            # Before the work, so a mistaken -o costs nothing.
            atomic.output_target(output, _inputs(path), "-o")
        imported = run.read(read_document(path), style)
        going_online = online.OnlineOptions(**crossref)
        differences: list[Problem] = []
        resolver = None
        if going_online.wanted:
            config = load_config(None, False)
            imported, differences, resolver = import_online.verify(
                imported, config, going_online
            )
        if output_format == "json":
            text = report.json_document(imported)
        else:
            text = imported.bibtex()
        if output is None:
            click.echo(text, nl=False)
        else:
            atomic.replace_text(output, text, inputs=_inputs(path), option="-o")
    lines = report.problem_lines(imported) + import_online.problem_lines(differences)
    for line in lines:
        say(line, err=True)
    if output is not None:
        count = len(imported.references)
        say(f"wrote {count} entries to {output}", err=True)
    if online.report_unverified(resolver):
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if lines else EXIT_CLEAN)


def _inputs(path: str) -> list[str]:
    """Return the files read: the document, unless it comes on standard input."""
    return [] if path == "-" else [path]
