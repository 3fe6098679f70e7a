"""``citeman render``: print entries as a reference list in a style and a format."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from citeman import atomic, lint, render, rules
from citeman.cli import render_input
from citeman.cli.inputs import (
    load_config,
    read_files,
    reported_errors,
    resolve_paths,
    stderr_is_terminal,
)
from citeman.cli.output import say
from citeman.cli.progress import LateStatus
from citeman.config import Config
from citeman.errors import UsageError
from citeman.model import Entry, Library
from citeman.render import Stage
from citeman.render.reference import Reference, unprinted_urls

#: Findings that change what a reference prints: rendering goes on, as best it
#: can, but says so on stderr (defects are never passed through silently).
AFFECTING_OUTPUT = (
    "CM002",
    "CM201",
    "CM202",
    "CM203",
    "CM204",
    "CM205",
    "CM207",
    "CM210",
    "CM301",
    "CM302",
)


def select(libraries: Sequence[Library], keys: Sequence[str]) -> list[Entry]:
    """Return the entries named by ``keys`` in that order (all when none are named)."""
    entries = [entry for library in libraries for entry in library.entries]
    if not keys:
        return entries
    by_key: dict[str, Entry] = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    chosen = []
    for key in keys:
        if key not in by_key:
            close = difflib.get_close_matches(key, list(by_key), n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            where = ", ".join(library.path for library in libraries)
            raise UsageError(f'no entry with key "{key}" in {where}{hint}')
        chosen.append(by_key[key])
    return chosen


def warn_about(
    libraries: Sequence[Library],
    entries: Sequence[Entry],
    config: Config,
    stage: Stage | None = None,
    advance: Callable[[int], None] | None = None,
) -> None:
    """Print on stderr each finding that changes how ``entries`` are printed.

    The whole library is checked (a rule such as title-case compares entries),
    and the findings about the chosen entries are reported. ``stage`` and
    ``advance`` are told the check's stages and count its entries.
    """
    for warning in warnings(libraries, entries, config, stage, advance):
        say(warning, err=True)


def warnings(
    libraries: Sequence[Library],
    entries: Sequence[Entry],
    config: Config,
    stage: Stage | None = None,
    advance: Callable[[int], None] | None = None,
) -> list[str]:
    """Return what :func:`warn_about` prints, in its order."""
    codes = tuple(code for code in AFFECTING_OUTPUT if rules.get(code) is not None)
    wanted = {(entry.path, entry.key) for entry in entries}
    found = [
        f"citeman: warning: {failure.path}:{failure.line}: {failure.message};"
        " that block is left out"
        for library in libraries
        for failure in library.failures
    ]
    pool = [entry for source in libraries for entry in source.entries]
    for entry in render.inherited(entries, pool)[0]:
        missing = render.missing_essentials(entry)
        if missing:
            found.append(
                f"citeman: warning: {entry.path}:{entry.line}:{entry.column}: "
                f"{entry.key}: too little to cite: no {', no '.join(missing)}; "
                "printed from what it has"
            )
        left = unprinted_urls(Reference(entry))
        if left:
            found.append(
                f"citeman: warning: {entry.path}:{entry.line}:{entry.column}: "
                f"{entry.key}: url holds several URLs and APA prints one DOI or "
                f"URL (9.34); left out: {' '.join(left)}"
            )
    active = [item for item in config.active_rules() if item.rule.code in codes]
    if stage is not None:
        stage(f"checking {len(pool):,} entries for warnings", len(pool))
    problems = lint.lint(
        libraries, active, progress=advance, vet_fixes=False, stage=stage
    )
    found += [
        f"citeman: warning: {problem.path}:{problem.span.line}:"
        f"{problem.span.column}: {problem.key}: {problem.code} [{problem.rule}]"
        f" {problem.message}; printed as best it can"
        for problem in problems
        if (problem.path, problem.key) in wanted
    ]
    return found


#: Characters of the document written at a time (then up to the next newline).
PIECE = 1 << 16


def echo(document: str) -> None:
    """Write ``document`` to stdout as ``click.echo`` would, a piece at a time.

    ``click.echo`` copies what it is given (dropping ANSI codes when stdout
    is no terminal) and encodes it whole: for a long list, two more copies of
    a document of tens of megabytes. Pieces end at a newline, which no ANSI
    code spans, so each piece is treated as the whole would be.
    """
    start = 0
    while start < len(document):
        end = document.find("\n", start + PIECE)
        end = len(document) if end < 0 else end + 1
        click.echo(document[start:end], nl=False)
        start = end


def _keys(value: str | None) -> list[str]:
    return [key.strip() for key in (value or "").split(",") if key.strip()]


@click.command("render")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--style",
    "style_name",
    metavar="NAME|FOLDER",
    default="apa",
    show_default=True,
    help="A built-in style (apa, vancouver) or a folder of templates.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(render.FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--keys",
    metavar="KEY,...",
    help="Only these entries (in this order, for styles that do not sort).",
)
@click.option(
    "--standalone",
    is_flag=True,
    help="A whole document (an HTML page, a LaTeX document) with a heading.",
)
def render_(
    paths: tuple[str, ...],
    style_name: str,
    output_format: str,
    output: Path | None,
    keys: str | None,
    standalone: bool,
) -> None:
    """Print entries of BibTeX files as a reference list.

    PATHS are .bib files; without them citeman reads the configured files,
    else library.bib. Findings that change what is printed (a stray character
    in pages, a Title Case title) are reported on stderr; the reference is
    still printed as best it can be.
    """
    with reported_errors():
        style = render.find(style_name)
        config = load_config(None, False)
        files = resolve_paths(paths, config)
        with LateStatus(stderr_is_terminal()) as status:
            libraries = render_input.load_all(
                files, config.max_file_bytes, status.stage, status.advance
            )
            entries = select(libraries, _keys(keys))
            context = [entry for library in libraries for entry in library.entries]
            document = render.render(
                entries, style, output_format, standalone=standalone,
                context=context, stage=status.stage, advance=status.advance,
            )  # fmt: skip
            found = warnings(libraries, entries, config, status.stage, status.advance)
        for warning in found:
            say(warning, err=True)
        if output is None:
            echo(document)
        else:
            inputs = read_files(config, files)
            atomic.replace_text(output, document, inputs=inputs, option="-o")
