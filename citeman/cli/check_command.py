"""``citeman check``: lint files and exit 0, 1 or 2 for CI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from click._termui_impl import ProgressBar

from citeman import lint
from citeman.cli import online
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    load_libraries,
    reported_errors,
    resolve_paths,
    rule_options,
    selected_config,
    stderr_is_terminal,
)
from citeman.cli.output import echo_problems, format_option, say
from citeman.errors import UsageError

#: Libraries smaller than this are checked faster than a progress bar can draw.
_PROGRESS_FROM = 2000


def _announce(message: str) -> None:
    say(message, err=True)


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
@online.options
@rule_options
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    config_file: Path | None,
    no_config: bool,
    statistics: bool,
    quiet: bool,
    **crossref: Any,
) -> None:
    """Find every defect in BibTeX files.

    PATHS are .bib files; without them citeman reads the files named in the
    configuration, else library.bib in the current directory.

    \b
    Exit codes:
      0  no problem at or above --fail-on
      1  problems found
      2  usage, configuration or input error, or a Crossref lookup that
         failed (--online; the problems found are still printed)
    """
    with reported_errors():
        config = selected_config(config_file, no_config, select, ignore, fail_on)
        if statistics and output_format != "text":
            raise UsageError("--statistics works with --format text only")
        show_progress = stderr_is_terminal() and not quiet
        files = resolve_paths(paths, config)
        libraries = load_libraries(
            files, _announce if show_progress else None, limit=config.max_file_bytes
        )
        total = sum(len(library.entries) for library in libraries)
        going_online = online.OnlineOptions(**crossref)
        active = config.active_rules(online=going_online.wanted)
        resolver = online.resolve(libraries, active, config, going_online, quiet)
        if show_progress and total >= _PROGRESS_FROM:
            bar: ProgressBar[int]
            with click.progressbar(
                length=total, label="checking", file=sys.stderr
            ) as bar:
                problems = lint.lint(
                    libraries, active, resolver=resolver, progress=bar.update
                )
        else:
            problems = lint.lint(libraries, active, resolver=resolver)
    echo_problems(problems, output_format, quiet=quiet, statistics=statistics)
    if not quiet:
        online.summarise(resolver, problems, to_stderr=output_format != "text")
    if online.report_unverified(resolver):
        raise SystemExit(EXIT_ERROR)
    failing = any(problem.severity.rank >= config.fail_on.rank for problem in problems)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)
