"""Put references in a style's order and give same-author, same-year works letters.

APA's order and year letters are the author–date model's
(:mod:`citeman.authordate`), which ``cite`` and ``audit`` share: letter by
letter by the first element, then by year (undated first, in press last) and
title (§9.44–9.47); ``a``, ``b``, ``c`` after the year of works cited alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman.authordate.naming import tell_apart
from citeman.authordate.work import SortKey, Work
from citeman.render.reference import Reference


def sort_key(reference: Reference) -> SortKey:
    """Return the full APA sort key of a reference."""
    return reference.work.sort_key


def arrange(references: Sequence[Reference]) -> tuple[list[Reference], list[Work]]:
    """Return ``references`` in APA order, and their works in the given order.

    Reading a work decodes every name: ordering and lettering the whole list
    share one reading (the works live only as long as the caller keeps them).
    """
    works = [reference.work for reference in references]
    pairs = zip(works, references, strict=True)
    keyed = sorted(pairs, key=lambda pair: pair[0].sort_key)
    return [reference for _, reference in keyed], works


def order(references: Sequence[Reference], how: str) -> list[Reference]:
    """Return ``references`` in the order ``how`` names: author-date, or none."""
    if how == "author-date":
        return sorted(references, key=sort_key)
    return list(references)


def year_suffixes(
    references: Sequence[Reference], works: Sequence[Work] = ()
) -> dict[str, str]:
    """Return ``{key: "a"}`` for the works whose citations need a year letter.

    ``works`` are the references' works when already read (see :func:`arrange`).
    """
    namings = tell_apart(list(works) or [reference.work for reference in references])
    return {
        reference.key: naming.suffix
        for reference, naming in zip(references, namings, strict=True)
        if naming.suffix
    }
