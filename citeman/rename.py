"""The fix that renames a field, keeping aligned ``=`` signs aligned.

Several rules move a value to the field where styles look for it (``pages`` to
``eid``, ``issue`` to ``number``); the rename is one edit of the name and the
padding after it, never of the value.
"""

from __future__ import annotations

from citeman.model import Entry, Field
from citeman.problem import Fix


def rename(entry: Entry, field: Field, name: str) -> Fix | None:
    """Return an unsafe fix renaming ``field`` to ``name``, or None if it cannot.

    There is no fix when the entry already has a field ``name`` (a rename never
    makes a field twice) or when the name cannot be found as written. Where the
    ``=`` signs are aligned, the padding after the name changes by the
    difference in length, so the block stays aligned.
    """
    start = entry.name_offset(field)
    if start is None or name in entry.fields:
        return None
    head = start - entry.offset
    equals = entry.raw.index("=", head)
    old = entry.raw[head:equals]
    written = old[: len(field.name)]
    padding = old[len(field.name) :]
    grown = len(padding) + len(field.name) - len(name)
    if "\n" in padding or len(padding) < 2 or grown < 1:
        # Not aligned (or too little room): a plain rename reads best.
        return Fix(field.name, start, written, name, safe=False)
    return Fix(field.name, start, old, name + " " * grown, safe=False)
