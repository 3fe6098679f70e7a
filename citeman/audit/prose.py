"""Find APA author–date citations that writers type themselves.

Parenthetical: "(Bellis et al., 2014)", several works separated by ";", page
locators, prefixes ("e.g.,", "see also"), group authors introducing their
abbreviation "(National Institute of Mental Health [NIMH], 2020)". Narrative:
"Bellis et al. (2014)", "Leichsenring and Rabung (2011)", "NIMH (2020)" and the
first use "National Institute of Mental Health (NIMH, 2020)".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import replace

from citeman.audit import authors
from citeman.audit.authors import Authors
from citeman.audit.manuscript import Manuscript
from citeman.audit.model import Citation, Form
from citeman.audit.naming import read_year
from citeman.authordate.keys import fold_group

_YEAR = r"(?:\d{4}[a-z]?(?!\w)|n\.\s?d\.(?:-[a-z])?|in\s+press(?:-[a-z])?)"
_LOCATOR = (
    r"(?i:pp?\.|paras?\.|chap\.|ch\.|chapters?|sections?|sec\.|tables?|figures?"
    r"|fig\.|slides?|lines?|§)\s*[^,;()]*|\d{1,2}:\d{2}(?::\d{2})?"
)
_YEARS = rf"(?P<years>{_YEAR}(?:\s*,\s*{_YEAR})*)(?:\s*,\s*(?:{_LOCATOR}))?\s*$"
_ONE_YEAR = re.compile(_YEAR)
_PARENTHESIS = re.compile(r"\(([^()]{1,600})\)")
_ONLY_YEARS = re.compile(rf"^\s*{_YEARS}")
# ("Study Finds," 2020): a quoted title keeps its comma inside the quotes.
_TAIL = re.compile(rf",[\"”’]?\s*{_YEARS}")
_POSSESSIVE = re.compile(r"(?:['’]s?)?\s*$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_WORD = re.compile(r"\S+")
#: How far before a parenthesis the names of a narrative citation may start.
_REACH = 200


class _Groups:
    """The list's group authors, by folded last word, and abbreviations seen."""

    def __init__(self, names: Collection[str]) -> None:
        self.by_last_word: dict[str, list[str]] = {}
        for name in names:
            words = name.split()
            if words:
                self.by_last_word.setdefault(fold_group(words[-1]), []).append(name)
        self.abbreviations: set[str] = set()

    def ending(self, head: str) -> tuple[str, int] | None:
        """Return the group name ``head`` ends with and where it starts in it."""
        words = list(_WORD.finditer(head))
        if not words:
            return None
        for name in self.by_last_word.get(fold_group(words[-1].group()), ()):
            size = len(name.split())
            if size <= len(words) and fold_group(
                " ".join(word.group() for word in words[-size:])
            ) == fold_group(name):
                return name, words[-size].start()
        return None


def find(manuscript: Manuscript, text: str, groups: Collection[str]) -> list[Citation]:
    """Return the author–date citations of ``text`` (the manuscript's, masked)."""
    known = _Groups(groups)
    narrative: list[re.Match[str]] = []
    citations: list[Citation] = []
    for match in _PARENTHESIS.finditer(text):
        if _PARAGRAPH_BREAK.search(match.group(1)):
            continue
        if _ONLY_YEARS.match(match.group(1)):
            narrative.append(match)
        else:
            citations += _parenthetical(manuscript, text, match, known)
    # Narrative citations last: "NIMH (2020)" needs the abbreviations introduced.
    for match in narrative:
        citations += _narrative(manuscript, text, match, known)
    citations.sort(key=lambda citation: (citation.span.line, citation.span.column))
    return citations


def _before(text: str, match: re.Match[str]) -> tuple[str, int]:
    """Return the text just before a parenthesis (possessive dropped) and its offset."""
    base = max(0, match.start() - _REACH)
    window = text[base : match.start()]
    cut = _POSSESSIVE.search(window)
    return window[: cut.start() if cut else len(window)], base


def _parenthetical(
    manuscript: Manuscript, text: str, match: re.Match[str], known: _Groups
) -> Iterator[Citation]:
    """Yield the works cited in one parenthesis, with their group and segment."""
    offset = match.start(1)
    segment = 0
    for number, part in enumerate(match.group(1).split(";")):
        tail = _TAIL.search(part)
        read = authors.read(part[: tail.start()], narrative=False) if tail else None
        if tail is not None and read is not None:
            if number and part[: read.start].strip():
                segment += 1
            template = Citation(
                manuscript.path, manuscript.span(0, 0), Form.PARENTHETICAL,
                names=read.names, et_al=read.et_al, connector=read.connector,
                abbreviation=read.abbreviation,
                written=part[read.start : tail.start()].strip(),
                group=match.start(), segment=segment,
            )  # fmt: skip
            start, end = offset + read.start, None
            head, base = _before(text, match)
            group = known.ending(head) if number == 0 else None
            single = len(read.names) == 1 and not read.et_al
            if group and single and read.names[0].isupper():
                # "National Institute of Mental Health (NIMH, 2020)": narrative,
                # introducing the abbreviation.
                template = replace(
                    template, form=Form.NARRATIVE, names=(group[0],), group=-1,
                    abbreviation=read.names[0], written=group[0],
                )  # fmt: skip
                start, end = base + group[1], match.end()
            if template.abbreviation:
                known.abbreviations.add(template.abbreviation)
            yield from _dated(manuscript, part, offset, tail, (start, end), template)
        offset += len(part) + 1


def _narrative(
    manuscript: Manuscript, text: str, match: re.Match[str], known: _Groups
) -> Iterator[Citation]:
    """Yield the citations of "Authors (years)", if names precede the parenthesis."""
    head, base = _before(text, match)
    group = known.ending(head)
    words = head.split()
    read: Authors | None
    if group is not None:
        read = Authors(group[1], (group[0],), False, "", "", True)
    elif words and words[-1] in known.abbreviations:
        read = Authors(len(head) - len(words[-1]), (words[-1],), False, "", "", True)
    else:
        read = authors.read(head, narrative=True)
    years = _ONLY_YEARS.match(match.group(1))
    if read is None or years is None:
        return
    template = Citation(
        manuscript.path, manuscript.span(0, 0), Form.NARRATIVE, names=read.names,
        et_al=read.et_al, connector=read.connector,
        written=head[read.start :].strip(),
    )  # fmt: skip
    span = (base + read.start, match.end())
    yield from _dated(manuscript, match.group(1), match.start(1), years, span, template)


def _dated(
    manuscript: Manuscript,
    part: str,
    offset: int,
    tail: re.Match[str],
    span: tuple[int, int | None],
    template: Citation,
) -> Iterator[Citation]:
    """Yield one citation per year in ``tail``; the first spans from ``span[0]``.

    ``span[1]`` ends the first citation (a narrative one ends at its ")");
    None ends each at its year. Later years of "(Bellis et al., 2014, 2016)"
    span their year only.
    """
    years = _ONE_YEAR.finditer(part, tail.start("years"), tail.end("years"))
    for number, year in enumerate(years):
        begin = span[0] if number == 0 else offset + year.start()
        end = span[1] if span[1] is not None and number == 0 else offset + year.end()
        value, suffix = read_year(year.group(0))
        yield replace(
            template,
            span=manuscript.span(begin, end),
            year=value,
            suffix=suffix,
            abbreviation=template.abbreviation if number == 0 else "",
        )
