"""How check and audit print problems: colour on a terminal, one format each."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

import click

from citeman.printable import visible, visible_keeping_lines
from citeman.problem import Problem
from citeman.report import FORMATS
from citeman.report import json as json_report
from citeman.report import text as text_report

#: Problems per piece of the text report (see ``problems_pieces``).
_BATCH = 2000

_COLOURS = {
    "location": {"bold": True},
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "blue", "bold": True},
    "fixable": {"fg": "cyan"},
    "summary": {"bold": True},
}


#: ``--format`` of the commands that report problems (check, audit);
#: ``--output-format`` is ruff's name for it.
format_option = click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="How to print the problems.",
)


def say(message: str, *, err: bool = False) -> None:
    """Print one line of citeman's own; controls in the values it names show as escapes.

    Every message naming a file, key or value goes through here, so that an
    ESC sequence or a newline in a name cannot reach the terminal or forge a
    line (a fake ``::error`` in a CI log).
    """
    click.echo(visible(message), err=err)


def say_lines(text: str, *, err: bool = False) -> None:
    """Print text of several lines (a diff) with every control but line ends escaped."""
    click.echo(visible_keeping_lines(text), err=err, nl=False)


#: ``--color``: whether the text report is coloured.
color_option = click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: on a terminal only (auto), always or never. "
    "With auto, NO_COLOR turns colour off and FORCE_COLOR on.",
)


def use_colour(choice: str) -> bool | None:
    """Return click's ``color`` for ``--color``: True, False or None (a terminal).

    ``auto`` honours the NO_COLOR and FORCE_COLOR conventions (a non-empty
    value counts; NO_COLOR wins when both are set).
    """
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def colour(text: str, role: str) -> str:
    """Style a piece of the text report; click drops the style off a terminal."""
    return click.style(text, **_COLOURS.get(role, {}))  # type: ignore[arg-type]


def echo_problems(
    problems: Sequence[Problem],
    output_format: str,
    *,
    quiet: bool = False,
    statistics: bool = False,
    show_fixes: bool = False,
    color: bool | None = None,
) -> None:
    """Print ``problems`` in ``output_format``; text ends in a summary unless quiet.

    ``show_fixes`` adds under each fixable problem the change its fix makes;
    ``color`` is click's (None: colour on a terminal only).
    """
    text = problems_text(
        problems, output_format, quiet=quiet, statistics=statistics,
        show_fixes=show_fixes,
    )  # fmt: skip
    click.echo(text, nl=False, color=color)


def problems_text(
    problems: Sequence[Problem],
    output_format: str,
    *,
    quiet: bool = False,
    statistics: bool = False,
    show_fixes: bool = False,
) -> str:
    """Return what ``echo_problems`` prints, colour styles included.

    click removes the styles when it prints off a terminal, so one text serves
    both (and the result cache stores it once).
    """
    return "".join(
        problems_pieces(
            problems, output_format, quiet=quiet, statistics=statistics,
            show_fixes=show_fixes,
        )
    )  # fmt: skip


def problems_pieces(
    problems: Sequence[Problem],
    output_format: str,
    *,
    quiet: bool = False,
    statistics: bool = False,
    show_fixes: bool = False,
    written: Callable[[int], None] | None = None,
) -> Iterator[str]:
    """Yield :func:`problems_text` in pieces of whole lines, to print as they come.

    A large report is then never held whole (its text was larger than the
    file checked). ``written`` is told how many problems each piece held,
    once it is taken.
    """
    count = written or _uncounted
    if output_format == "json":
        yield from json_report.pieces(problems, count)
        return
    if output_format != "text":
        yield FORMATS[output_format](problems)
        count(len(problems))
        return
    if statistics:
        yield text_report.statistics(problems)
        count(len(problems))
    else:
        for first in range(0, len(problems), _BATCH):
            lines = []
            for problem in problems[first : first + _BATCH]:
                lines.append(text_report.line(problem, colour) + "\n")
                if show_fixes and problem.fix is not None:
                    lines.append(text_report.fix_line(problem.fix, colour) + "\n")
            yield "".join(lines)
            count(min(_BATCH, len(problems) - first))
    if not quiet:
        yield colour(text_report.summary(problems), "summary") + "\n"


def _uncounted(done: int) -> None:
    """Count nothing (no progress shown)."""
