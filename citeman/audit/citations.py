"""Find every citation of a manuscript, whatever syntax its kind allows.

Before looking, the parts that are not text are blanked out with spaces, which
keeps every position: LaTeX comments, verbatim environments, ``\\verb`` and the
false branch of ``\\iffalse``; Markdown code, HTML comments and URLs. LaTeX's
``~`` and ``\\&`` become a space and "&" so that "Bellis et~al." reads as prose.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from citeman.audit import keys, prose
from citeman.audit.manuscript import Kind, Manuscript
from citeman.audit.model import Citation

_LATEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
# Environments LaTeX prints (or skips) without reading commands in them.
_LATEX_VERBATIM = re.compile(
    r"\\begin\{(?P<name>verbatim\*?|Verbatim\*?|lstlisting|minted|comment|"
    r"filecontents\*?)\}.*?\\end\{(?P=name)\}"
    r"|\\verb\*?(?P<delimiter>[^\sA-Za-z*])[^\n]*?(?P=delimiter)",
    re.DOTALL,
)
_CONDITIONAL = re.compile(r"\\(if[A-Za-z]*|fi|else)(?![A-Za-z])")
_MARKDOWN_HIDDEN = re.compile(
    r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[^\n]*$|`[^`\n]+`|<!--.*?-->"
    r"|https?://[^\s)>\]]+",
    re.DOTALL | re.MULTILINE,
)


def find(
    manuscript: Manuscript, groups: Collection[str]
) -> tuple[list[Citation], bool]:
    """Return the manuscript's citations in text order and whether it cites all.

    ``groups`` are the group authors of the list, which narrative citations
    name without any other clue ("World Health Organization (2020)").
    """
    text = mask(manuscript.text, manuscript.kind)
    keyed: list[Citation] = []
    everything = False
    if manuscript.kind is Kind.MARKDOWN:
        keyed, everything = keys.pandoc(manuscript, text)
    elif manuscript.kind is Kind.LATEX:
        keyed, everything = keys.latex(manuscript, text)
    found = keyed + prose.find(manuscript, text, groups)
    found.sort(key=lambda citation: (citation.span.line, citation.span.column))
    return found, everything


def mask(text: str, kind: Kind) -> str:
    r"""Return ``text`` with what is not prose blanked, keeping every offset.

    >>> mask("% (Kopta, 1994)\nb~et\\&c", Kind.LATEX)
    '               \nb et &c'
    """
    if kind is Kind.LATEX:
        text = _LATEX_COMMENT.sub(_blank, text)
        text = _LATEX_VERBATIM.sub(_blank, text)
        text = _blank_false_branches(text)
        return text.replace("~", " ").replace("\\&", " &")
    if kind is Kind.MARKDOWN:
        return _MARKDOWN_HIDDEN.sub(_blank, text)
    return text


def _blank_false_branches(text: str) -> str:
    r"""Return ``text`` with each ``\iffalse … \fi`` (up to its ``\else``) blanked.

    >>> _blank_false_branches(r"a \iffalse \ifx b \fi c \else d \fi e")
    'a                             d \\fi e'
    """
    if "\\iffalse" not in text:
        return text
    pieces = []
    position = 0
    start = -1
    depth = 0
    for token in _CONDITIONAL.finditer(text):
        name = token.group(1)
        if start < 0:
            if name == "iffalse":
                start, depth = token.start(), 1
            continue
        if name.startswith("if"):
            depth += 1
            continue
        if name == "fi":
            depth -= 1
        if depth == 0 or (name == "else" and depth == 1):
            pieces += [text[position:start], _blanked(text[start : token.end()])]
            position, start, depth = token.end(), -1, 0
    if start >= 0:  # never closed: LaTeX skips to the end
        pieces += [text[position:start], _blanked(text[start:])]
        position = len(text)
    pieces.append(text[position:])
    return "".join(pieces)


def _blanked(piece: str) -> str:
    return re.sub(r"[^\n]", " ", piece)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))
