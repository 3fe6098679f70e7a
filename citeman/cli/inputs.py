"""What every command shares: configuration, the files to read, and error exits."""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from citeman import config as config_module
from citeman import parse, selection, textfile
from citeman.cli import discover
from citeman.cli.output import say
from citeman.config import Config
from citeman.errors import CitemanError, InputError, UsageError
from citeman.model import Library
from citeman.problem import Severity

#: The PATH that means standard input (``citeman check -``).
STDIN = "-"

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a CitemanError into a one-line message on stderr and exit code 2."""
    try:
        yield
    except CitemanError as error:
        say(f"citeman: error: {error}", err=True)
        sys.exit(EXIT_ERROR)


def load_config(
    config_file: Path | None, no_config: bool, start: Path | None = None
) -> Config:
    """Return the configuration named, found upward from ``start``, or the defaults.

    ``start`` defaults to the current directory; ``--stdin-filename`` moves it to
    the directory of the file standard input stands for.
    """
    if no_config:
        return Config()
    found = config_file or config_module.find(start or Path.cwd())
    return config_module.load(found)


def resolve_paths(paths: Sequence[str], config: Config) -> list[Path]:
    """Return the files given, else the configured ones, else ``library.bib``.

    Directories and globs among ``paths`` are searched for ``*.bib`` files.
    """
    if paths:
        exclude = discover.DEFAULT_EXCLUDE if config.exclude is None else config.exclude
        patterns = [*exclude, *config.extend_exclude]
        found = discover.expand(paths, patterns, config.base)
        if not found:
            raise InputError(
                " ".join(paths),
                "no .bib file found (hidden folders, virtual environments and"
                " what .gitignore or exclude name are skipped)",
            )
        return distinct(found)
    if config.files:
        return distinct([_relative(path) for path in config.files])
    default = Path(config_module.DEFAULT_FILE)
    if not default.exists():
        raise CitemanError(
            f"no file given and no {config_module.DEFAULT_FILE} in the current"
            " directory; name a .bib file, or set files in [tool.citeman]"
        )
    return [default]


def distinct(paths: Sequence[Path]) -> list[Path]:
    """Return ``paths`` without the repeats of a file already listed."""
    seen: set[tuple[int, int] | str] = set()
    kept = []
    for path in paths:
        try:
            status = path.stat()
            identity: tuple[int, int] | str = (status.st_dev, status.st_ino)
        except OSError:  # reading it will say what is wrong, once
            identity = os.path.abspath(path)
        if identity not in seen:
            seen.add(identity)
            kept.append(path)
    return kept


def read_files(config: Config, *groups: Iterable[str | Path]) -> list[str | Path]:
    """Return every file a command read: ``groups`` and the configuration file.

    An output option must name none of them (see ``atomic.output_target``).
    """
    source = [config.source] if config.source else []
    return [path for group in (*groups, source) for path in group]


def _relative(path: Path) -> Path:
    """Return ``path`` relative to the current directory when it lies below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_libraries(
    paths: Sequence[Path],
    announce: Callable[[str], None] | None = None,
    *,
    limit: int = textfile.DEFAULT_LIMIT,
) -> list[Library]:
    """Parse every path; ``announce`` is told which file is being read.

    ``limit`` is the most bytes read from one file (``max-file-mb``).
    """
    libraries = []
    for path in paths:
        if announce is not None:
            announce(f"reading {path}")
        libraries.append(parse.load(path, limit))
    return libraries


def load_each(
    paths: Sequence[Path],
    announce: Callable[[str], None] | None = None,
    stdin_name: str | None = None,
    *,
    limit: int = textfile.DEFAULT_LIMIT,
    loader: Callable[[Path, int], Library] = parse.load,
) -> tuple[list[tuple[Path, Library]], int]:
    """Parse every path that can be read; report each one that cannot.

    Returns the readable files with their libraries, and how many were not
    (each got its one-line message on stderr). ``-`` reads standard input,
    named ``stdin_name`` in every finding. ``limit`` is the most bytes read
    from one file (``max-file-mb``); ``loader`` reads and parses one file.
    """
    loaded: list[tuple[Path, Library]] = []
    failed = 0
    for path in paths:
        if announce is not None:
            announce(f"reading {stdin_name or path}")
        try:
            if str(path) == STDIN:
                loaded.append((path, read_stdin(stdin_name or STDIN, limit)))
            else:
                loaded.append((path, loader(path, limit)))
        except InputError as error:
            say(f"citeman: error: {error}", err=True)
            failed += 1
    return loaded, failed


def read_stdin(name: str, limit: int = textfile.DEFAULT_LIMIT) -> Library:
    """Parse standard input as the BibTeX file ``name`` (at most ``limit`` bytes)."""
    data = textfile.read_limited(sys.stdin.buffer, name, limit)
    return parse.loads(textfile.decode(name, data, "BibTeX text"), name)


def stderr_is_terminal() -> bool:
    """Return whether progress may be drawn (never into a pipe or a log file)."""
    return sys.stderr.isatty()


def parse_selectors(value: str | None, option: str) -> tuple[str, ...] | None:
    """Split a comma-separated ``--select``/``--ignore`` value, checking each name."""
    if value is None:
        return None
    selectors = tuple(part.strip() for part in value.split(",") if part.strip())
    for selector in selection.unknown(selectors):
        raise UsageError(
            f'{option} names no rule: "{selector}"{selection.suggestion(selector)};'
            " use a code (CM203), a code prefix (CM2), a name (page-range) or ALL;"
            ' see "citeman rules"'
        )
    return selectors


def selected_config(
    config_file: Path | None,
    no_config: bool,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
    *,
    extend_select: str | None = None,
    extend_ignore: str | None = None,
    start: Path | None = None,
) -> Config:
    """Return the configuration with the command line's rule choices laid over it.

    As in ruff the command line is a later layer: ``--select`` starts afresh
    (a rule it names is reported even if the configuration ignores it),
    ``--extend-select`` adds, ``--ignore``/``--extend-ignore`` take away.
    """
    config = load_config(config_file, no_config, start)
    skipped = (parse_selectors(ignore, "--ignore") or ()) + (
        parse_selectors(extend_ignore, "--extend-ignore") or ()
    )
    layer = selection.Layer(
        parse_selectors(select, "--select"),
        parse_selectors(extend_select, "--extend-select") or (),
        skipped,
    )
    return dataclasses.replace(
        config,
        overrides=(*config.overrides, layer),
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
    )


class FiniteRange(click.FloatRange):
    """A number option within bounds; unlike click's FloatRange, never nan.

    (``nan`` compares false with both bounds, so FloatRange lets it through.)
    """

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Any:
        """Return the number, failing on nan as on any number out of range."""
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value} is not a number", param, ctx)
        return number


F = TypeVar("F", bound=Callable[..., Any])


def rule_options(command: F) -> F:
    """Add the options every linting command shares: rule choice and configuration.

    They arrive as ``select``, ``extend_select``, ``ignore``, ``extend_ignore``,
    ``fail_on``, ``config_file`` and ``no_config``; :func:`selected_config`
    turns them into a Config.
    """
    decorators = (
        click.option(
            "--select",
            metavar="CODES",
            help="Only these rules: codes (CM203), code prefixes (CM2) or names "
            "(page-range), comma-separated; replaces the configured choice.",
        ),
        click.option(
            "--extend-select",
            metavar="CODES",
            help="Also these rules (same forms), even if the configuration "
            "ignores them.",
        ),
        click.option(
            "--ignore",
            metavar="CODES",
            help="Skip these rules (same forms), besides the configured ignore.",
        ),
        click.option(
            "--extend-ignore",
            metavar="CODES",
            help="The same as --ignore (ruff's name for it).",
        ),
        click.option(
            "--fail-on",
            type=click.Choice([severity.value for severity in Severity]),
            help="Exit 1 when a problem of this severity or worse is found "
            "[default: warning, or the configured fail-on].",
        ),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Read this configuration file instead of the nearest "
            "citeman.toml or pyproject.toml.",
        ),
        click.option("--no-config", is_flag=True, help="Ignore configuration files."),
    )
    for decorator in reversed(decorators):
        command = decorator(command)
    return command
