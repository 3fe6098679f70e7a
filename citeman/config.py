"""Find, read and validate citeman's configuration, and decide which rules run.

Configuration lives in ``citeman.toml`` or in ``[tool.citeman]`` of
``pyproject.toml``; the first of these found walking up from the current
directory wins (``citeman.toml`` before ``pyproject.toml`` in one directory).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citeman import config_values as values
from citeman import rules, selection, textfile
from citeman.errors import ConfigError, InputError
from citeman.problem import Severity
from citeman.rules.base import AnyRule, ManuscriptRule

DEFAULT_FILE = "library.bib"
_TOP_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "extend-ignore",
    "per-file-ignores",
    "fail-on",
    "files",
    "exclude",
    "extend-exclude",
    "rules",
    "mailto",
    "max-file-mb",
)
# A pyproject.toml that cannot be parsed is ours to report only if it names us.
_OURS = re.compile(r"^\s*\[\s*tool\s*\.\s*citeman\b|^\s*tool\s*\.\s*citeman\b", re.M)


@dataclass(frozen=True)
class ActiveRule:
    """A rule as it will run: its severity and options after configuration."""

    rule: AnyRule
    severity: Severity
    options: Mapping[str, object]


@dataclass(frozen=True)
class Config:
    """The validated settings; ``source`` is the file they came from, if any."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    files: tuple[Path, ...] = ()
    rule_settings: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    source: Path | None = None
    #: The contact sent to Crossref with ``--online`` (its "polite pool").
    mailto: str = ""
    #: The most bytes read from one file or unpacked from one archive.
    max_file_bytes: int = textfile.DEFAULT_LIMIT
    extend_select: tuple[str, ...] = ()
    #: Rule choices laid over the file's (the command line's), last wins.
    overrides: tuple[selection.Layer, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Gitignore-style patterns of what directory search skips (None: defaults).
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()

    @property
    def base(self) -> Path:
        """Return the directory relative paths in the configuration start from."""
        return self.source.parent if self.source else Path.cwd()

    @property
    def layers(self) -> tuple[selection.Layer, ...]:
        """Return the configuration's rule choices, then the overrides."""
        own = selection.Layer(self.select, self.extend_select, self.ignore)
        return (own, *self.overrides)

    @property
    def file_ignores(self) -> selection.FileIgnores:
        """Return ``per-file-ignores``, matched relative to :attr:`base`."""
        return selection.FileIgnores(self.per_file_ignores, self.base)

    def active_rules(
        self, *, online: bool = False, manuscript: bool = False
    ) -> list[ActiveRule]:
        """Return the selected rules with their severities and options.

        Those are the lint rules, or with ``manuscript`` the ``audit`` rules.
        """
        active = []
        for rule in rules.ALL:
            if isinstance(rule, ManuscriptRule) != manuscript:
                continue
            if rule.online and not online:
                continue
            if not selection.chosen(rule, self.layers):
                continue
            settings = dict(self.rule_settings.get(rule.code, {}))
            severity = Severity(str(settings.pop("severity", rule.severity)))
            active.append(ActiveRule(rule, severity, {**rule.defaults, **settings}))
        return active


def find(start: Path) -> Path | None:
    """Return the nearest configuration file at or above ``start``, or None.

    Folders that cannot be entered are passed over, and so is a pyproject.toml
    that cannot be read or parsed unless its text names ``tool.citeman``.
    """
    for directory in (start, *start.parents):
        candidate = directory / "citeman.toml"
        if _is_file(candidate):
            return candidate
        pyproject = directory / "pyproject.toml"
        if _is_file(pyproject) and _names_citeman(pyproject):
            return pyproject
    return None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder above us that we may not enter
        return False


def _names_citeman(pyproject: Path) -> bool:
    """Return whether ``pyproject`` holds a ``[tool.citeman]`` table."""
    try:
        tool = _read(pyproject).get("tool", {})
    except ConfigError:
        try:
            data = textfile.read_bytes(pyproject, "a configuration file")
        except InputError:
            return False
        if _OURS.search(data.decode("utf-8", errors="replace")):
            raise  # broken, and meant for us: the user must hear of it
        return False
    return isinstance(tool, dict) and "citeman" in tool


def load(path: Path | None) -> Config:
    """Read and validate the configuration at ``path`` (None: the defaults)."""
    if path is None:
        return Config()
    document = _read(path)
    table: object = document
    if path.name == "pyproject.toml":
        tool = document.get("tool", {})
        table = tool.get("citeman", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.citeman] must be a table")
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citeman] must be a table")
    return parse(table, path)


def parse(table: Mapping[str, object], source: Path | None = None) -> Config:
    """Validate a ``[tool.citeman]`` table; raise :class:`ConfigError` on any fault."""
    where = f"{source}: " if source else ""
    for key in table:
        if key not in _TOP_KEYS:
            close = difflib.get_close_matches(key, _TOP_KEYS, n=1)
            hint = f'did you mean "{close[0]}"? ' if close else ""
            raise ConfigError(
                f'{where}unknown key "{key}"; {hint}'
                f"allowed keys are {', '.join(_TOP_KEYS)}"
            )
    select = _selectors(table.get("select", ["ALL"]), "select", where)
    extend_select = _selectors(table.get("extend-select", []), "extend-select", where)
    ignore = _selectors(table.get("ignore", []), "ignore", where)
    ignore += _selectors(table.get("extend-ignore", []), "extend-ignore", where)
    per_file = _per_file_ignores(table.get("per-file-ignores", {}), where)
    exclude = table.get("exclude")
    excluded = (
        None if exclude is None else tuple(values.strings(exclude, "exclude", where))
    )
    extend_exclude = values.strings(
        table.get("extend-exclude", []), "extend-exclude", where
    )
    fail_on = values.severity(table.get("fail-on", "warning"), '"fail-on"', where)
    base = source.parent if source else Path.cwd()
    files = tuple(
        base / name for name in values.strings(table.get("files", []), "files", where)
    )
    settings = values.rule_settings(table.get("rules", {}), where)
    mailto = table.get("mailto", "")
    if not isinstance(mailto, str):
        raise ConfigError(f'{where}"mailto" must be an email address; got {mailto!r}')
    megabytes = values.number(table.get("max-file-mb", 256), '"max-file-mb"', where)
    if megabytes <= 0:
        raise ConfigError(f'{where}"max-file-mb" must be above 0; got {megabytes!r}')
    return Config(
        select,
        ignore,
        fail_on,
        files,
        settings,
        source,
        mailto=mailto,
        max_file_bytes=int(megabytes * textfile.MEGABYTE),
        extend_select=extend_select,
        per_file_ignores=per_file,
        exclude=excluded,
        extend_exclude=tuple(extend_exclude),
    )


def _read(path: Path) -> dict[str, object]:
    """Return the TOML table in ``path`` (a UTF-8 byte-order mark allowed)."""
    try:
        data = textfile.read_bytes(path, "a configuration file")
        return tomllib.loads(textfile.decode(str(path), data, "TOML text"))
    except InputError as error:
        raise ConfigError(str(error)) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    except RecursionError as error:
        raise ConfigError(f"{path}: tables or arrays nested too deeply") from error


def _selectors(value: object, key: str, where: str) -> tuple[str, ...]:
    selectors = values.strings(value, key, where)
    for selector in selection.unknown(selectors):
        raise ConfigError(
            f'{where}"{key}" names no rule: "{selector}"'
            f"{selection.suggestion(selector)}; use a rule code (CM203),"
            " a code prefix (CM2), a rule name (page-range) or ALL"
        )
    return tuple(selectors)


def _per_file_ignores(value: object, where: str) -> dict[str, tuple[str, ...]]:
    """Validate ``per-file-ignores``: a table of path pattern → rule selectors."""
    if not isinstance(value, dict):
        raise ConfigError(
            f'{where}"per-file-ignores" must be a table of path pattern = [rules]'
        )
    return {
        str(pattern): _selectors(selectors, f"per-file-ignores.{pattern}", where)
        for pattern, selectors in value.items()
    }
