"""Name imported entries ``familyYEAR`` in ASCII lower case, ``a``, ``b`` on clashes."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence

from citeman.latex import to_text


def stem(fields: Mapping[str, str]) -> str:
    """Return the key of an entry before clashes are told apart.

    The first author's (else editor's) family name up to a hyphen, else the
    title's first word, then the four-digit year (``nd`` when undated).

    >>> stem({"author": "Santesteban-Echarri, O. and Paino, M.", "year": "2017"})
    'santesteban2017'
    >>> stem({"author": "{World Health Organization}", "date": "2018-05-24"})
    'world2018'
    """
    names = fields.get("author") or fields.get("editor") or ""
    first = names.split(" and ")[0].strip()
    if first.startswith("{"):
        family = first.strip("{}").split()[0] if first.strip("{}") else ""
    else:
        family = first.split(",")[0]
        family = family.split("-")[0] if "-" in family.strip("-") else family
    if not _ascii(family):
        family = (fields.get("title") or "").split(" ")[0]
    year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
    if not _ascii(family):
        return "anonymous" + (year.group() if year else "")
    return _ascii(family) + (year.group() if year else "nd")


def _ascii(value: str) -> str:
    """Return ``value`` decoded, accents dropped, only ASCII letters, lower case."""
    decomposed = unicodedata.normalize("NFKD", to_text(value))
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


def assign(stems: Sequence[str]) -> list[str]:
    """Return unique keys: a stem used more than once gets ``a``, ``b``… in order.

    >>> assign(["smith2020", "lee2019", "smith2020"])
    ['smith2020a', 'lee2019', 'smith2020b']
    """
    counts = Counter(stems)
    seen: Counter[str] = Counter()
    taken = {stem for stem, count in counts.items() if count == 1}
    keys = []
    for stem_ in stems:
        if counts[stem_] == 1:
            keys.append(stem_)
            continue
        while True:
            key = stem_ + _letters(seen[stem_])
            seen[stem_] += 1
            if key not in taken:
                taken.add(key)
                keys.append(key)
                break
    return keys


def _letters(index: int) -> str:
    """Return ``a`` … ``z``, then ``aa``, ``ab``… for the ``index``-th clash."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
