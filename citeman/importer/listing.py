"""Find the reference list in a document and cut it into references.

The list starts after a heading such as "References" or "Works Cited" when
there is one, and runs to the next heading; otherwise it is the whole
document. A Word paragraph, a Markdown list item or paragraph, or a plain-text
line is one reference, except that a plain-text list whose references are
separated by blank lines may wrap each over several lines. Leading numbering
(``1.``, ``[1]``, ``1)``) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeman.importer.document import Block, Document, joined

_HEADINGS = {
    "references", "reference list", "reference", "bibliography", "works cited",
    "literature cited", "literature", "sources", "cited works", "references cited",
}  # fmt: skip
#: Sections that follow a reference list in a manuscript; a line naming one ends
#: the list even where the document has no heading markup (plain text).
_AFTER_LIST = re.compile(
    r"(appendix|appendices|tables?|figures?|figure captions|notes|footnotes|"
    r"endnotes|acknowledge?ments|supplementary materials?|author notes?)"
    r"(\s+[\w.]{1,4})?",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"\s*(?:\[\d{1,5}\]|\(\d{1,5}\)|\d{1,5}[.)])\s+")


@dataclass(frozen=True, slots=True)
class Item:
    """One reference of the list: its text (numbering dropped) and where it was."""

    block: Block
    numbered: bool


def is_heading(block: Block) -> bool:
    """Return whether ``block`` is a reference-list heading ("References:")."""
    words = re.sub(r"[^\w ]+", " ", block.text).split()
    return " ".join(words).lower() in _HEADINGS and len(block.text) < 40


def items(document: Document) -> list[Item]:
    """Return the references of ``document``'s list, in order."""
    blocks = _list_blocks(document)
    if document.kind == "text" and _wrapped(blocks):
        groups = _paragraphs(blocks)
    else:
        groups = [[block] for block in blocks if block.text.strip()]
    found = []
    for group in groups:
        block = joined(group) if len(group) > 1 else group[0]
        found.append(_unnumbered(block))
    return [item for item in found if item.block.text]


def _list_blocks(document: Document) -> list[Block]:
    """Return the blocks after the reference-list heading, up to the next heading."""
    blocks = list(document.blocks)
    start = next((i for i, block in enumerate(blocks) if is_heading(block)), None)
    if start is None:
        return blocks
    end = next(
        (i for i in range(start + 1, len(blocks)) if _ends_list(blocks[i])),
        len(blocks),
    )
    return blocks[start + 1 : end]


def _ends_list(block: Block) -> bool:
    """Return whether ``block`` is a heading: marked up, or "Appendix A" and kin."""
    return block.heading or bool(_AFTER_LIST.fullmatch(block.text.strip(" :#")))


def _wrapped(blocks: list[Block]) -> bool:
    """Return whether references are blank-line separated and some span lines."""
    groups = _paragraphs(blocks)
    return len(groups) > 1 and any(len(group) > 1 for group in groups)


def _paragraphs(blocks: list[Block]) -> list[list[Block]]:
    """Return runs of non-blank lines (a blank line ends a reference)."""
    groups: list[list[Block]] = [[]]
    for block in blocks:
        if block.text.strip():
            groups[-1].append(_stripped(block))
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _stripped(block: Block) -> Block:
    """Return ``block`` without leading and trailing whitespace."""
    start = len(block.text) - len(block.text.lstrip())
    return block.cut(start, len(block.text.rstrip()))


def _unnumbered(block: Block) -> Item:
    """Return the reference with its leading number, if any, dropped."""
    block = _stripped(block)
    number = _NUMBERING.match(block.text)
    if number is None:
        return Item(block, False)
    return Item(_stripped(block.cut(number.end(), len(block.text))), True)
