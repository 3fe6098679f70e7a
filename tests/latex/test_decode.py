"""The LaTeX layer: what real bibliographies write, decoded as a reader sees it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.latex import Mark, Math, Segment, decode, to_text

CASES = [
    # TeX logos print their word (issue 11, item 1: they vanished before).
    (r"Publishing \TeX.", "Publishing TeX."),
    (r"{\TeX} and {\LaTeX}", "TeX and LaTeX"),
    (r"\LaTeX{} and friends", "LaTeX and friends"),
    (r"\LaTeX and friends", "LaTeX and friends"),
    (r"\LaTeXe", "LaTeX2ε"),
    (r"{\MF} and \METAFONT and \MP", "METAFONT and METAFONT and MetaPost"),
    (
        r"\BibTeX, \AmS, \AMSTeX, \XeTeX, \LuaLaTeX",
        "BibTeX, AMS, AMS-TeX, XeTeX, LuaLaTeX",
    ),
    (r"{EuroBacho\TeX} 2007", "EuroBachoTeX 2007"),
    (r"{\TUB} online; \PS{} output", "TUGboat online; PostScript output"),
    # Accents and letters.
    (r"Kivim{\"a}ki and {\L}ukasiewicz", "Kivimäki and Łukasiewicz"),
    (r"{\O}rsted, G{\"o}del, Erd\H{o}s", "Ørsted, Gödel, Erdős"),
    (r"\c{C}a\u{g}lar, \v{S}ime\v{c}ek, {\'\i}ndice", "Çağlar, Šimeček, índice"),
    (
        r"\'{E}mile, \`a la, \^{o}te, \~n, \=a, \.z, \k{a}, \r{a}",
        "Émile, à la, ôte, ñ, ā, ż, ą, å",
    ),
    (r"Stra{\ss}e, {\ae}on, {\AA}ngstr{\"o}m", "Straße, æon, Ångström"),
    (r"\"{}", "¨"),
    # Special characters, ligatures, spaces.
    (r"A \& B, 50\%, \$5, \#1, a\_b", "A & B, 50%, $5, #1, a_b"),
    ("pages 1--2 --- a ``quote''", "pages 1–2 — a “quote”"),
    ("D.~E. Knuth", "D. E. Knuth"),
    (r"Kom\-pakt\-f{\"u}hr\-er", "Kompaktführer"),
    (r"November\slash December{\Dash}a", "November/December—a"),
    (r"50% off", "50% off"),
    # Font commands keep their text.
    (
        r"\emph{in vivo}, \textbf{bold}, \textsc{Caps}, {\em x} {\bf y}",
        "in vivo, bold, Caps, x y",
    ),
    (r"\texttt{book} entry", "book entry"),
    (r"\MakeUppercase{abc}", "ABC"),
    # Math, chemistry and units.
    (r"Cu$_2$O and H$_2$O", "Cu2O and H2O"),
    (r"$\alpha$-helix, $\langle$110$\rangle$", "α-helix, ⟨110⟩"),
    (r"at {$25\,^\circ\mathrm{C}$}", "at 25 °C"),
    (r"$\sqrt{2}$ and $\frac{a}{b}$", "√2 and a/b"),
    (r"\ch{Cu2O} and \ch{SO4^2-}", "Cu2O and SO42-"),
    (r"\SI{3}{\kilo\meter\per\second}", "3 km/s"),
    (r"\qty{114}{\celsius}, \SIrange{1}{2}{\kelvin}", "114°C, 1–2 K"),
    # Links: the text of \href, the address of \url.
    (r"\href{http://example.org}{the site}", "the site"),
    (r"\url{http://a.org/b\_c%20d}", "http://a.org/b_c%20d"),
    # Sort keys print nothing; TUGboat's \cs prints the control sequence.
    (r"{\noopsort{1986c}}1986", "1986"),
    (r"under \macro{write}", r"under \write"),
    # Unknown commands never vanish.
    (r"\foo{bar} and \baz", "bar and baz"),
    (r"\unknownlogo{} here", "unknownlogo here"),
]


@pytest.mark.parametrize(("value", "expected"), CASES, ids=[c[0] for c in CASES])
def test_to_text(value: str, expected: str) -> None:
    assert to_text(value) == expected


def test_unknown_commands_are_named_once_in_order() -> None:
    assert decode(r"\foo{a} \input{x} \foo \TeX \emph{b}").unknown == ("foo", "input")


def test_marks_say_how_runs_are_set() -> None:
    nodes = decode(r"A \emph{b \textbf{c}} {\sc d}").nodes
    assert nodes == (
        Segment("A "),
        Segment("b ", frozenset({Mark.ITALIC})),
        Segment("c", frozenset({Mark.ITALIC, Mark.BOLD})),
        Segment(" "),
        Segment("d", frozenset({Mark.SMALLCAPS})),
    )


def test_math_keeps_its_source_and_scripts() -> None:
    (before, math, after) = decode("Cu$_2$O").nodes
    assert (before, after) == (Segment("Cu"), Segment("O"))
    assert isinstance(math, Math)
    assert math.source == "_2"
    assert math.segments == (Segment("2", frozenset({Mark.SUB})),)
    assert math.is_known


def test_math_with_an_unknown_command_is_not_known() -> None:
    (math,) = decode(r"$\input{x}$").nodes
    assert isinstance(math, Math)
    assert not math.is_known


def test_unclosed_math_is_not_known() -> None:
    (math,) = decode(r"{$x}").nodes
    assert isinstance(math, Math)
    assert not math.is_known


@pytest.mark.parametrize(
    "value",
    [
        # Issue 9, C1: these raised inside pylatexenc.
        r"\href{http://x}{text}",
        r"\href",
        r"\href{",
        r"\input",
        r"\verb",
        r"\verb|x",
        r"\sqrt",
        r"\sqrt[",
        r"\frac{a}",
        "\\",
        r"\'",
        r"\url{",
        r"\SI{1}",
        r"\ch{",
        "$",
        "$$",
        r"\(",
        r"\]",
        "}}}{{{",
        r"\^",
        r"\kern",
        # C2: nesting deeper than Python's recursion limit.
        "{" * 300 + r"\x" + "}" * 300,
        "{" * 5_000 + r"\textit{x}" + "}" * 5_000,
        r"\textit{" * 5_000,
        "$" + "^{" * 5_000,
    ],
    ids=lambda value: repr(value[:20]),
)
def test_hostile_values_decode_without_error(value: str) -> None:
    decoded = decode(value)
    assert isinstance(decoded.text, str)


PIECES = st.sampled_from(
    [*"ab {}$^_~\\'\"%&#-`", r"\emph", r"\TeX", r"\href", r"\url", r"\verb", r"\sqrt",
     r"\frac", r"\ch", r"\SI", r"\kilo", r"\per", r"\circ", r"\'", r"\c", r"\(", r"\)",
     r"\[", r"\]", r"\foo", r"\noopsort", r"\kern", "1.5em", r"\em", r"\rm", "--"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_value_decodes_and_its_text_is_tidy(value: str) -> None:
    decoded = decode(value)
    assert decoded.text == decoded.text.strip()
    assert "  " not in decoded.text
    assert "\n" not in decoded.text
