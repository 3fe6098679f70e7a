"""Put references in a style's order and give same-author, same-year works letters.

APA's order and year letters are the author–date model's
(:mod:`citeman.authordate`), which ``cite`` and ``audit`` share: letter by
letter by the first element, then by year (undated first, in press last) and
title (§9.44–9.47); ``a``, ``b``, ``c`` after the year of works cited alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citeman.authordate.naming import tell_apart
from citeman.authordate.work import SortKey, Work
from citeman.render.counting import counted
from citeman.render.reference import Reference


def sort_key(reference: Reference) -> SortKey:
    """Return the full APA sort key of a reference."""
    return reference.work.sort_key


def arrange(
    references: Sequence[Reference], advance: Callable[[int], None] | None = None
) -> tuple[list[Reference], list[Work]]:
    """Return ``references`` in APA order, and their works in the given order.

    Reading a work decodes every name: ordering and lettering the whole list
    share one reading (the works live only as long as the caller keeps them).
    ``advance`` counts the works read.
    """
    works = [reference.work for reference in counted(references, advance)]
    pairs = zip(works, references, strict=True)
    keyed = sorted(pairs, key=lambda pair: pair[0].sort_key)
    return [reference for _, reference in keyed], works


def order(
    references: Sequence[Reference],
    how: str,
    advance: Callable[[int], None] | None = None,
) -> list[Reference]:
    """Return ``references`` in the order ``how`` names: author-date, or none.

    ``advance`` counts the references whose place is read.
    """
    if how == "author-date":
        keys = [sort_key(reference) for reference in counted(references, advance)]
        places = sorted(range(len(references)), key=keys.__getitem__)
        return [references[place] for place in places]
    return list(counted(references, advance))


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
