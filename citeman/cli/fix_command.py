"""``citeman fix``: apply the rules' fixes, or show them as a diff or a CI check."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from citeman import lint, parse, unidiff
from citeman.chunked import Loader
from citeman.cli import fix_report, fix_write, online
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
    stderr_is_terminal,
)
from citeman.cli.output import say, say_lines
from citeman.cli.progress import LateStatus
from citeman.config import Config
from citeman.fix import Outcome, fix_library
from citeman.model import Library
from citeman.problem import Problem


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
        if min_confidence is not None:
            config = _with_min_confidence(config, min_confidence)
        going_online = online.OnlineOptions(**crossref)
        active = config.active_rules(online=going_online.wanted)
        writing = not (show_diff or check_only)
        terminal = stderr_is_terminal() and not quiet
        # Offline, a large file is parsed and checked by chunks on several
        # processes as it is read, as check does, and a process of their own
        # meanwhile aggregates some library rules; when the file is written,
        # it stays to aggregate them again in the check after writing.
        with (
            LateStatus(terminal) as status,
            Loader(
                active, status.stage, status.advance, aside=True, rewriting=writing
            ) as chunks,
        ):
            by_chunks = not going_online.wanted
            loaded, unreadable = load_each(
                resolve_paths(paths, config), status.say,
                limit=config.max_file_bytes,
                loader=chunks if by_chunks else parse.load,
            )  # fmt: skip
            files = [path for path, _ in loaded]
            libraries = [library for _, library in loaded]
            resolver = online.resolve(libraries, active, config, going_online, quiet)
            if online.report_unverified(resolver):
                raise SystemExit(EXIT_ERROR)
            # One lint of all files together, as check does, so that rules
            # comparing files see them all; when nothing is fixed these are the
            # final problems.
            total = sum(len(library.entries) for library in libraries)
            cache = chunks.from_cache(libraries)
            if writing:  # the check after writing reuses what the memos keep
                cache = fix_write.with_memos(cache, active)
            found = lint.lint(
                libraries, active, resolver=resolver,
                progress=status.progress(total + chunks.known()),
                file_ignores=config.file_ignores, cache=cache, stage=status.stage,
            )  # fmt: skip
            by_path: dict[str, list[Problem]] = {}
            for problem in found:
                by_path.setdefault(problem.path, []).append(problem)
            known = cache.known if cache is not None else {}
            outcomes = [
                fix_library(
                    library,
                    active,
                    unsafe=unsafe_fixes,
                    resolver=resolver,
                    found=by_path.get(library.path, []),
                    known=known.get(library.path, ()),
                    stage=status.stage,
                    advance=status.advance,
                    keep=writing and library.path in known,
                    fields=writing,
                    apart=chunks.apart(),
                )
                for library in libraries
            ]
            written, problems = fix_write.Written(), found
            if writing and loaded:
                written = fix_write.write_all(
                    files, libraries, outcomes, known, quiet=quiet,
                    show_fixes=show_fixes, stage=status.stage,
                    on_wait=_waiting_for(status) if terminal else _waiting,
                    advance=status.advance,
                )  # fmt: skip
                if any(outcome.applied for outcome in outcomes):
                    problems = fix_write.recheck(
                        written, active, cache, resolver=resolver,
                        file_ignores=config.file_ignores,
                        progress=status.progress, stage=status.stage,
                        loader=chunks,
                    )  # fmt: skip
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
    for line, err in written.lines:
        say(line, err=err)
    if not quiet:
        summary = fix_report.summary(outcomes, written.failed, problems, unsafe_fixes)
        click.echo(summary)
        online.summarise(resolver, problems, to_stderr=False)
    if written.failed or unreadable:
        raise SystemExit(EXIT_ERROR)
    failing = any(problem.severity.rank >= config.fail_on.rank for problem in problems)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def _with_min_confidence(config: Config, least: float) -> Config:
    """Return ``config`` with doi-available's ``min-confidence`` set to ``least``."""
    settings = dict(config.rule_settings)
    settings["CM305"] = {**settings.get("CM305", {}), "min-confidence": least}
    return dataclasses.replace(config, rule_settings=settings)


def _show(path: Path, library: Library, outcome: Outcome, err: bool = False) -> None:
    """Print ``--show-fixes``' lines for one file."""
    for line in fix_report.fix_lines(path, library.source, outcome.applied):
        click.echo(line, err=err)


def _waiting(message: str) -> None:
    say(f"citeman: {message}", err=True)


def _waiting_for(status: LateStatus) -> Callable[[str], None]:
    """Return what says, above the progress line, that a file's lock is held."""
    return lambda message: status.say(f"citeman: {message}")


def diff(path: Path, library: Library, outcome: Outcome) -> str:
    """Return a unified diff of the fixes to ``library``, as ``git diff`` labels it.

    The path is written relative to the current directory when the file lies
    below it, so that ``git apply`` and ``patch -p1`` run here accept the diff;
    an absolute path elsewhere loses its leading ``/`` (apply it from ``/``).
    """
    if library.source == outcome.source:
        return ""
    name = _diff_name(path)
    regions = [(*outcome.was[index], *span) for index, span in outcome.spans.items()]
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
