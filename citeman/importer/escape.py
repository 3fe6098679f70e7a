"""Turn text as printed into a BibTeX value that reads back as the same text.

LaTeX's special characters are escaped (``&`` → ``\\&``) so that the value is
valid LaTeX and citeman's decoder gives the printed text back; letters outside
ASCII stay as they are (UTF-8), as in citeman's own ``library.bib``.
"""

from __future__ import annotations

import re

from citeman import text as text_module

_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}  # fmt: skip
_SPECIAL = re.compile("|".join(re.escape(char) for char in _SPECIALS))
_CORE = re.compile(r"^([^\w\\]*)(.*?)([^\w}]*)$", re.DOTALL)


def latex(value: str) -> str:
    r"""Return ``value`` with LaTeX's special characters escaped.

    >>> latex("Psychonomic Bulletin & Review, 50% of {it}")
    'Psychonomic Bulletin \\& Review, 50\\% of \\{it\\}'
    """
    return _SPECIAL.sub(lambda found: _SPECIALS[found.group()], value)


def title(value: str) -> str:
    """Return a printed title as a BibTeX value, its proper nouns braced.

    A title written in sentence case keeps its capitals when a style puts it in
    sentence case again: the words that would change are braced. A Title Case
    title is kept as written, so that the title-case rule can report it.

    >>> title("Teaching in Germany, France and Italy today")
    'Teaching in {Germany}, {France} and {Italy} today'
    >>> title("The Emerging Evidence for Long-Term Psychodynamic Therapy")
    'The Emerging Evidence for Long-Term Psychodynamic Therapy'
    """
    escaped = latex(value)
    if text_module.is_title_case(escaped):
        return escaped
    changed = text_module.to_sentence_case(escaped)
    if changed == escaped:
        # Sentence case whose capitalised words the case reader keeps (known
        # proper nouns: Germany, American): brace them so a style keeps them.
        changed = _lowered_proper(escaped)
    words = escaped.split(" ")
    new_words = changed.split(" ")
    if len(words) != len(new_words):
        return escaped
    kept = [
        _braced(word) if word != new else word
        for word, new in zip(words, new_words, strict=True)
    ]
    return " ".join(kept)


_MINOR = frozenset("a an the and or of in on at by for to with from".split())  # noqa: SIM905


def _lowered_proper(title: str) -> str:
    """Return ``title`` with its capitalised words inside sentences lowered.

    Only when they outnumber its lower-case words (as runs: "Southeast Asia"
    is one): a title with a proper noun or two reads as sentence case and is
    left as written. Only the comparison with ``title`` is used: the words
    that differ are the ones to brace.
    """
    words = title.split(" ")
    opening, in_run = True, False
    upper = runs = lower = 0
    lowered = []
    for word in words:
        core = word.strip(",.;:!?()\"'")
        proper = not opening and core[:1].isupper() and core[1:].islower()
        if proper:
            upper += 1
            runs += not in_run
        elif core.islower() and core not in _MINOR:
            lower += 1
        in_run = proper
        lowered.append(word.lower() if proper else word)
        opening = word.endswith((":", "?", "!", "."))
    sentence = upper <= 1 or 0 < lower >= runs
    return title if sentence else " ".join(lowered)


def _braced(word: str) -> str:
    """Return ``word`` braced inside its leading and trailing punctuation."""
    found = _CORE.match(word)
    if found is None or not found.group(2):
        return word
    head, core, end = found.groups()
    return f"{head}{{{core}}}{end}"
