"""``citeman import``: turn a formatted reference list into BibTeX (or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citeman import atomic
from citeman.cli.inputs import EXIT_CLEAN, EXIT_FINDINGS, reported_errors
from citeman.cli.output import say
from citeman.importer import reader, report, run
from citeman.importer.document import Document
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
def import_(path: str, output: Path | None, output_format: str, style: str) -> None:
    """Read a formatted reference list into BibTeX entries, in list order.

    PATH is a .txt, .md or .docx document, or - for standard input. The list
    is what follows a References (Bibliography, Works Cited) heading, else the
    whole document. What cannot be read is kept in a note field and reported
    on stderr with its line and column.

    \b
    Exit codes:
      0  every reference read completely
      1  some part of a reference could not be placed (see stderr)
      2  usage or input error: unreadable file, no reference list
    """
    with reported_errors():
        if output is not None:
            # Before the work, so a mistaken -o costs nothing.
            atomic.output_target(output, _inputs(path), "-o")
        imported = run.read(read_document(path), style)
        if output_format == "json":
            text = report.json_document(imported)
        else:
            text = imported.bibtex()
        if output is None:
            click.echo(text, nl=False)
        else:
            atomic.replace_text(output, text, inputs=_inputs(path), option="-o")
    lines = report.problem_lines(imported)
    for line in lines:
        say(line, err=True)
    if output is not None:
        count = len(imported.references)
        say(f"wrote {count} entries to {output}", err=True)
    raise SystemExit(EXIT_FINDINGS if lines else EXIT_CLEAN)


def _inputs(path: str) -> list[str]:
    """Return the files read: the document, unless it comes on standard input."""
    return [] if path == "-" else [path]
