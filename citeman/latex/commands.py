"""What each control sequence does to the scanner: print, mark, read arguments.

:func:`handle` looks a command up in the tables and either prints its text, or
opens a frame that reads its arguments and closes with one of the closers
below. A command nobody knows is remembered (for CM210) and never vanishes:
its braced argument is printed, or else its name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from citeman.latex import closers, tables
from citeman.latex.nodes import Mark, Node, Segment
from citeman.latex.scanner import CHEM, MATH, TEXT, UNITS, Frame, Scanner

_DIMENSION = re.compile(
    r"\s*(?:=\s*)?[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mm|cm|in|mu|sp|bp|pc|dd|cc)?"
)
_OPTIONAL = re.compile(r"\s*\[[^\]]*\]")
_SPACES_AFTER = re.compile(r"\s*")
_URL_ESCAPES = re.compile(r"\\([%#&_~$])")
_DIMENSIONED = frozenset(
    {"kern", "hskip", "vskip", "mkern", "mskip", "penalty", "spacefactor"}
)
_MATH_STYLES = frozenset({"operatorname", "boldsymbol", "bm", "ensuremath"})
_CASES: dict[str, Callable[[str], str]] = {
    "MakeUppercase": str.upper, "uppercase": str.upper,
    "MakeLowercase": str.lower, "lowercase": str.lower,
}  # fmt: skip


def handle(scanner: Scanner, name: str) -> None:
    """Act on the control sequence ``name`` just read (without its backslash)."""
    if name.endswith("*"):
        name = name[:-1]
    if _skips_spaces(scanner, name):
        # TeX skips the spaces after a control word; after a logo the space is
        # kept, as "\\LaTeX and friends" is always meant to read, and after an
        # unknown command too, which prints its name in their place.
        while (
            scanner.pos < len(scanner.value) and scanner.value[scanner.pos] in " \t\n"
        ):
            scanner.pos += 1
    top = scanner.top
    if top.mode == UNITS and _unit(scanner, name):
        return
    action = _ACTIONS.get(name)
    if action is not None:
        action(scanner, name)
    elif name in tables.ACCENTS:
        scanner.push(partial(closers.accent, name), 1)
    elif name in tables.SYMBOLS:
        scanner.deliver([Segment(tables.SYMBOLS[name], top.marks)])
    elif name in tables.STYLED:
        mark = tables.STYLED[name]
        marks = top.marks if mark is None else top.marks | {mark}
        keeps_mode = name.startswith("math") or name in _MATH_STYLES
        scanner.push(closers.joined_args, 1, marks, top.mode if keeps_mode else TEXT)
    elif name in tables.DECLARATIONS:
        _declare(top, tables.DECLARATIONS[name])
    elif name in tables.IGNORED or name in tables.NEUTRAL_DECLARATIONS or not name:
        return
    elif name in tables.DROP_ARGUMENT:
        scanner.push(closers.nothing, 1)
    elif name in tables.VERBATIM:
        scanner.deliver([Segment(_verbatim(scanner), top.marks | {Mark.MONO})])
    else:
        _unknown(scanner, name)


def _skips_spaces(scanner: Scanner, name: str) -> bool:
    if not (name.isalpha() or "@" in name) or name in tables.LOGOS or name == "verb":
        return False
    return (
        name in _ACTIONS or name in tables.ACCENTS or name in tables.SYMBOLS
        or name in tables.STYLED or name in tables.DECLARATIONS
        or name in tables.IGNORED or name in tables.NEUTRAL_DECLARATIONS
        or name in tables.DROP_ARGUMENT or name in tables.VERBATIM
        or (scanner.top.mode == UNITS and _is_unit(name))
    )  # fmt: skip


def _is_unit(name: str) -> bool:
    return (
        name in tables.UNIT_PREFIXES or name in tables.UNITS
        or name in tables.UNIT_POWERS or name in ("per", "tothe")
    )  # fmt: skip


def _declare(frame: Frame, mark: Mark | None) -> None:
    """Switch the rest of ``frame`` to ``mark`` (None: upright roman again)."""
    if mark is None:
        frame.marks = frame.marks - {Mark.ITALIC, Mark.BOLD, Mark.SMALLCAPS, Mark.MONO}
    else:
        frame.marks = frame.marks | {mark}


def _unknown(scanner: Scanner, name: str) -> None:
    scanner.remember_unknown(name)
    brace = _SPACES_AFTER.match(scanner.value, scanner.pos).end()  # type: ignore[union-attr]
    if scanner.value.startswith("{", brace):
        scanner.pos = brace
        scanner.push(partial(closers.named, name), 1)
    else:
        scanner.deliver([Segment(name, scanner.top.marks)])


def _verbatim(scanner: Scanner) -> str:
    """Read a verbatim argument: ``{…}`` (braces counted) or ``|…|`` (\\verb)."""
    value, start = scanner.value, scanner.pos
    if start >= len(value) or value[start].isalnum() or value[start].isspace():
        # Not a verbatim argument (``\\verb and``): read nothing.
        return ""
    if value[start] != "{":
        end = value.find(value[start], start + 1)
        end = len(value) if end < 0 else end
        scanner.pos = min(end + 1, len(value))
        return value[start + 1 : end]
    depth = 0
    for index in range(start, len(value)):
        depth += (value[index] == "{") - (value[index] == "}")
        if depth == 0:
            scanner.pos = index + 1
            return _URL_ESCAPES.sub(r"\1", value[start + 1 : index])
    scanner.pos = len(value)
    return _URL_ESCAPES.sub(r"\1", value[start + 1 :])


# Handlers of the commands that take arguments in their own way.


def _skip_optional(scanner: Scanner) -> None:
    """Step over an optional ``[…]`` argument, which prints nothing here."""
    found = _OPTIONAL.match(scanner.value, scanner.pos)
    if found:
        scanner.pos = found.end()


def _href(scanner: Scanner, name: str) -> None:
    r"""``\href{url}{text}`` prints its text."""
    _skip_optional(scanner)
    scanner.pos = _SPACES_AFTER.match(scanner.value, scanner.pos).end()  # type: ignore[union-attr]
    _verbatim(scanner)
    scanner.push(closers.joined_args, 1)


def _skip_dimension(scanner: Scanner, name: str) -> None:
    found = _DIMENSION.match(scanner.value, scanner.pos)
    if found:
        scanner.pos = found.end()


def _sqrt(scanner: Scanner, name: str) -> None:
    _skip_optional(scanner)
    scanner.push(closers.root, 1)


def _math_argument(scanner: Scanner, name: str) -> None:
    scanner.push(closers.joined_args, 1, mode=MATH)


def _chem(scanner: Scanner, name: str) -> None:
    scanner.push(closers.joined_args, 1, mode=CHEM)


def _si_quantity(scanner: Scanner, name: str) -> None:
    marks = scanner.top.marks
    ranged = "range" in name
    later = [(marks, TEXT), (marks, UNITS)] if ranged else [(marks, UNITS)]
    _skip_optional(scanner)
    needed = 3 if ranged else 2
    scanner.push(partial(closers.quantity, ranged), needed, mode=TEXT, later=later)


def _si_unit(scanner: Scanner, name: str) -> None:
    _skip_optional(scanner)
    scanner.push(closers.joined_args, 1, mode=UNITS)


def _math_open(scanner: Scanner, name: str) -> None:
    scanner.open_math(")" if name == "(" else "]")


def _math_close(scanner: Scanner, name: str) -> None:
    scanner.close_to(")" if name == ")" else "]")


def _unit(scanner: Scanner, name: str) -> bool:
    """Print a siunitx unit, prefix or power; return False for other commands."""
    top = scanner.top
    marks = top.marks
    if name in tables.UNIT_PREFIXES or name in tables.UNITS:
        gap = " " if top.gap else ""
        prefix = name in tables.UNIT_PREFIXES
        symbol = (tables.UNIT_PREFIXES if prefix else tables.UNITS)[name]
        scanner.deliver([Segment(gap + symbol, marks)])
        top.gap = not prefix
    elif name in tables.UNIT_POWERS:
        scanner.deliver([Segment(tables.UNIT_POWERS[name], marks | {Mark.SUP})])
    elif name == "per":
        scanner.deliver([Segment("/", marks)])
        top.gap = False
    elif name == "tothe":
        scanner.push(closers.joined_args, 1, marks | {Mark.SUP})
    else:
        return False
    return True


def _with(
    closer: Callable[..., list[Node]], needed: int, *bound: object
) -> Callable[[Scanner, str], None]:
    def start(scanner: Scanner, name: str) -> None:
        scanner.push(partial(closer, *bound) if bound else closer, needed)

    return start


_ACTIONS: dict[str, Callable[[Scanner, str], None]] = {
    "href": _href,
    "sqrt": _sqrt,
    "frac": _with(closers.joined, 2, "/"),
    "dfrac": _with(closers.joined, 2, "/"),
    "tfrac": _with(closers.joined, 2, "/"),
    "nth": _with(closers.ordinal, 1),
    "switchargs": _with(closers.swapped, 2),
    "ensuremath": _math_argument,
    "ch": _chem,
    "ce": _chem,
    "SI": _si_quantity,
    "qty": _si_quantity,
    "SIrange": _si_quantity,
    "qtyrange": _si_quantity,
    "si": _si_unit,
    "unit": _si_unit,
    "num": _with(closers.joined_args, 1),
    "ang": _with(closers.around, 1, "", "°"),
    "(": _math_open,
    "[": _math_open,
    ")": _math_close,
    "]": _math_close,
    **dict.fromkeys(_DIMENSIONED, _skip_dimension),
    **{name: _with(closers.case, 1, change) for name, change in _CASES.items()},
    **{name: _with(closers.around, 1, *pair) for name, pair in tables.QUOTES.items()},
    **{name: _with(closers.around, 1, "\\", "") for name in tables.CONTROL_SEQUENCE},
}
