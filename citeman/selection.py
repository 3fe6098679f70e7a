"""Which rules run where: select and ignore in layers, as ruff resolves them.

Each layer (the configuration, then the command line) may start afresh with
``select``, add rules with ``extend-select`` and take them away with ``ignore``
(``extend-ignore`` is the same). A later layer wins over an earlier one, so
``--select CM101`` reports CM101 even when the configuration ignores it.
``per-file-ignores`` then drop rules for the files their patterns match.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from citeman import rules
from citeman.rules.base import AnyRule


@dataclass(frozen=True)
class Layer:
    """One source of rule choices; ``select`` None keeps what came before."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def chosen(rule: AnyRule, layers: Sequence[Layer]) -> bool:
    """Return whether ``rule`` runs after every layer, the last one deciding.

    Without any ``select`` every rule starts selected (``ALL``).
    """
    on = True
    for layer in layers:
        if layer.select is not None:
            on = rules.matches(rule, layer.select)
        if rules.matches(rule, layer.extend_select):
            on = True
        if rules.matches(rule, layer.ignore):
            on = False
    return on


#: A rule code with letters that look like digits (O for 0, l or I for 1).
_CODE_LIKE = re.compile(r"cm[\doil]{3}")
_LOOKALIKE = str.maketrans("oil", "011")


def suggestion(selector: str) -> str:
    """Return `` (did you mean "CM203"?)`` for a near miss of a rule code or name."""
    names = [rule.code for rule in rules.ALL] + [rule.name for rule in rules.ALL]
    lowered = {name.lower(): name for name in names}
    wanted = selector.strip().lower()
    if _CODE_LIKE.fullmatch(wanted):  # "CM2O3": a letter typed for a digit
        wanted = "cm" + wanted[2:].translate(_LOOKALIKE)
    close = difflib.get_close_matches(wanted, list(lowered), n=1, cutoff=0.7)
    return f' (did you mean "{lowered[close[0]]}"?)' if close else ""


@dataclass(frozen=True)
class FileIgnores:
    """``per-file-ignores``: gitignore-style patterns, relative to ``base``."""

    patterns: Mapping[str, tuple[str, ...]]
    base: Path

    def ignored(self, path: str) -> tuple[str, ...]:
        """Return the selectors ignored in the file at ``path`` (may be empty)."""
        if not self.patterns:
            return ()
        relative = _relative_to(Path(path), self.base)
        found: list[str] = []
        for pattern, selectors in self.patterns.items():
            spec = pathspec.GitIgnoreSpec.from_lines([pattern])
            if spec.match_file(relative):
                found.extend(selectors)
        return tuple(found)


def _relative_to(path: Path, base: Path) -> str:
    """Return ``path`` as a POSIX path below ``base``, or its name when outside."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def unknown(selectors: Iterable[str]) -> list[str]:
    """Return the selectors that name no rule, in the order given."""
    return [name for name in selectors if not rules.is_known_selector(name)]
