"""Apply fixes to source text: each replaces exactly the bytes of one value part."""

from __future__ import annotations

from collections.abc import Iterable

from citeman.problem import Fix


def apply(source: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Return ``source`` with the non-overlapping ``fixes`` applied, and those applied.

    A fix whose ``old`` text is no longer at its offset, or that overlaps one
    already taken (the earlier in the file wins), is skipped; a second run of
    ``check`` reports what is left.
    """
    chosen: list[Fix] = []
    end = -1
    for fix in sorted(fixes, key=lambda fix: (fix.offset, -len(fix.old))):
        if (
            fix.offset < end
            or source[fix.offset : fix.offset + len(fix.old)] != fix.old
        ):
            continue
        chosen.append(fix)
        end = fix.offset + len(fix.old)
    pieces = []
    position = 0
    for fix in chosen:
        pieces.append(source[position : fix.offset])
        pieces.append(fix.new)
        position = fix.offset + len(fix.old)
    pieces.append(source[position:])
    return "".join(pieces), chosen
