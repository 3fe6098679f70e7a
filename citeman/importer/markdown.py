"""Read Markdown: headings, list items and paragraphs, with ``*…*``/``_…_`` italics.

A small reader of its own rather than a CommonMark library: a reference list
needs only blocks and emphasis, and every character must keep its column in
the source, which CommonMark parsers do not record for inline text.
"""

from __future__ import annotations

import re

from citeman.importer.document import Block, Document, joined, lines_of

_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
_ESCAPABLE = set("\\`*_{}[]()#+-.!<>|&~")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")


def read(path: str, source: str) -> Document:
    """Return the blocks of a Markdown document (a blank line ends a paragraph)."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    lines = lines_of(path, source)
    blocks: list[Block] = []
    pending: list[Block] = []

    def close() -> None:
        if pending:
            blocks.append(joined(pending))
            pending.clear()

    for start, line in zip(lines.line_starts, source.split("\n"), strict=True):
        heading = _HEADING.match(line)
        item = _ITEM.match(line)
        if not line.strip():
            close()
            blocks.append(Block("", (), ((0, start),)))
        elif heading:
            close()
            offset = start + heading.start(2)
            text = heading.group(2)
            blocks.append(_with_heading(inline(text, offset)))
        elif _SETEXT.match(line) and len(pending) == 1:
            blocks.append(_with_heading(pending.pop()))
        elif item:
            close()
            pending.append(inline(line[item.end() :], start + item.end()))
        else:
            pending.append(inline(line.strip(), start + len(line) - len(line.lstrip())))
    close()
    return Document(path, "markdown", lines, tuple(blocks))


def _with_heading(block: Block) -> Block:
    return Block(block.text, block.italics, block.runs, heading=True)


def inline(text: str, origin: int) -> Block:
    """Return one line's text with escapes, emphasis markers and links removed."""
    out: list[str] = []
    size = 0
    runs: list[tuple[int, int]] = []
    markers: list[int] = []  # positions in the text where a * or _ was dropped
    index = 0
    copying = False
    while index < len(text):
        skip, keep = _markup_at(text, index)
        if skip:
            if keep is None:
                markers.append(size)
            elif keep:
                # What a link or an escape shows starts right after its opener.
                runs.append((size, origin + index + 1))
                out.append(keep)
                size += len(keep)
            index += skip
            copying = False
            continue
        if not copying:
            runs.append((size, origin + index))
            copying = True
        out.append(text[index])
        size += 1
        index += 1
    plain = "".join(out)
    italics = tuple(zip(markers[0::2], markers[1::2], strict=False))
    if len(markers) % 2:
        # An unmatched marker was a literal asterisk or underscore after all.
        return _literal(text, origin)
    return Block(plain, italics, tuple(runs) or ((0, origin),))


def _markup_at(text: str, index: int) -> tuple[int, str | None]:
    """Return how many source characters markup takes at ``index`` and what stays.

    ``(0, None)``: no markup; ``(n, None)``: an emphasis marker of ``n``
    characters; ``(n, kept)``: an escape or a link shown as ``kept``.
    """
    char = text[index]
    if char == "\\" and text[index + 1 : index + 2] in _ESCAPABLE:
        return 2, text[index + 1]
    if char == "*" or (char == "_" and _is_underscore_marker(text, index)):
        if text[index + 1 : index + 2] == char:
            return 2, ""  # bold: its markers go, its text stays plain
        return 1, None
    if char == "<":
        link = _AUTOLINK.match(text, index)
        if link:
            return link.end() - index, link.group(1)
    if char == "[":
        link = _LINK.match(text, index)
        if link:
            return link.end() - index, link.group(1) or link.group(2)
    return 0, None


def _is_underscore_marker(text: str, index: int) -> bool:
    """Return whether ``_`` at ``index`` is emphasis, not part of a word (a_b)."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not (before.isalnum() and after.isalnum())


def _literal(text: str, origin: int) -> Block:
    """Return ``text`` with escapes removed but every ``*`` and ``_`` kept."""
    return Block(text, (), ((0, origin),))
