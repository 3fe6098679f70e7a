"""What a library and the publishers' known practice say about whether a work has a DOI.

Missing-doi (CM101) should remind only where a DOI very probably exists. DOIs
began in 2000 and publishers registered their back files unevenly: most
grey literature, magazines, pre-2000 conference papers and small journals
never had one. So the evidence is, in order:

1. the container itself: a journal, proceedings (booktitle) or series that
   has DOIs on at least two entries of the files checked together registers
   them, from the earliest (year, volume, number) among those entries on;
   its unsigned items (no author, or "Anonymous": covers, title pages,
   notices) are left alone, since publishers seldom give those a DOI;
2. its publisher: a few publishers are known to have registered every work
   they published, back files included (``KNOWN_REGISTRANTS``);
3. the library: in files that hold no DOI at all, nobody looked DOIs up,
   so a journal article dated 1990 or later, or undated, is reported (by
   then the big publishers' journals had DOIs, registered later for their
   back files), but not a conference paper or chapter, since most
   proceedings of the time have none. In files that record DOIs, an entry
   with no evidence above most probably has none to add: magazines, small
   and older journals, workshop papers.

Each entry is read once into small ``Facts`` (the rule's per-entry summary),
and a ``crossref`` child takes what it lacks from its parent's, so the
library-wide census is built from summaries alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from citeman.latex import to_text
from citeman.model import Entry

#: Entries with a DOI a container needs before it counts as registering them.
ENOUGH = 2
#: The year from which a journal article very probably has a DOI.
ARTICLE_ERA = 1990
#: Publishers known to have registered DOIs for their back files, with the
#: year from which that holds, conservatively, and whether only for journal
#: articles (Elsevier's and Wiley's older book chapters often have none).
#: The ACM Digital Library, IEEE Xplore, SpringerLink (books and LNCS
#: included) and SPIE's Digital Library hold DOIs for all they publish;
#: OSA (Optica) registered its journals' back files.
#: Matched as words in the publisher, series, booktitle or journal.
KNOWN_REGISTRANTS: dict[str, tuple[int, bool]] = {
    "acm": (1950, False),
    "association for computing machinery": (1950, False),
    "ieee": (1988, False),
    "springer": (1970, False),
    "lecture notes in computer science": (1973, False),
    "spie": (1980, False),
    "elsevier": (1970, True),
    "north-holland": (1970, True),
    "wiley": (1970, True),
    "osa": (1970, True),
    "optical society of america": (1970, True),
}
_PLACEHOLDER = re.compile(
    r"\W*(anonymous|anon\.?|unknown|n\.\s?n\.)?\W*", re.IGNORECASE
)
_REGISTRANT = re.compile(
    r"\b(" + "|".join(re.escape(name) for name in KNOWN_REGISTRANTS) + r")\b"
)
_NUMBER = re.compile(r"\d+")
_YEAR = re.compile(r"\d{4}")
_PROCEEDINGS = re.compile(
    r"\b(proc|proceedings|conference|workshop|symposium|ijcai|aaai|ecai|icaps|aips)\b"
)
_VOLUMES = frozenset({"proceedings", "book", "collection", "mvbook", "periodical"})
#: How deep a chain of crossref parents is followed.
_MAX_DEPTH = 8
_NEEDS_EVIDENCE = frozenset({"inproceedings", "incollection", "inbook"})


class Facts(NamedTuple):
    """What missing-doi needs from one entry.

    ``type`` is the entry type, except that an article whose "journal" is a
    proceedings ("Proc. AAAI", "IJCAI") counts as the conference paper it is.
    ``containers`` are the entry's journal (articles) or booktitle and series
    (other types), read after macro expansion and LaTeX decoding, in lower
    case. ``when`` is (year, volume, number) as numbers, 0 where absent, or
    None for an undated entry. ``signed`` says whether it names an author
    (not "Anonymous"). ``registrant`` is the known publisher it names, or "".
    ``parent`` is the key its ``crossref`` names, in lower case, or "";
    ``lends`` the containers a child inherits from it (a proceedings' or
    book's own title first).
    """

    type: str
    containers: tuple[str, ...]
    when: tuple[int, int, int] | None
    has_doi: bool
    signed: bool
    registrant: str
    parent: str = ""
    lends: tuple[str, ...] = ()


def facts(entry: Entry) -> Facts:
    """Read what missing-doi needs from ``entry``."""
    get = entry.get
    kind = entry.type
    if kind == "article":
        names: tuple[str, ...] = (get("journal") or get("journaltitle"),)
    elif kind in _VOLUMES:  # its own container is its series
        names = (get("series"),)
    else:
        names = (get("booktitle"), get("series"))
    containers = tuple(name for name in map(_plain, names) if name)
    registrant = _registrant(get("publisher"))
    if not registrant:
        registrant = next((name for name in map(_registrant, names) if name), "")
    if kind == "article" and any(map(_PROCEEDINGS.search, containers)):
        kind = "inproceedings"  # "Proc. AAAI" as a journal: a conference paper
    signed = _signed(get("author"))
    has_doi = bool(get("doi").strip()) or "doi.org/" in get("url")
    parent = get("crossref").strip().lower()
    lends = containers
    if entry.type in _VOLUMES:  # a crossref parent: its title names the container
        lends = tuple(name for name in (_plain(get("title")), *containers) if name)
    return Facts(
        kind, containers, _when(entry), has_doi, signed, registrant, parent, lends
    )


def inherit(item: Facts, by_key: Mapping[str, Facts]) -> Facts:
    """Return ``item`` with the container, date and publisher its parents lend.

    BibTeX copies the fields a child lacks from the entry its ``crossref``
    names (a paper from its proceedings), through chains of parents.
    """
    seen = {item.parent}
    parent = by_key.get(item.parent)
    while parent is not None and len(seen) <= _MAX_DEPTH:
        item = item._replace(
            containers=item.containers or parent.lends,
            when=_lent_when(item.when, parent.when),
            registrant=item.registrant or parent.registrant,
        )
        if parent.parent in seen:
            break
        seen.add(parent.parent)
        parent = by_key.get(parent.parent)
    return item


class Census(NamedTuple):
    """What the files checked together say about DOIs.

    ``starts`` maps a container with enough DOIs to the earliest (year,
    volume, number) among them; ``registered`` is how many entries of the
    files have a DOI.
    """

    starts: dict[str, tuple[int, int, int]]
    registered: int


def census(all_facts: Iterable[Facts]) -> Census:
    """Build the census from every entry's facts."""
    dated: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    registered = 0
    for item in all_facts:
        registered += item.has_doi
        if item.has_doi and item.when is not None:
            for name in item.containers:
                dated[name].append(item.when)
    starts = {name: min(whens) for name, whens in dated.items() if len(whens) >= ENOUGH}
    return Census(starts, registered)


def probably_has_doi(item: Facts, known: Census) -> bool:
    """Return whether a DOI-less entry very probably has a DOI to add."""
    if item.containers and not item.signed:
        return False
    starts = [known.starts[name] for name in item.containers if name in known.starts]
    if starts and (item.when is None or any(item.when >= start for start in starts)):
        return True
    if item.registrant and item.when is not None:
        since, articles_only = KNOWN_REGISTRANTS[item.registrant]
        if item.when[0] >= since and (item.type == "article" or not articles_only):
            return True
    if starts or known.registered or item.type in _NEEDS_EVIDENCE:
        return False
    return item.when is None or item.when[0] >= ARTICLE_ERA


def _lent_when(
    own: tuple[int, int, int] | None, lent: tuple[int, int, int] | None
) -> tuple[int, int, int] | None:
    """Return a child's date, with the year, volume and number it lacks lent."""
    if own is None or lent is None:
        return own or lent
    return own[0], own[1] or lent[1], own[2] or lent[2]


@lru_cache(maxsize=4096)
def _plain(value: str) -> str:
    """Return a value as read, in lower case with spaces evened ("" if empty).

    Cached: a library names few journals and publishers, many times (and
    the summaries then hold one object per name).
    """
    return " ".join(to_text(value).lower().split()) if value.strip() else ""


@lru_cache(maxsize=4096)
def _registrant(value: str) -> str:
    """Return the known publisher ``value`` names, or "" (cached, as ``_plain``)."""
    found = _REGISTRANT.search(_plain(value))
    return found.group(1) if found else ""


def _signed(author: str) -> bool:
    """Return whether ``author`` names someone (not "Anonymous", "N. N." or nobody).

    Without ``\\``, ``$`` or ``~`` the value reads as itself without braces,
    spaces evened: the placeholder pattern tells that text as it tells the
    decoded one (TeX's dash and quote ligatures are no word characters either
    way), and the value need not be decoded.
    """
    if "\\" in author or "$" in author or "~" in author:
        return not _PLACEHOLDER.fullmatch(to_text(author))
    text = author.replace("{", "").replace("}", "")
    return not _PLACEHOLDER.fullmatch(" ".join(text.split()))


def _when(entry: Entry) -> tuple[int, int, int] | None:
    """Return (year, volume, number) as numbers, or None without a year."""
    get = entry.get
    year = _YEAR.search(get("year") or get("date"))
    if year is None:
        return None
    volume = _NUMBER.search(get("volume"))
    number = _NUMBER.search(get("number"))
    return (
        int(year.group()),
        int(volume.group()) if volume else 0,
        int(number.group()) if number else 0,
    )
