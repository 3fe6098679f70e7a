"""Turn reference-list entries into works as in-text citations name them.

Names, initials, years and year letters are the author–date model's
(:mod:`citeman.authordate`), the same ``render`` and ``cite`` use; here they
are laid out for matching what writers typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeman import inheritance
from citeman.audit.model import Work
from citeman.authordate import work as authordate
from citeman.authordate.naming import Naming, tell_apart
from citeman.model import Entry, Library


def build(libraries: Sequence[Library]) -> tuple[Work, ...]:
    """Return one work per entry of the libraries, in file order.

    An entry's year and authors may come from its ``crossref`` parent; an
    ``@xdata`` entry only lends fields and is no work. Works are told apart
    across all the libraries, as one reference list.
    """
    entries = [
        entry
        for library in libraries
        for entry in inheritance.resolve(library.entries)
        if not inheritance.is_data_only(entry)
    ]
    facts = [authordate.Work.of(entry) for entry in entries]
    namings = tell_apart(facts)
    return tuple(
        _work(entry, fact, naming)
        for entry, fact, naming in zip(entries, facts, namings, strict=True)
    )


def _work(entry: Entry, fact: authordate.Work, naming: Naming) -> Work:
    if fact.is_titled:
        families: tuple[str, ...] = (fact.title,)
    else:
        families = fact.families
    others = ("others",) if fact.has_others else ()
    first = fact.creators[0] if fact.creators else None
    return Work(
        entry=entry,
        families=families + others,
        folded=fact.folded + ("",) * len(others),
        is_group=fact.is_group,
        is_titled=fact.is_titled,
        initials=first.initials if first is not None else "",
        initials_needed=naming.initials,
        year=fact.year,
        suffix=naming.suffix,
        names_needed=naming.shown,
        sort_key=fact.sort_key,
        count=fact.author_count,
    )
