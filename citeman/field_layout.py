"""Where a new field goes in an entry, written in the entry's own layout.

Fixes that add a field (a DOI found online, a published version's journal)
insert it after the last field, so that nothing already written moves: a field
on its own line gets a line of its own with the same indentation, ``=``
alignment and line ending; an entry written on one line gets ``, name = {…}``.
A trailing comma after the last field is kept last.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman.model import Entry, Field


def insertion(
    entry: Entry, fields: Sequence[tuple[str, str]]
) -> tuple[int, str] | None:
    """Return the file offset and the text that add ``fields`` (name, raw value).

    Each raw value is written as given, delimiters included. None when the
    entry has no field to follow.
    """
    written = sorted((*entry.fields.values(), *entry.repeated), key=lambda f: f.offset)
    if not written or not fields:
        return None
    last = written[-1]
    end = last.offset + len(last.raw) - entry.offset
    tail = entry.raw[end:]
    comma = len(tail) - len(tail.lstrip(" \t"))
    trailing = tail[comma : comma + 1] == ","
    lines = []
    for name, raw in fields:
        head, between = _layout(entry, last, name)
        if head is None:
            lines.append(f" {name} = {raw}," if trailing else f", {name} = {raw}")
            continue
        newline = "\r\n" if "\r\n" in entry.raw else "\n"
        line = f"{newline}{head}={between}{raw}"
        lines.append(f"{line}," if trailing else f",{line}")
    return entry.offset + end + (comma + 1 if trailing else 0), "".join(lines)


def _layout(entry: Entry, last: Field, name: str) -> tuple[str | None, str]:
    """Return the ``  name   `` before ``=`` and the text after it, like ``last``'s.

    The head is None when ``last`` does not start its own line.
    """
    start = last.offset - entry.offset
    prefix = entry.raw[entry.raw.rfind("\n", 0, start) + 1 : start]
    head, equals, between = prefix.partition("=")
    written = head.strip()
    if not equals or written.lower() != last.name.lower() or head[:1] not in " \t":
        return None, " "
    indent = head[: len(head) - len(head.lstrip())]
    padding = head[len(indent) + len(written) :]
    aligned = len(padding) > 1 or _is_aligned(entry)
    width = len(head) - len(indent)
    label = name.ljust(width) if aligned else name + padding
    if aligned and len(name) >= width:
        label = name + " "
    return indent + label, between


def _is_aligned(entry: Entry) -> bool:
    """Return whether the entry's ``=`` signs line up in one column."""
    columns = set()
    for line in entry.raw.splitlines()[1:]:
        head, equals, _ = line.partition("=")
        if equals and head[:1] in " \t" and head.strip():
            columns.add(len(head))
    return len(columns) == 1 and len(entry.fields) > 1
