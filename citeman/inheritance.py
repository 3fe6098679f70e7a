"""Fields an entry inherits through ``crossref`` and biblatex's ``xdata``.

BibTeX copies every field a child lacks from the entry its ``crossref`` names
(keys compared without case). biber does the same and also renames titles by
entry type: a chapter's or paper's ``booktitle`` comes from its book's or
proceedings' ``title``, a book's ``maintitle`` from its multivolume work's
``title``, and an article's ``journaltitle`` from a periodical's ``title``
(biber's ``bookauthor`` is left out: no style here prints it). ``xdata`` entries
lend their fields as they are. Both are followed through chains (a parent
with its own parent), at most :data:`MAX_DEPTH` deep and never round a cycle.

The child's own fields always win, then ``xdata``, then ``crossref``. An
inherited field is the parent's :class:`~citeman.model.Field` (renamed where
biber renames it), so it still says where it was written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citeman.model import Entry, Field

#: How deep a chain of parents is followed (biber's data has one or two levels).
MAX_DEPTH = 8

#: Fields never inherited: biber's (identity, sorting, the links themselves),
#: and the parent's own address on the web: a paper is not at its proceedings'
#: DOI, and APA would print that DOI as the paper's.
_NOT_INHERITED = frozenset(
    {
        "doi", "url", "urldate", "eprint", "eprinttype", "file", "pdf",
        "crossref", "xdata", "xref", "ids", "entryset", "entrysubtype", "execute",
        "label", "options", "presort", "related", "relatedoptions", "relatedstring",
        "relatedtype", "shorthand", "shorthandintro", "sortkey", "key",
    }
)  # fmt: skip
_TITLES = frozenset(
    {"title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle",
     "indexsorttitle"}
)  # fmt: skip
_IN_TYPES = frozenset(
    {"inbook", "incollection", "inproceedings", "bookinbook", "suppbook",
     "suppcollection", "inreference", "inseries"}
)  # fmt: skip
_BOOK_TITLES = {
    "title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"
}  # fmt: skip
_MAIN_TITLES = {
    "title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"
}  # fmt: skip
_JOURNAL_TITLES = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_BOOKS = frozenset(
    {"book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
     "mvproceedings", "mvreference", "booklet"}
)  # fmt: skip


def renamed(parent_type: str, child_type: str) -> Mapping[str, str]:
    """Return which of a parent's fields a child of ``child_type`` takes renamed.

    >>> renamed("proceedings", "inproceedings")["title"]
    'booktitle'
    >>> renamed("mvbook", "book")["title"], dict(renamed("book", "book"))
    ('maintitle', {})
    """
    if child_type in _IN_TYPES and parent_type in _BOOKS:
        return _MAIN_TITLES if parent_type.startswith("mv") else _BOOK_TITLES
    if parent_type.startswith("mv") and child_type in _BOOKS:
        return _MAIN_TITLES
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        return _JOURNAL_TITLES
    return {}


def resolve(entries: Sequence[Entry]) -> list[Entry]:
    """Return ``entries`` in order, each with the fields it inherits added.

    Entries without ``crossref`` or ``xdata`` are returned as they are.
    """
    if not any("crossref" in e.fields or "xdata" in e.fields for e in entries):
        return list(entries)
    by_key: dict[str, Entry] = {}
    for entry in entries:
        by_key.setdefault(entry.key.lower(), entry)
    done: dict[str, Entry] = {}
    return [_resolved(entry, by_key, done, ())[0] for entry in entries]


def is_data_only(entry: Entry) -> bool:
    """Return whether ``entry`` is an ``@xdata`` container, not a work to cite."""
    return entry.type == "xdata"


def parent_keys(entry: Entry, name: str) -> list[str]:
    """Return the keys a ``crossref`` or ``xdata`` field names (xdata: a list)."""
    value = entry.get(name)
    keys = value.split(",") if name == "xdata" else [value]
    return [key.strip().lower() for key in keys if key.strip()]


def _resolved(
    entry: Entry,
    by_key: Mapping[str, Entry],
    done: dict[str, Entry],
    chain: tuple[str, ...],
) -> tuple[Entry, bool]:
    """Return ``entry`` with inherited fields, and whether its whole chain was read.

    ``chain`` are the keys being resolved. A result cut short by the depth
    limit is not remembered: read from nearer its end, it goes further.
    """
    key = entry.key.lower()
    if key in done and by_key.get(key) is entry:
        return done[key], True
    if "crossref" not in entry.fields and "xdata" not in entry.fields:
        return entry, True
    fields = dict(entry.fields)
    chain = (*chain, key)
    complete = True
    for link in ("xdata", "crossref"):
        for parent_key in parent_keys(entry, link):
            parent = by_key.get(parent_key)
            if parent is None or parent_key in chain:
                continue
            if len(chain) > MAX_DEPTH:
                complete = False
                continue
            parent, whole = _resolved(parent, by_key, done, chain)
            complete = complete and whole
            _inherit(fields, parent, entry.type if link == "crossref" else "")
    result = entry._replace(fields=fields)
    if complete and by_key.get(key) is entry:
        done[key] = result
    return result, complete


def _inherit(fields: dict[str, Field], parent: Entry, child_type: str) -> None:
    """Add to ``fields`` what a child of ``child_type`` takes from ``parent``.

    ``child_type`` is empty for ``xdata``, which lends its fields unrenamed.
    """
    renames = renamed(parent.type, child_type) if child_type else {}
    for name, field in parent.fields.items():
        target = lent_as(name, renames)
        if target is not None and target not in fields:
            fields[target] = field._replace(name=target)


def lent_as(name: str, renames: Mapping[str, str]) -> str | None:
    """Return the name a parent's field ``name`` takes in its child, or None.

    ``renames`` is :func:`renamed` of the two types (empty for ``xdata``).

    >>> lent_as("title", renamed("book", "incollection")), lent_as("doi", {})
    ('booktitle', None)
    >>> lent_as("subtitle", renamed("mvbook", "book")), lent_as("publisher", {})
    ('mainsubtitle', 'publisher')
    """
    if name in _NOT_INHERITED:
        return None
    target = renames.get(name, name)
    if target == name and renames and name in _TITLES:
        return None  # the parent's title is the child's booktitle, not its title
    return target
