"""Decoded LaTeX as each output format spells it: italics, small caps, scripts, math.

The LaTeX layer (:mod:`citeman.latex`) says what a value's text is and how each
run is set; the output format's :class:`~citeman.render.markup.Markup` says how
that is written. A value with nothing marked stays a plain string, escaped
later like any other text.
"""

from __future__ import annotations

import re

from citeman.latex import Mark, Math, Node, Segment, decode
from citeman.render.markup import Markup, Safe

#: Math whose source may be copied into LaTeX output: balanced braces and none
#: of the characters that would end or break the math (the layer knows every
#: command in it, see ``Math.is_known``).
_UNSAFE_MATH = re.compile(r"[#%&$]|\\[^A-Za-z,;:! {}_^|]|^\s*$")


def rich(markup: Markup, value: str) -> str:
    r"""Return a stored value decoded, in ``markup``'s spelling where it is marked.

    >>> from citeman.render.markup import HTML, LATEX
    >>> str(rich(HTML, r"Cu$_2$O and \emph{in vivo}"))
    'Cu<sub>2</sub>O and <i>in vivo</i>'
    >>> str(rich(LATEX, r"Cu$_2$O")), rich(HTML, "plain {DNA}")
    ('Cu$_2$O', 'plain DNA')
    """
    decoded = decode(value)
    if decoded.is_plain:
        return decoded.text
    marked = "".join(_node(markup, node) for node in decoded.nodes)
    return Safe(marked, decoded.text)


def _node(markup: Markup, node: Node) -> str:
    if isinstance(node, Segment):
        return _segment(markup, node)
    if markup.math is not None and _is_safe_math(node):
        return markup.math(node.source.strip())
    return "".join(_segment(markup, segment) for segment in node.segments)


def _segment(markup: Markup, segment: Segment) -> str:
    text = markup.escape_text(segment.text)
    marks = segment.marks
    if Mark.SUB in marks:
        text = markup.sub(text)
    if Mark.SUP in marks:
        text = markup.sup(text)
    if Mark.SMALLCAPS in marks:
        text = markup.smallcaps_template.format(text)
    if Mark.BOLD in marks:
        text = markup.bold_template.format(text)
    if Mark.ITALIC in marks:
        text = markup.italic_template.format(text)
    return text


def _is_safe_math(math: Math) -> bool:
    source = math.source
    return (
        math.is_known
        and source.count("{") == source.count("}")
        and _UNSAFE_MATH.search(source) is None
    )
