"""The ways citeman can fail, each owning the message a user sees."""

from __future__ import annotations


class CitemanError(Exception):
    """Base of every error citeman reports to a user (exit code 2)."""


class InputError(CitemanError):
    """A path that cannot be read as a BibTeX file: missing, a directory, binary."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(CitemanError):
    """A configuration file or option with an unknown key or a bad value."""


class UsageError(CitemanError):
    """A command-line value that names no rule, format or style."""


class WriteError(CitemanError):
    """A file that cannot be written, or may not be: it changed, or would lose data."""


class OnlineError(CitemanError):
    """An online lookup (Crossref, DataCite…) that could not be done: unreachable,
    refused, malformed.

    ``cause`` is the one line a user sees (shared by every lookup that failed the
    same way); ``status`` is the HTTP status when there was one. ``stop`` marks a
    failure of the source itself (unreachable, overloaded, out of time) rather
    than of one answer, after which no further lookup there is worth trying.
    ``source`` names the source that failed.
    """

    def __init__(
        self, cause: str, status: int | None = None, *, stop: bool = False
    ) -> None:
        super().__init__(cause)
        self.cause = cause
        self.status = status
        self.stop = stop
        self.source = "crossref"
