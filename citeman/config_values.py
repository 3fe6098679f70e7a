"""Check one configured value: its type, its choices, its bounds.

Each function takes the value as TOML gave it (of any type), what it is (for the
message) and ``where`` (the file, as a message prefix), and returns the value
checked or raises :class:`ConfigError` with one line saying what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from citeman import rules, selection
from citeman.errors import ConfigError
from citeman.problem import Severity
from citeman.rules.base import AnyRule

_SEVERITIES = ", ".join(severity.value for severity in Severity)


def strings(value: object, key: str, where: str) -> list[str]:
    """Return ``value`` if it is a list of strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f'{where}"{key}" must be a list of strings; got {value!r}')
    return list(value)


def number(value: object, what: str, where: str) -> float:
    """Return ``value`` if it is a finite number (an int or a float, not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}{what} must be a number; got {value!r}")
    if not math.isfinite(value):
        raise ConfigError(f"{where}{what} must be a finite number; got {value!r}")
    return value


def severity(value: object, what: str, where: str) -> Severity:
    """Return ``value`` as a severity, if it names one."""
    if not isinstance(value, str) or value not in {s.value for s in Severity}:
        raise ConfigError(f"{where}{what} must be one of {_SEVERITIES}; got {value!r}")
    return Severity(str(value))


def rule_settings(value: object, where: str) -> dict[str, Mapping[str, object]]:
    """Validate ``[rules.NAME]`` tables against each rule's option defaults."""
    if not isinstance(value, dict):
        raise ConfigError(f'{where}"rules" must be a table of rule tables')
    settings: dict[str, Mapping[str, object]] = {}
    for name, options in value.items():
        rule = rules.get(name)
        if rule is None:
            raise ConfigError(
                f"{where}[rules.{name}] names no rule{selection.suggestion(name)};"
                ' see "citeman rules" for the list'
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
            checked[option] = severity(given, f'option "severity" of {label}', where)
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
        return strings(given, what.replace('"', ""), where)
    if isinstance(default, bool):
        if not isinstance(given, bool):
            raise ConfigError(f"{where}{what} must be true or false; got {given!r}")
        return given
    if isinstance(default, int | float):
        return _bounded(rule, option, given, what, where)
    if not isinstance(given, type(default)):
        raise ConfigError(
            f"{where}{what} must be a {type(default).__name__}; got {given!r}"
        )
    return given


def _bounded(rule: AnyRule, option: str, given: object, what: str, where: str) -> float:
    """Return a numeric option's value: finite, whole if its default is, in bounds."""
    value = number(given, what, where)
    if isinstance(rule.defaults[option], int) and not isinstance(value, int):
        raise ConfigError(f"{where}{what} must be a whole number; got {given!r}")
    low, high = rule.bounds.get(option, (-math.inf, math.inf))
    if not low <= value <= high:
        raise ConfigError(
            f"{where}{what} must be from {low:g} to {high:g}; got {given!r}"
        )
    return value
