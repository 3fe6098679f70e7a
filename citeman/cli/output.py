"""How check and audit print problems: colour on a terminal, one format each."""

from __future__ import annotations

from collections.abc import Sequence

import click

from citeman.printable import visible, visible_keeping_lines
from citeman.problem import Problem
from citeman.report import FORMATS
from citeman.report import text as text_report

_COLOURS = {
    "location": {"bold": True},
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow", "bold": True},
    "info": {"fg": "blue", "bold": True},
    "fixable": {"fg": "cyan"},
    "summary": {"bold": True},
}


#: ``--format`` of the commands that report problems (check, audit).
format_option = click.option(
    "--format",
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


def colour(text: str, role: str) -> str:
    """Style a piece of the text report; click drops the style off a terminal."""
    return click.style(text, **_COLOURS.get(role, {}))  # type: ignore[arg-type]


def echo_problems(
    problems: Sequence[Problem],
    output_format: str,
    *,
    quiet: bool = False,
    statistics: bool = False,
) -> None:
    """Print ``problems`` in ``output_format``; text ends in a summary unless quiet."""
    if output_format != "text":
        click.echo(FORMATS[output_format](problems), nl=False)
        return
    if statistics:
        click.echo(text_report.statistics(problems), nl=False)
    else:
        for problem in problems:
            click.echo(text_report.line(problem, colour))
    if not quiet:
        click.echo(colour(text_report.summary(problems), "summary"))
