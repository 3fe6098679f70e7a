"""Escaping per format: the hostile entry is shown in every format, never acted on."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from citeman import parse, render
from citeman.render.markup import HTML, LATEX, MARKDOWN, MARKUPS, RTF, TEXT, Safe
from tests.conftest import DATA

HOSTILE = DATA / "render" / "hostile.bib"


def rendered(fmt: str) -> str:
    return render.render(parse.load(HOSTILE).entries, render.find("apa"), fmt)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (TEXT, "A & B <i> {x} 100% $ # _ ~ ^ \\ * é"),
        (MARKDOWN, "A & B \\<i\\> {x} 100% $ # \\_ \\~ ^ \\\\ \\* é"),
        (HTML, "A &amp; B &lt;i&gt; {x} 100% $ # _ ~ ^ \\ * é"),
        (
            LATEX,
            "A \\& B \\textless{}i\\textgreater{} \\{x\\} 100\\% \\$ \\# \\_ "
            "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} * é",
        ),
        (RTF, "A & B <i> \\{x\\} 100% $ # _ ~ ^ \\\\ * \\u233?"),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_escape(markup: object, expected: str) -> None:
    hostile = "A & B <i> {x} 100% $ # _ ~ ^ \\ * é"
    assert str(MARKUPS[markup.name].escape(hostile)) == expected  # type: ignore[attr-defined]


def test_escape_happens_once() -> None:
    once = HTML.escape("a & b")
    assert HTML.escape(once) == "a &amp; b"
    assert str(HTML.italic(once)) == "<i>a &amp; b</i>"


def test_rtf_writes_characters_beyond_the_bmp_as_surrogates() -> None:
    # U+1D11E is the pair D834 DD1E: 0xD834 - 65536 = -10188, 0xDD1E - 65536 = -8930.
    assert str(RTF.escape("𝄞")) == "\\u-10188?\\u-8930?"


def test_safe_remembers_the_plain_text() -> None:
    piece = LATEX.italic("Why?")
    assert (str(piece), piece.plain) == ("\\textit{Why?}", "Why?")
    assert isinstance(piece, Safe)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_has_no_tag_from_the_bibliography() -> None:
    """A <script> or <b> in a title is shown as text; only citeman's tags exist."""
    parser = _Tags()
    parser.feed(rendered("html"))
    assert set(parser.tags) == {"div", "p", "i", "a", "span"}  # span: page ranges
    assert "&lt;Script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered("html")


def test_html_link_attribute_is_escaped() -> None:
    assert (
        '<a href="https://example.org/?a=1&amp;b=&lt;2&gt;&quot;x&quot;{y}%">'
        in rendered("html")
    )


def test_latex_escapes_every_special() -> None:
    assert rendered("latex") == (
        "\\noindent\\hangindent=0.5in\\hangafter=1 O'Brien, Z., \\& "
        "\\textless{}b\\textgreater{}Group\\textless{}/b\\textgreater{} \\& Co. "
        '(2020). \\textless{}Script\\textgreater{}alert("x")'
        "\\textless{}/script\\textgreater{} \\& 100\\% \\$5 \\#1 a\\_b \\{x\\} "
        "\\textasciitilde{} a\\textasciicircum{}b \\textbackslash{} *star* "
        "[text](link) \\textasciigrave{}tick\\textasciigrave{} \\textbar{} é. "
        "\\textit{J \\& K \\textless{}i\\textgreater{}}, \\textit{1}, 1--2. "
        '\\url{https://example.org/?a=1&b=<2>"x"%7By%7D%}\n\n'
    )


def test_markdown_escapes_emphasis_links_and_html() -> None:
    assert rendered("markdown") == (
        "O'Brien, Z., & \\<b\\>Group\\</b\\> & Co. (2020). "
        '\\<Script\\>alert("x")\\</script\\> & 100% $5 #1 a\\_b {x} \\~ a^b \\\\ '
        "\\*star\\* \\[text\\](link) \\`tick\\` \\| é. *J & K \\<i\\>*, *1*, 1–2. "
        '<https://example.org/?a=1&b=%3C2%3E"x"{y}%>\n'
    )


def test_rtf_escapes_braces_backslashes_and_unicode() -> None:
    assert "a_b \\{x\\} ~ a^b \\\\ *star*" in rendered("rtf")
    assert "| \\u233?. {\\i J & K <i>}, {\\i 1}, 1\\u8211?2." in rendered("rtf")


def test_text_is_unescaped() -> None:
    assert rendered("text") == (
        'O\'Brien, Z., & <b>Group</b> & Co. (2020). <Script>alert("x")</script> '
        "& 100% $5 #1 a_b {x} ~ a^b \\ *star* [text](link) `tick` | é. "
        'J & K <i>, 1, 1–2. https://example.org/?a=1&b=<2>"x"{y}%\n'
    )
