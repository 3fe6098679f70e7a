"""Find, read and validate citeman's configuration, and decide which rules run.

Configuration lives in ``citeman.toml`` or in ``[tool.citeman]`` of
``pyproject.toml``; the first of these found walking up from the current
directory wins (``citeman.toml`` before ``pyproject.toml`` in one directory).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from citeman import rules
from citeman.errors import ConfigError
from citeman.problem import Severity
from citeman.rules.base import AnyRule, ManuscriptRule

DEFAULT_FILE = "library.bib"
_SEVERITIES = ", ".join(severity.value for severity in Severity)
_TOP_KEYS = ("select", "ignore", "fail-on", "files", "rules", "mailto")


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
            if not rules.matches(rule, self.select) or rules.matches(rule, self.ignore):
                continue
            settings = dict(self.rule_settings.get(rule.code, {}))
            severity = Severity(str(settings.pop("severity", rule.severity)))
            active.append(ActiveRule(rule, severity, {**rule.defaults, **settings}))
        return active


def find(start: Path) -> Path | None:
    """Return the nearest configuration file at or above ``start``, or None."""
    for directory in (start, *start.parents):
        candidate = directory / "citeman.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            tool = _read(pyproject).get("tool", {})
            if isinstance(tool, dict) and "citeman" in tool:
                return pyproject
    return None


def load(path: Path | None) -> Config:
    """Read and validate the configuration at ``path`` (None: the defaults)."""
    if path is None:
        return Config()
    table: object = _read(path)
    if path.name == "pyproject.toml":
        tool = _read(path).get("tool", {})
        table = tool.get("citeman", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.citeman] must be a table")
    return parse(table, path)


def parse(table: Mapping[str, object], source: Path | None = None) -> Config:
    """Validate a ``[tool.citeman]`` table; raise :class:`ConfigError` on any fault."""
    where = f"{source}: " if source else ""
    for key in table:
        if key not in _TOP_KEYS:
            raise ConfigError(
                f'{where}unknown key "{key}"; allowed keys are {", ".join(_TOP_KEYS)}'
            )
    select = _selectors(table.get("select", ["ALL"]), "select", where)
    ignore = _selectors(table.get("ignore", []), "ignore", where)
    fail_on = _severity(table.get("fail-on", "warning"), '"fail-on"', where)
    base = source.parent if source else Path.cwd()
    files = tuple(
        base / name for name in _strings(table.get("files", []), "files", where)
    )
    settings = _rule_settings(table.get("rules", {}), where)
    mailto = table.get("mailto", "")
    if not isinstance(mailto, str):
        raise ConfigError(f'{where}"mailto" must be an email address; got {mailto!r}')
    return Config(select, ignore, fail_on, files, settings, source, mailto=mailto)


def _read(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from error


def _strings(value: object, key: str, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f'{where}"{key}" must be a list of strings; got {value!r}')
    return list(value)


def _selectors(value: object, key: str, where: str) -> tuple[str, ...]:
    selectors = _strings(value, key, where)
    for selector in selectors:
        if not rules.is_known_selector(selector):
            raise ConfigError(
                f'{where}"{key}" names no rule: "{selector}"; use a rule code (CM203),'
                " a code prefix (CM2), a rule name (page-range) or ALL"
            )
    return tuple(selectors)


def _severity(value: object, what: str, where: str) -> Severity:
    if value not in {severity.value for severity in Severity}:
        raise ConfigError(f"{where}{what} must be one of {_SEVERITIES}; got {value!r}")
    return Severity(str(value))


def _rule_settings(value: object, where: str) -> dict[str, Mapping[str, object]]:
    """Validate ``[rules.NAME]`` tables against each rule's option defaults."""
    if not isinstance(value, dict):
        raise ConfigError(f'{where}"rules" must be a table of rule tables')
    settings: dict[str, Mapping[str, object]] = {}
    for name, options in value.items():
        rule = rules.get(name)
        if rule is None:
            raise ConfigError(
                f'{where}[rules.{name}] names no rule; see "citeman rules" for the list'
            )
        if not isinstance(options, dict):
            raise ConfigError(f"{where}[rules.{name}] must be a table")
        settings[rule.code] = _rule_options(rule, options, where)
    return settings


def _rule_options(
    rule: AnyRule, options: Mapping[str, object], where: str
) -> dict[str, object]:
    label = f"{rule.name} ({rule.code})"
    allowed = ["severity", *rule.defaults]
    checked: dict[str, object] = {}
    for option, given in options.items():
        if option == "severity":
            checked[option] = _severity(given, f'option "severity" of {label}', where)
            continue
        if option not in rule.defaults:
            raise ConfigError(
                f'{where}unknown option "{option}" of {label}; '
                f"allowed options are {', '.join(allowed)}"
            )
        what = f'option "{option}" of {label}'
        checked[option] = _option_value(rule, option, given, what, where)
    return checked


def _option_value(
    rule: AnyRule, option: str, given: object, what: str, where: str
) -> object:
    default = rule.defaults[option]
    choices = rule.choices.get(option)
    if choices is not None:
        if given not in choices:
            allowed = ", ".join(str(choice) for choice in choices)
            raise ConfigError(f"{where}{what} must be one of {allowed}; got {given!r}")
        return given
    if isinstance(default, list):
        return _strings(given, what.replace('"', ""), where)
    if isinstance(default, bool) or not isinstance(given, type(default)):
        if isinstance(default, bool) and isinstance(given, bool):
            return given
        raise ConfigError(
            f"{where}{what} must be a {type(default).__name__}; got {given!r}"
        )
    return given
