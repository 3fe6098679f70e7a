"""What every command shares: configuration, the files to read, and error exits."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from citeman import config as config_module
from citeman import parse, rules, textfile
from citeman.cli.output import say
from citeman.config import Config
from citeman.errors import CitemanError, UsageError
from citeman.model import Library
from citeman.problem import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a CitemanError into a one-line message on stderr and exit code 2."""
    try:
        yield
    except CitemanError as error:
        say(f"citeman: error: {error}", err=True)
        sys.exit(EXIT_ERROR)


def load_config(config_file: Path | None, no_config: bool) -> Config:
    """Return the configuration named, found upward from here, or the defaults."""
    if no_config:
        return Config()
    return config_module.load(config_file or config_module.find(Path.cwd()))


def resolve_paths(paths: Sequence[str], config: Config) -> list[Path]:
    """Return the files given, else the configured ones, else ``library.bib``.

    A file named twice (also by another spelling, a symlink or a hard link) is
    kept once, where it first appears.
    """
    if paths:
        return distinct([Path(path) for path in paths])
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


def stderr_is_terminal() -> bool:
    """Return whether progress may be drawn (never into a pipe or a log file)."""
    return sys.stderr.isatty()


def parse_selectors(value: str | None, option: str) -> tuple[str, ...] | None:
    """Split a comma-separated ``--select``/``--ignore`` value, checking each name."""
    if value is None:
        return None
    selectors = tuple(part.strip() for part in value.split(",") if part.strip())
    for selector in selectors:
        if not rules.is_known_selector(selector):
            raise UsageError(
                f'{option} names no rule: "{selector}"; use a code (CM203), a code'
                ' prefix (CM2), a name (page-range) or ALL; see "citeman rules"'
            )
    return selectors


def selected_config(
    config_file: Path | None,
    no_config: bool,
    select: str | None,
    ignore: str | None,
    fail_on: str | None,
) -> Config:
    """Return the configuration with the command line's rule choices laid over it.

    ``--select`` replaces the configured selection, ``--ignore`` adds to it.
    """
    config = load_config(config_file, no_config)
    chosen = parse_selectors(select, "--select")
    skipped = parse_selectors(ignore, "--ignore")
    return dataclasses.replace(
        config,
        select=chosen if chosen is not None else config.select,
        ignore=config.ignore + (skipped or ()),
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
    )


F = TypeVar("F", bound=Callable[..., Any])


def rule_options(command: F) -> F:
    """Add the options every linting command shares: rule choice and configuration.

    They arrive as ``select``, ``ignore``, ``fail_on``, ``config_file`` and
    ``no_config``; :func:`selected_config` turns them into a Config.
    """
    decorators = (
        click.option(
            "--select",
            metavar="CODES",
            help="Only these rules: codes (CM203), code prefixes (CM2) or names "
            "(page-range), comma-separated; replaces the configured select.",
        ),
        click.option(
            "--ignore",
            metavar="CODES",
            help="Skip these rules (same forms); added to the configured ignore.",
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
