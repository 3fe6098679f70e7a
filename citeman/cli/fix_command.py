"""``citeman fix``: apply the rules' fixes, or show them as a diff or a CI check."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from citeman import lint, rewrite, unidiff
from citeman.cli import fix_report, online
from citeman.cli.inputs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    FiniteRange,
    load_each,
    reported_errors,
    resolve_paths,
    rule_options,
    selected_config,
)
from citeman.cli.output import say, say_lines
from citeman.config import Config
from citeman.errors import CitemanError
from citeman.fix import Outcome, fix_library
from citeman.model import Library


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=True))
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing."
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when a fix is pending (for CI and pre-commit).",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help='Also apply fixes that may change meaning (see "citeman rules").',
)
@click.option("--quiet", "-q", is_flag=True, help="Print errors and the diff only.")
@click.option(
    "--show-fixes",
    is_flag=True,
    help="List each fix: where, which rule, and the text before and after.",
)
@online.options
@click.option(
    "--min-confidence",
    type=FiniteRange(0, 1),
    help="With --online, add a Crossref DOI only for a match at least this sure "
    "[default: 0.9, or doi-available's configured min-confidence].",
)
@rule_options
def fix(
    paths: tuple[str, ...],
    show_diff: bool,
    check_only: bool,
    unsafe_fixes: bool,
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    extend_ignore: str | None,
    fail_on: str | None,
    config_file: Path | None,
    no_config: bool,
    quiet: bool,
    show_fixes: bool,
    min_confidence: float | None,
    **crossref: Any,
) -> None:
    """Repair what is safe to repair in BibTeX files, changing nothing else.

    Only the bytes of the repaired values change: comments, macros, layout,
    delimiters, line endings and broken blocks stay exactly as they were. A
    file is replaced only after the fixed text has been parsed back and shown
    to differ from the original in the fixed values alone.

    \b
    Exit codes:
      0  nothing to fix (--check, --diff) / no problem at or above --fail-on
         remains after fixing
      1  fixes pending (--check, --diff) / problems remain after fixing
      2  usage, configuration, input or write error (that file is unchanged,
         the others are fixed), or a Crossref lookup that failed (--online;
         nothing is written)
    """
    with reported_errors():
        config = selected_config(
            config_file, no_config, select, ignore, fail_on,
            extend_select=extend_select, extend_ignore=extend_ignore,
        )  # fmt: skip
        loaded, unreadable = load_each(
            resolve_paths(paths, config), limit=config.max_file_bytes
        )
        files = [path for path, _ in loaded]
        libraries = [library for _, library in loaded]
        if min_confidence is not None:
            config = _with_min_confidence(config, min_confidence)
        going_online = online.OnlineOptions(**crossref)
        active = config.active_rules(online=going_online.wanted)
        resolver = online.resolve(libraries, active, config, going_online, quiet)
        if online.report_unverified(resolver):
            raise SystemExit(EXIT_ERROR)
        # One lint of all files together, as check does, so that rules comparing
        # files see them all; when nothing is fixed these are the final problems.
        found = lint.lint(
            libraries, active, resolver=resolver, file_ignores=config.file_ignores
        )
        outcomes = [
            fix_library(
                library,
                active,
                unsafe=unsafe_fixes,
                resolver=resolver,
                found=[problem for problem in found if problem.path == library.path],
            )
            for library in libraries
        ]
    pending = sum(len(outcome.applied) for outcome in outcomes)
    if unreadable and not loaded:
        raise SystemExit(EXIT_ERROR)
    if show_diff or check_only:
        for path, library, outcome in zip(files, libraries, outcomes, strict=True):
            if show_diff:
                say_lines(diff(path, library, outcome))
            if not quiet and outcome.applied:
                report = fix_report.per_file(path, outcome.applied, "would fix")
                say(report, err=show_diff)
            if show_fixes:
                _show(path, library, outcome, err=show_diff)
        if not quiet:
            summary = fix_report.pending_summary(pending, outcomes, unsafe_fixes)
            click.echo(summary, err=show_diff)
        if unreadable:
            raise SystemExit(EXIT_ERROR)
        raise SystemExit(EXIT_FINDINGS if pending else EXIT_CLEAN)
    fixed, failed = _write_all(files, libraries, outcomes, quiet, show_fixes)
    if any(outcome.applied for outcome in outcomes):
        problems = lint.lint(
            fixed, active, resolver=resolver, file_ignores=config.file_ignores
        )
    else:
        problems = found
    if not quiet:
        click.echo(fix_report.summary(outcomes, failed, problems, unsafe_fixes))
        online.summarise(resolver, problems, to_stderr=False)
    if failed or unreadable:
        raise SystemExit(EXIT_ERROR)
    failing = any(problem.severity.rank >= config.fail_on.rank for problem in problems)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _with_min_confidence(config: Config, least: float) -> Config:
    """Return ``config`` with doi-available's ``min-confidence`` set to ``least``."""
    settings = dict(config.rule_settings)
    settings["CM305"] = {**settings.get("CM305", {}), "min-confidence": least}
    return dataclasses.replace(config, rule_settings=settings)


def _write_all(
    files: Sequence[Path],
    libraries: Sequence[Library],
    outcomes: Sequence[Outcome],
    quiet: bool,
    show_fixes: bool = False,
) -> tuple[list[Library], set[int]]:
    """Rewrite each file that has fixes; return the libraries as they now are.

    A file that cannot be written or does not verify is reported and left as
    it was; the others are still fixed. The failures are returned by position:
    two files of the same text have equal outcomes, yet only one may fail.
    """
    fixed: list[Library] = []
    failed: set[int] = set()
    for index, (path, library, outcome) in enumerate(
        zip(files, libraries, outcomes, strict=True)
    ):
        if not outcome.applied:
            fixed.append(library)
            continue
        try:
            fixed.append(
                rewrite.write(
                    path, library, outcome.source, outcome.changed, on_wait=_waiting
                )
            )
        except CitemanError as error:
            say(f"citeman: error: {error}", err=True)
            fixed.append(library)
            failed.add(index)
            continue
        if not quiet:
            say(fix_report.per_file(path, outcome.applied, "fixed"))
        if show_fixes:
            _show(path, library, outcome)
    return fixed, failed


def _show(path: Path, library: Library, outcome: Outcome, err: bool = False) -> None:
    """Print ``--show-fixes``' lines for one file."""
    for line in fix_report.fix_lines(path, library.source, outcome.applied):
        click.echo(line, err=err)


def _waiting(message: str) -> None:
    say(f"citeman: {message}", err=True)


def diff(path: Path, library: Library, outcome: Outcome) -> str:
    """Return a unified diff of the fixes to ``library``, as ``git diff`` labels it.

    The path is written relative to the current directory when the file lies
    below it, so that ``git apply`` and ``patch -p1`` run here accept the diff;
    an absolute path elsewhere loses its leading ``/`` (apply it from ``/``).
    """
    if library.source == outcome.source:
        return ""
    name = _diff_name(path)
    regions = []
    for index, (start, end) in outcome.spans.items():
        entry = library.entries[index]
        regions.append((entry.offset, entry.offset + len(entry.raw), start, end))
    return unidiff.unified(
        library.source, outcome.source, regions, f"a/{name}", f"b/{name}"
    )


def _diff_name(path: Path) -> str:
    """Return the path ``a/`` and ``b/`` are put before in the diff headers."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")
