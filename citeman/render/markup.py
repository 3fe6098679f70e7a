"""How each output format spells escaping, italics, links and dashes.

A reference is built from plain text (a decoded field value, punctuation) and
marked-up pieces (an italic title, a link). Plain text is escaped exactly once,
by :meth:`Markup.escape`, when it is written out; a marked-up piece is a
:class:`Safe` string, which is never escaped again. This is pybtex's backend
idea: templates and filters ask for "italic", never for ``<em>`` or ``\\textit``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import markupsafe

from citeman.printable import visible_keeping_lines
from citeman.urls import is_linkable

#: How many separators one format keeps escaped (see :meth:`Markup.join`).
SEPARATORS_KEPT = 64


class Safe(markupsafe.Markup):
    """Text already in the output format, with the plain text it shows.

    ``plain`` lets a filter ask what a reader sees (does the title end with a
    question mark?) without parsing markup. Being a ``markupsafe.Markup`` is
    what tells Jinja not to escape it again; markupsafe's own operators escape
    for HTML, so code here joins pieces with :meth:`Markup.join` only.
    """

    plain: str

    def __new__(cls, marked: str = "", plain: str | None = None) -> Safe:
        """Return ``marked`` flagged as escaped, remembering ``plain``."""
        made = str.__new__(cls, marked)
        made.plain = str(marked) if plain is None else plain
        return made


def _visible(text: str) -> str:
    """Return ``text`` with its controls escaped (:func:`visible_keeping_lines`).

    Nearly every piece of a reference is printable: ``str.isprintable`` says
    so at C speed, where the escaping regex would scan it (hundreds of
    thousands of pieces per 10k references). Every character the regex
    escapes (C0 and C1 controls, separators, bidirectional marks) is one that
    ``isprintable`` refuses.
    """
    return text if text.isprintable() else visible_keeping_lines(text)


def plain_of(piece: str) -> str:
    """Return the text a reader sees in ``piece`` (marked up or not)."""
    return piece.plain if isinstance(piece, Safe) else piece


@dataclass(frozen=True)
class Markup:
    """One output format: how to escape text and spell italics, links and dashes."""

    name: str
    escape_text: Callable[[str], str]
    italic_template: str
    link_template: str
    dash: str
    escape_url: Callable[[str], str] = html.escape
    #: How a link that shows its own URL is written, when that differs.
    autolink_template: str = ""
    #: How a link showing a label other than its address is written, given
    #: the address (escaped) and the label (raw); None: ``link_template``.
    labelled_link: Callable[[str, str], str] | None = None
    #: How runs that LaTeX sets in bold or small capitals are written.
    bold_template: str = "{}"
    smallcaps_template: str = "{}"
    #: How sub- and superscripts are written (given escaped text).
    sub: Callable[[str], str] = lambda text: text
    sup: Callable[[str], str] = lambda text: text
    #: How a range that must not break across lines is written.
    unbroken_template: str = "{}"
    #: How a math run's TeX source is kept (LaTeX only); None: print it decoded.
    math: Callable[[str], str] | None = None
    #: How a finished reference (one paragraph) is kept from starting a
    #: heading, list or quote in formats with block syntax.
    paragraph: Callable[[str], str] = lambda text: text
    #: The separators :meth:`join` has escaped (see :meth:`_separator`).
    _separators: dict[str, Safe] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def escape(self, piece: object) -> Safe:
        """Return ``piece`` escaped for this format, unless it already is.

        Control characters are shown as visible escapes first: no format has a
        use for them, and in a terminal they are commands.
        """
        if isinstance(piece, Safe):
            return piece
        text = _visible(str(piece))
        return Safe(self.escape_text(text), text)

    def italic(self, piece: str) -> Safe:
        """Return ``piece`` in italics (empty stays empty)."""
        if not plain_of(piece):
            return Safe("", "")
        return Safe(self.italic_template.format(self.escape(piece)), plain_of(piece))

    def link(self, url: str, label: str | None = None) -> Safe:
        """Return a link to ``url`` showing ``label`` (the URL itself by default).

        A URL whose scheme may not be linked (``javascript:``, ``data:``) is
        returned as plain text: see :mod:`citeman.urls`.
        """
        shown = self.escape(url if label is None else label)
        if not is_linkable(url):
            return shown
        if label is not None and self.labelled_link is not None:
            return Safe(self.labelled_link(self.escape_url(url), label), shown.plain)
        template = self.link_template
        if label is None and self.autolink_template:
            template = self.autolink_template
        marked = template.format(url=self.escape_url(url), label=shown)
        return Safe(marked, shown.plain)

    def join(self, pieces: list[str], separator: str = "") -> Safe:
        """Return ``pieces`` joined by ``separator``, each escaped once."""
        # As joining self.escape(piece) for each piece, without a Safe apiece:
        # references are built from tens of thousands of joins.
        marked: list[str] = []
        plain: list[str] = []
        mark, show, escape_text = marked.append, plain.append, self.escape_text
        for piece in pieces:
            if isinstance(piece, Safe):
                mark(piece)
                show(piece.plain)
            else:
                text = _visible(str(piece))
                mark(escape_text(text))
                show(text)
        return Safe(
            str.join(self._separator(separator), marked),
            plain_of(separator).join(plain),
        )

    def _separator(self, separator: str) -> Safe:
        """Return ``separator`` escaped, remembering the few a style joins with.

        Tens of thousands of joins use a handful of separators (``", "``,
        ``""``): each is escaped once. Only plain strings are kept (a
        :class:`Safe` one is equal to its plain twin), and no more than
        :data:`SEPARATORS_KEPT` of them, in case a template joins with values.
        """
        if type(separator) is not str:
            return self.escape(separator)
        escaped = self._separators.get(separator)
        if escaped is None:
            escaped = self.escape(separator)
            if len(self._separators) < SEPARATORS_KEPT:
                self._separators[separator] = escaped
        return escaped

    def dashed(self, parts: list[str]) -> Safe:
        """Return ``parts`` joined by this format's en dash (ranges), unbroken."""
        joined = self.join(parts, Safe(self.dash, "–"))
        if len(parts) < 2:
            return joined
        return Safe(self.unbroken_template.format(joined), joined.plain)


def _replace_each(table: Mapping[str, str]) -> Callable[[str], str]:
    pattern = re.compile("|".join(re.escape(char) for char in table))

    def escape(text: str) -> str:
        return pattern.sub(lambda found: table[found.group()], text)

    return escape


def _no_escape(text: str) -> str:
    return text


def _escape_rtf(text: str) -> str:
    """Escape RTF's specials; write every non-ASCII character as ``\\uN?``.

    RTF's ``\\u`` takes a signed 16-bit number, so characters beyond the Basic
    Multilingual Plane are written as their UTF-16 surrogate pair.
    """
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            units = char.encode("utf-16-be")
            for index in range(0, len(units), 2):
                unit = int.from_bytes(units[index : index + 2], "big")
                out.append(f"\\u{unit - 65536 if unit > 32767 else unit}?")
    return "".join(out)


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "`": r"\textasciigrave{}",
    "|": r"\textbar{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
}
# \url{} (url.sty) reads its argument verbatim where it stands in running
# text, as every reference does: % and # are written as they are (a backslash
# would be printed), braces and backslashes, which would end or escape the
# argument, are percent-encoded.
_LATEX_URL = {"{": "%7B", "}": "%7D", "\\": "%5C"}
_escape_latex_specials = _replace_each(_LATEX_SPECIALS)
# What \nolinkurl cannot print from inside \href's argument: TeX has read it
# already, so % starts a comment, # is a parameter and ^^ a character code.
_NOT_IN_ARGUMENT = re.compile(r"[%#{}\\\s]|\^\^")


def _latex_labelled_link(url: str, label: str) -> str:
    r"""Return a link whose address is ``url`` (encoded) and whose text is ``label``.

    A DOI is shown as registered (APA 9.35) and linked percent-encoded:
    hyperref's ``\href`` with the label verbatim in ``\nolinkurl``. A label
    that cannot be verbatim inside an argument shows the address instead.

    >>> _latex_labelled_link("https://doi.org/10.1/a%3Cb%3E", "https://doi.org/10.1/a<b>")
    '\\href{https://doi.org/10.1/a%3Cb%3E}{\\nolinkurl{https://doi.org/10.1/a<b>}}'
    >>> _latex_labelled_link("https://doi.org/10.1/a%25", "https://doi.org/10.1/a%")
    '\\url{https://doi.org/10.1/a%25}'
    """
    if _NOT_IN_ARGUMENT.search(label) or not label.isprintable():
        return rf"\url{{{url}}}"
    return rf"\href{{{url}}}{{\nolinkurl{{{label}}}}}"


def _escape_latex(text: str) -> str:
    """Escape TeX's specials in NFC text (pdfLaTeX cannot set a lone accent)."""
    return _escape_latex_specials(unicodedata.normalize("NFC", text))


# Characters that start emphasis, code, links or raw HTML in CommonMark; "&"
# only where it would start an entity ("&amp;").
_MARKDOWN_SPECIALS = {char: "\\" + char for char in "\\`*_[]<>~|"}
_escape_markdown_specials = _replace_each(_MARKDOWN_SPECIALS)
_MARKDOWN_ENTITY = re.compile(r"&(?=#?\w+;)")


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_ENTITY.sub(r"\\&", _escape_markdown_specials(text))


# What starts a block in CommonMark when it opens a paragraph: an ATX heading,
# a bullet (+ - *), an ordered item (1986. or 1986)), a setext line or a break.
_MARKDOWN_BLOCK = re.compile(r"^(#{1,6}|[+\-*=]|\d{1,9}(?=[.)]))(?=[ \t.)]|$)")


def _escape_markdown_block(text: str) -> str:
    r"""Return a Markdown paragraph that cannot start a heading, list or quote.

    >>> _escape_markdown_block("1986. Group"), _escape_markdown_block("# Pwned")
    ('1986\\. Group', '\\# Pwned')
    >>> _escape_markdown_block("+ list"), _escape_markdown_block("Smith, J. (2020).")
    ('\\+ list', 'Smith, J. (2020).')
    """
    found = _MARKDOWN_BLOCK.match(text)
    if found is None:
        return text
    if found.group(1)[0].isdigit():
        end = found.end(1)
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text


# Unicode has sub- and superscript forms for digits, signs and a few letters:
# text formats use them when every character of a script has one (Cu₂O, m²),
# and plain characters otherwise (10^{th} stays "10th").
_SUBSCRIPTS = dict(
    zip(
        "0123456789+-=()aehijklmnoprstuvx",
        "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
        strict=True,
    )
)
_SUPERSCRIPTS = dict(zip("0123456789+-−=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿ", strict=True))


def _scripted(table: Mapping[str, str]) -> Callable[[str], str]:
    def script(text: str) -> str:
        if all(char in table for char in text):
            return "".join(table[char] for char in text)
        return text

    return script


# Plain text shows a link's label: a DOI as registered (``<0437:TNYRP>``) where
# the address itself is percent-encoded.
TEXT = Markup(
    "text", _no_escape, "{}", "{label}", "–", _no_escape,
    sub=_scripted(_SUBSCRIPTS), sup=_scripted(_SUPERSCRIPTS),
)  # fmt: skip
MARKDOWN = Markup(
    "markdown",
    _escape_markdown,
    "*{}*",
    "[{label}](<{url}>)",
    "–",
    _replace_each({"<": "%3C", ">": "%3E", " ": "%20"}),
    "<{url}>",
    bold_template="**{}**",
    sub=_scripted(_SUBSCRIPTS),
    sup=_scripted(_SUPERSCRIPTS),
    paragraph=_escape_markdown_block,
)
HTML = Markup(
    "html",
    lambda text: html.escape(text, quote=True),
    "<i>{}</i>",
    '<a href="{url}">{label}</a>',
    "–",
    bold_template="<b>{}</b>",
    # Browsers break a line after a dash: a range is kept on one line.
    unbroken_template='<span style="white-space: nowrap">{}</span>',
    smallcaps_template='<span style="font-variant: small-caps">{}</span>',
    sub="<sub>{}</sub>".format,
    sup="<sup>{}</sup>".format,
)
LATEX = Markup(
    "latex",
    _escape_latex,
    r"\textit{{{}}}",
    r"\url{{{url}}}",
    "--",
    _replace_each(_LATEX_URL),
    labelled_link=_latex_labelled_link,
    bold_template=r"\textbf{{{}}}",
    smallcaps_template=r"\textsc{{{}}}",
    sub=r"\textsubscript{{{}}}".format,
    sup=r"\textsuperscript{{{}}}".format,
    math="${}$".format,
)
RTF = Markup(
    "rtf",
    _escape_rtf,
    r"{{\i {}}}",
    r'{{\field{{\*\fldinst{{HYPERLINK "{url}"}}}}{{\fldrslt{{{label}}}}}}}',
    r"\u8211?",
    _replace_each({"\\": "%5C", "{": "%7B", "}": "%7D", '"': "%22"}),
    bold_template=r"{{\b {}}}",
    smallcaps_template=r"{{\scaps {}}}",
    sub=r"{{\sub {}}}".format,
    sup=r"{{\super {}}}".format,
)

#: Every markup by format name, as ``--format`` offers them.
MARKUPS: dict[str, Markup] = {m.name: m for m in (TEXT, MARKDOWN, HTML, LATEX, RTF)}
