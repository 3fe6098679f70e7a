"""Decoded LaTeX in each output format: italics, bold, small caps, scripts, math."""

from __future__ import annotations

import pytest

from citeman.render.markup import HTML, LATEX, MARKDOWN, RTF, TEXT, Markup
from citeman.render.rich import rich

VALUE = r"Cu$_2$O, \emph{in vivo}, \textbf{b}, \textsc{sc} \& m\textsuperscript{2}"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (TEXT, "Cu₂O, in vivo, b, sc & m²"),
        (MARKDOWN, "Cu₂O, *in vivo*, **b**, sc & m²"),
        (
            HTML,
            'Cu<sub>2</sub>O, <i>in vivo</i>, <b>b</b>, <span style="font-variant: '
            'small-caps">sc</span> &amp; m<sup>2</sup>',
        ),
        (
            LATEX,
            r"Cu$_2$O, \textit{in vivo}, \textbf{b}, \textsc{sc} \& "
            r"m\textsuperscript{2}",
        ),
        (RTF, r"Cu{\sub 2}O, {\i in vivo}, {\b b}, {\scaps sc} & m{\super 2}"),
    ],
    ids=lambda item: item.name if isinstance(item, Markup) else "",
)
def test_each_format_spells_the_marks(markup: Markup, expected: str) -> None:
    shown = rich(markup, VALUE)
    assert str(shown) == expected
    assert shown.plain == "Cu2O, in vivo, b, sc & m2"  # type: ignore[attr-defined]


def test_a_plain_value_stays_a_plain_string_escaped_later() -> None:
    assert rich(HTML, "{DNA} & <b>") == "DNA & <b>"
    assert type(rich(HTML, "{DNA} & <b>")) is str


def test_text_scripts_fall_back_to_plain_letters() -> None:
    assert str(rich(TEXT, r"the 10\textsuperscript{th} and x$_{\beta}$")) == (
        "the 10th and xβ"
    )


@pytest.mark.parametrize(
    "value",
    [r"$\input{/etc/passwd}$", r"{$x}", r"$a \% b$", r"$\foo$", r"$x"],
)
def test_latex_never_copies_math_it_does_not_know(value: str) -> None:
    shown = str(rich(LATEX, value))
    assert "$" not in shown
    assert r"\input" not in shown
