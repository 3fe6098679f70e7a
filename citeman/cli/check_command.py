"""``citeman check``: lint files and exit 0, 1 or 2 for CI."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from citeman import lint
from citeman.chunked import Loader
from citeman.cli import check_cache, online
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    STDIN,
    load_each,
    reported_errors,
    resolve_paths,
    rule_options,
    selected_config,
    stderr_is_terminal,
)
from citeman.cli.output import (
    color_option,
    format_option,
    problems_pieces,
    say,
    use_colour,
)
from citeman.cli.progress import LateStatus
from citeman.errors import UsageError
from citeman.importer import checking, reader


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@format_option
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how often each rule fired instead of each problem.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print the problems only: no summary, no progress.",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when problems are found (errors still exit 2).",
)
@click.option(
    "--show-fixes",
    is_flag=True,
    help="Under each fixable problem, show what its fix would change.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help='The file that standard input (PATH "-") stands for: named in every '
    "output format, and its folder chooses the configuration.",
)
@color_option
@online.options
@rule_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    statistics: bool,
    quiet: bool,
    exit_zero: bool,
    show_fixes: bool,
    stdin_filename: str | None,
    color: str,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    extend_ignore: str | None,
    fail_on: str | None,
    config_file: Path | None,
    no_config: bool,
    **crossref: Any,
) -> None:
    """Find every defect in BibTeX files.

    PATHS are .bib files, formatted reference lists (.txt, .md, .docx:
    imported in memory and checked where they were written), directories
    (searched for *.bib, skipping hidden folders, virtual environments, what
    .gitignore excludes and the configured exclude) or globs; "-" reads
    standard input. Without PATHS citeman reads the files named in the
    configuration, else library.bib in the current directory.

    \b
    Exit codes:
      0  no problem at or above --fail-on (or --exit-zero)
      1  problems found
      2  usage, configuration or input error (a file that cannot be read is
         named; the others are still checked and reported), or a Crossref
         lookup that failed (--online; the problems found are still printed)
    """
    with reported_errors():
        start = Path(stdin_filename).absolute().parent if stdin_filename else None
        config = selected_config(
            config_file, no_config, select, ignore, fail_on,
            extend_select=extend_select, extend_ignore=extend_ignore, start=start,
        )  # fmt: skip
        if statistics and output_format != "text":
            raise UsageError("--statistics works with --format text only")
        files = resolve_paths(paths or ([STDIN] if stdin_filename else []), config)
        going_online = online.OnlineOptions(**crossref)
        active = config.active_rules(online=going_online.wanted)
        colour = use_colour(color)
        printed = {"format": output_format, "statistics": statistics,
                   "quiet": quiet, "show_fixes": show_fixes}  # fmt: skip
        cached = check_cache.open_entry(
            files, config, active, printed,
            wanted=not (going_online.wanted or going_online.no_cache),
        )  # fmt: skip
        hit = cached.get() if cached is not None else None
        if hit is not None:
            click.echo(hit[0], nl=False, color=colour)
            _exit(hit[1], config.fail_on.rank, exit_zero)
        entries = check_cache.EntryCaches(
            active, wanted=not (going_online.wanted or going_online.no_cache)
        )
        # Formatted lists (.txt, .md, .docx) are imported in memory and checked.
        documents, failures = checking.load_each(
            [path for path in files if reader.is_document(path)],
            config.max_file_bytes,
        )
        for failure in failures:
            say(f"citeman: error: {failure}", err=True)
        with LateStatus(stderr_is_terminal() and not quiet) as status:
            # Without the entry cache (and offline), a large file is parsed and
            # checked by chunks on several processes as it is read; those
            # processes then aggregate some library rules while lint does the
            # others.
            chunks = Loader(active, status.stage, status.advance, aside=True)
            by_chunks = not (entries.wanted or going_online.wanted)
            with chunks:
                loaded, unreadable = load_each(
                    [path for path in files if not reader.is_document(path)],
                    status.say, stdin_filename, limit=config.max_file_bytes,
                    loader=chunks if by_chunks else entries.load,
                )  # fmt: skip
                unreadable += len(failures)
                libraries = [library for _, library in loaded]
                libraries += [document.library for document in documents]
                total = sum(len(library.entries) for library in libraries)
                # Counted by lint too: entries from the entry cache or by chunks.
                total += chunks.known() if by_chunks else entries.known()
                resolver = online.resolve(
                    libraries, active, config, going_online, quiet
                )
                problems = lint.lint(
                    libraries, active, resolver=resolver,
                    progress=status.progress(total), file_ignores=config.file_ignores,
                    cache=chunks.from_cache(libraries) if by_chunks
                    else entries.from_cache(),
                    stage=status.stage,
                )  # fmt: skip
            entries.save()
            if documents:  # else lint's problems are in order already
                problems = checking.finish(problems, documents, active)
            status.stage("writing problems", len(problems))
            pieces = problems_pieces(
                problems, output_format, statistics=statistics,
                quiet=quiet or (bool(unreadable) and not libraries),
                show_fixes=show_fixes, written=status.advance,
            )  # fmt: skip
            text: str | None = None
            if cached is None and not sys.stdout.isatty():
                # Printed as it is made: a large report is never held whole
                # (the status line, if any, is on stderr).
                for piece in pieces:
                    click.echo(piece, nl=False, color=colour)
            else:
                text = "".join(pieces)
    ranks = {problem.severity.rank for problem in problems}
    if text is not None:
        if cached is not None and not unreadable:
            cached.put(text, ranks, problems, entries)
        click.echo(text, nl=False, color=colour)
    if not quiet:
        online.summarise(resolver, problems, to_stderr=output_format != "text")
    if online.report_unverified(resolver) or unreadable:
        raise SystemExit(EXIT_ERROR)
    _exit(ranks, config.fail_on.rank, exit_zero)


def _exit(ranks: Iterable[int], fail_on: int, exit_zero: bool) -> NoReturn:
    """Exit 1 when a problem is at or above ``--fail-on``, else 0."""
    failing = any(rank >= fail_on for rank in ranks)
    raise SystemExit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)
