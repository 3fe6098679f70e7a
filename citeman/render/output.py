"""Assemble rendered references into the document each output format expects.

Each reference is one paragraph with a hanging indent where the format has
one (APA §2.12). HTML is a fragment, or a whole page with ``standalone``;
RTF is always a whole document, since a fragment of RTF is not RTF.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from citeman.render import latex_glyphs

if TYPE_CHECKING:  # the engine loads Jinja, which only rendering needs
    from citeman.render.engine import Rendered

HEADING = "References"

_HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{heading}</title>
<style>
.references {{ max-width: 40em; }}
.references p {{ padding-left: 0.5in; text-indent: -0.5in; margin: 0 0 1em; }}
</style>
</head>
<body>
<h1>{heading}</h1>
{body}</body>
</html>
"""
# pdfLaTeX gets T1 fonts, and a code point in brackets for each character
# those fonts lack (Greek, CJK): the document compiles, and LuaLaTeX or XeLaTeX
# (fontspec, Unicode fonts) print every character.
_LATEX_DOCUMENT = r"""\documentclass{article}
\usepackage{iftex}
\ifPDFTeX
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\newcommand{\citemanmissing}[1]{[U+#1]}
%s\else
\usepackage{fontspec}
\fi
\usepackage{url}
\usepackage[hidelinks]{hyperref}
\begin{document}
\section*{%s}

%s\end{document}
"""
# \uc1: one "?" follows each \uN for readers without Unicode; \li720\fi-720 is a
# half-inch hanging indent, \sa240 a blank line after each reference.
_RTF_HEAD = (
    "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n"
    "{\\fonttbl{\\f0\\froman Times New Roman;}}\n\\f0\\fs24\n"
)


def text(references: Sequence[Rendered], standalone: bool = False) -> str:
    """Return plain text or Markdown: one paragraph per reference.

    That is each reference followed by a blank line, without the newlines
    ending the whole, and one newline. Built by one join of the references'
    own strings: a long list's document is tens of megabytes, and copying it
    (to strip its end, to add the last newline) would raise the peak memory.
    """
    pieces: list[str] = []
    for item in references:
        pieces += (item.text, "\n\n")
    while pieces:
        last = pieces.pop().rstrip("\n")
        if last:
            pieces.append(last)
            break
    pieces.append("\n")
    return "".join(pieces)


def markdown(references: Sequence[Rendered], standalone: bool = False) -> str:
    """Return Markdown paragraphs, under a heading when ``standalone``."""
    body = text(references)
    return f"# {HEADING}\n\n{body}" if standalone else body


def html_document(references: Sequence[Rendered], standalone: bool = False) -> str:
    """Return an HTML fragment, or a UTF-8 page with hanging indents."""
    # APA's hanging indent is half an inch (§2.12).
    style = "" if standalone else ' style="padding-left: 0.5in; text-indent: -0.5in"'
    paragraphs = "".join(
        f'<p id="ref-{html.escape(item.key, quote=True)}"{style}>{item.text}</p>\n'
        for item in references
    )
    body = f'<div class="references">\n{paragraphs}</div>\n'
    if standalone:
        return _HTML_PAGE.format(heading=HEADING, body=body)
    return body


def latex(references: Sequence[Rendered], standalone: bool = False) -> str:
    r"""Return LaTeX paragraphs with a hanging indent; a whole document if asked."""
    body = "".join(
        f"\\noindent\\hangindent=0.5in\\hangafter=1 {item.text}\n\n"
        for item in references
    )
    if not standalone:
        return body
    missing = latex_glyphs.declarations(latex_glyphs.undeclared(body))
    return _LATEX_DOCUMENT % (missing, HEADING, body)


def rtf(references: Sequence[Rendered], standalone: bool = False) -> str:
    """Return an RTF document: Word and LibreOffice keep its italics when pasted."""
    heading = f"{{\\pard\\sa240\\b {HEADING}\\par}}\n" if standalone else ""
    paragraphs = "".join(
        f"{{\\pard\\li720\\fi-720\\sa240 {item.text}\\par}}\n" for item in references
    )
    return f"{_RTF_HEAD}{heading}{paragraphs}}}\n"


def json_document(versions: Mapping[str, Sequence[Rendered]]) -> str:
    """Return a JSON array in list order: key, plain text, HTML and Markdown."""
    records = [
        {
            "key": plain.key,
            "text": str(plain.text),
            "html": str(in_html.text),
            "markdown": str(in_markdown.text),
        }
        for plain, in_html, in_markdown in zip(
            versions["text"], versions["html"], versions["markdown"], strict=True
        )
    ]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


#: How each markup format is assembled into a document.
DOCUMENTS: dict[str, Callable[[Sequence[Rendered], bool], str]] = {
    "text": text,
    "markdown": markdown,
    "html": html_document,
    "latex": latex,
    "rtf": rtf,
}
#: Every ``--format``: the markup formats, and json (which holds three of them).
FORMATS = (*DOCUMENTS, "json")
