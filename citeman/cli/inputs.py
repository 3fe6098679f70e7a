"""What every command shares: configuration, the files to read, and error exits."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from citeman import config as config_module
from citeman import parse
from citeman.config import Config
from citeman.errors import CitemanError
from citeman.model import Library

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn a CitemanError into a one-line message on stderr and exit code 2."""
    try:
        yield
    except CitemanError as error:
        click.echo(f"citeman: error: {error}", err=True)
        sys.exit(EXIT_ERROR)


def load_config(config_file: Path | None, no_config: bool) -> Config:
    """Return the configuration named, found upward from here, or the defaults."""
    if no_config:
        return Config()
    return config_module.load(config_file or config_module.find(Path.cwd()))


def resolve_paths(paths: Sequence[str], config: Config) -> list[Path]:
    """Return the files given, else the configured ones, else ``library.bib``."""
    if paths:
        return [Path(path) for path in paths]
    if config.files:
        return [_relative(path) for path in config.files]
    default = Path(config_module.DEFAULT_FILE)
    if not default.exists():
        raise CitemanError(
            f"no file given and no {config_module.DEFAULT_FILE} in the current"
            " directory; name a .bib file, or set files in [tool.citeman]"
        )
    return [default]


def _relative(path: Path) -> Path:
    """Return ``path`` relative to the current directory when it lies below it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_libraries(
    paths: Sequence[Path], announce: Callable[[str], None] | None = None
) -> list[Library]:
    """Parse every path; ``announce`` is told which file is being read."""
    libraries = []
    for path in paths:
        if announce is not None:
            announce(f"reading {path}")
        libraries.append(parse.load(path))
    return libraries


def stderr_is_terminal() -> bool:
    """Return whether progress may be drawn (never into a pipe or a log file)."""
    return sys.stderr.isatty()
