"""The one LaTeX-to-text layer: every command reads field values through it.

``decode(value)`` gives the value as marked segments (italic, bold, small caps,
sub- and superscripts, math runs) for the renderer, as plain text, and with the
names of the commands it could not interpret; ``to_text(value)`` is the plain
text alone. Plain text writes sub- and superscripts as ordinary characters
(``Cu2O``), so that it compares and sorts like what a user types; the text
output format of ``render`` prints them as Unicode scripts where they exist
(``Cu₂O``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from citeman.latex.commands import handle
from citeman.latex.nodes import NO_MARKS, Decoded, Mark, Math, Node, Segment
from citeman.latex.scanner import Scanner, ligatures

__all__ = ["Decoded", "Mark", "Math", "Node", "Segment", "decode", "to_text"]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def decode(value: str) -> Decoded:
    r"""Return ``value`` decoded (cached: a library repeats its journals and names).

    >>> decode(r"The {\TeX}book and \emph{Cu$_2$O}").text
    'The TeXbook and Cu2O'
    >>> decode(r"\foo{bar} and \baz").unknown
    ('foo', 'baz')
    """
    if "\\" not in value and "$" not in value and "~" not in value:
        # Most values: only braces to drop and TeX's dash and quote ligatures.
        text = _plain(value.replace("{", "").replace("}", ""))
        return Decoded((Segment(text),) if text else (), text, ())
    scanner = Scanner(value)
    read = scanner.run(handle)
    unknown = tuple(scanner.unknown)
    marks = read[0].marks if read and isinstance(read[0], Segment) else None
    if marks is not None and all(
        type(node) is Segment and node.marks == marks for node in read
    ):
        # Most values: text set one way (accents, logos, dashes), which _tidy
        # merges into one segment, spaces evened and both ends trimmed.
        text = _SPACE.sub(" ", "".join([node.text for node in read])).strip()  # type: ignore[union-attr]
        return Decoded((Segment(text, marks),) if text else (), text, unknown)
    nodes = _tidy(read)
    return Decoded(nodes, _text(nodes), unknown)


def to_text(value: str) -> str:
    r"""Return ``value`` as a reader sees it, without typography.

    >>> to_text(r"Kivim{\"a}ki, M. and {\L}ukasiewicz"), to_text("A--B {DNA}")
    ('Kivimäki, M. and Łukasiewicz', 'A–B DNA')
    """
    return decode(value).text


def _plain(text: str) -> str:
    return _SPACE.sub(" ", ligatures(text)).strip()


def _text(nodes: tuple[Node, ...]) -> str:
    joined = "".join(
        node.text
        if isinstance(node, Segment)
        else "".join(s.text for s in node.segments)
        for node in nodes
    )
    return _SPACE.sub(" ", joined).strip()


def _tidy(nodes: list[Node]) -> tuple[Node, ...]:
    """Merge runs set alike, collapse whitespace across them, trim both ends."""
    merged: list[Node] = []
    texts: list[str] = []
    marks = NO_MARKS
    for node in [*nodes, None]:
        if isinstance(node, Segment) and (not texts or node.marks == marks):
            texts.append(node.text)
            marks = node.marks
            continue
        if texts:
            merged.append(Segment("".join(texts), marks))
            texts = []
        if isinstance(node, Segment):
            texts, marks = [node.text], node.marks
        elif node is not None:
            merged.append(Math(node.source, _tidy_math(node.segments), node.is_known))
    return _trim(merged)


def _tidy_math(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
    return tuple(
        Segment(_SPACE.sub(" ", segment.text), segment.marks) for segment in segments
    )


def _trim(nodes: list[Node]) -> tuple[Node, ...]:
    """Collapse whitespace across segments and trim both ends."""
    tidy: list[Node] = []
    spaced = True  # the start counts as a space: leading blanks go
    for node in nodes:
        if isinstance(node, Math):
            tidy.append(node)
            spaced = False
            continue
        text = _SPACE.sub(" ", node.text)
        if spaced:
            text = text.lstrip(" ")
        if text:
            tidy.append(Segment(text, node.marks))
            spaced = text.endswith(" ")
    if tidy and isinstance(tidy[-1], Segment) and tidy[-1].text.endswith(" "):
        last = tidy.pop()
        assert isinstance(last, Segment)
        if last.text.rstrip(" "):
            tidy.append(Segment(last.text.rstrip(" "), last.marks))
    return tuple(tidy)


__all__ += ["NO_MARKS"]
