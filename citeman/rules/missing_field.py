"""An entry lacks a field its type requires.

The requirements are BibTeX's standard table (an ``@article`` needs ``author``,
``title``, ``journal`` and ``year``; a ``@book`` ``author`` or ``editor``,
``title``, ``publisher`` and ``year``; …), with biblatex's names accepted in
place of BibTeX's (``journaltitle``, ``date``, ``institution`` for ``school``)
and biblatex's own types (``@report``, ``@thesis``, ``@online``,
``@dataset``, ``@software``, …). A field that is present but empty counts as
missing. APA also prints a journal article's volume, so an ``@article`` needs
``volume`` too, unless it is in press (``pubstate``, or a ``year`` that is not a
number) or a newspaper article (``entrysubtype = {newspaper}``). An issue
``number`` is never required: continuous-volume journals have none.

A field an entry inherits counts as present, as BibTeX and biber resolve it
(:mod:`citeman.inheritance`): an ``@incollection`` whose ``crossref`` book
gives its ``booktitle`` (from the book's ``title``), ``publisher`` and
``year`` lacks none of them. The parent is looked up among all the files
checked together; a field the whole chain lacks is reported.

Options: ``require-volume`` (default true), whether an ``@article`` needs ``volume``.

FAIL:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, year = {1994}, volume = {62}}

PASS (the second inherits booktitle, publisher and year):
    @book{dsm, editor = {Kupfer, D.}, title = {Handbook}, publisher = {APA},
      year = {2013}}
    @incollection{ch, author = {Roe, A.}, title = {Anxiety}, crossref = {dsm}}

PASS:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}, volume = {62}}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from citeman.fields import REQUIRED
from citeman.inheritance import MAX_DEPTH, lent_as, parent_keys, renamed
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import Head, LibraryRule, RuleContext, Shelf, summarised

#: The links an entry inherits through, in the order they lend (xdata first).
_LINKS = ("xdata", "crossref")
#: The values of a field that is as good as absent.
_EMPTY = ("", "{}")


@dataclass(frozen=True, slots=True)
class Fields:
    """What one entry says about its fields: the summary of this rule.

    ``present`` are the non-empty fields it holds itself, ``parents`` the keys
    of its ``xdata`` and ``crossref`` (lower case), and ``exempt`` whether an
    article of it needs no volume by its own fields.
    """

    present: frozenset[str]
    xdata: tuple[str, ...]
    crossref: tuple[str, ...]
    exempt: bool

    def __reduce__(self) -> tuple[type[Fields], tuple[object, ...]]:
        # Pickled by its fields, as citeman.title_census.TitleWords: a worker
        # sends one per entry.
        return Fields, (self.present, self.xdata, self.crossref, self.exempt)


def summarise(entry: Entry, context: RuleContext) -> Fields | None:
    """Return the fields ``entry`` holds and the parents it names."""
    held = entry.fields
    # As _filled, inline: this reads every field of every entry.
    present = _shared(
        frozenset(
            [name for name, found in held.items() if found.value.strip() not in _EMPTY]
        )
    )
    # A link the entry does not hold names no parent.
    xdata = tuple(parent_keys(entry, "xdata")) if "xdata" in held else ()
    crossref = tuple(parent_keys(entry, "crossref")) if "crossref" in held else ()
    fields = Fields(present, xdata, crossref, _is_exempt_from_volume(entry))
    # An entry with parents is told apart by identity in ``_resolve``.
    return fields if xdata or crossref else _shared_fields(fields)


@lru_cache(maxsize=4096)
def _shared(names: frozenset[str]) -> frozenset[str]:
    """Return one object per set of field names: most entries share a few."""
    return names


@lru_cache(maxsize=4096)
def _shared_fields(fields: Fields) -> Fields:
    """Return one summary object for equal summaries of entries without parents.

    Summaries are pickled by the workers and held by the main process: a
    shared one is pickled once per chunk and held once.
    """
    return fields


def aggregate(shelves: Sequence[Shelf], context: RuleContext) -> Iterator[Finding]:
    """Yield, per entry, each requirement that neither it nor its parents meet."""
    heads: dict[str, tuple[Head, Fields]] = {}
    for head, fields in summarised(shelves):
        heads.setdefault(head.key.lower(), (head, fields))
    resolved: dict[str, frozenset[str]] = {}
    # What is missing depends on the type and the fields alone: a library
    # holds a few hundred such pairs, each for many entries.
    missing: dict[tuple[str, frozenset[str], bool], tuple[tuple[str, str], ...]] = {}
    for head, fields in summarised(shelves):
        present = _resolve(head, fields, heads, resolved, ())
        kind = (head.type, present, fields.exempt)
        said = missing.get(kind)
        if said is None:
            said = missing[kind] = tuple(_missing(head.type, fields, present, context))
        for name, message in said:
            yield Finding(head.span, message, key=head.key, field=name, path=head.path)


def _resolve(
    head: Head,
    fields: Fields,
    heads: Mapping[str, tuple[Head, Fields]],
    resolved: dict[str, frozenset[str]],
    chain: tuple[str, ...],
) -> frozenset[str]:
    """Return the fields ``head``'s entry has once inheritance is applied."""
    if not (fields.xdata or fields.crossref):
        return fields.present
    key = head.key.lower()
    own = heads.get(key)
    if key in resolved and own is not None and own[1] is fields:
        return resolved[key]
    present = set(fields.present)
    chain = (*chain, key)
    for link, keys in zip(_LINKS, (fields.xdata, fields.crossref), strict=True):
        for parent_key in keys:
            parent = heads.get(parent_key)
            if parent is None or parent_key in chain or len(chain) > MAX_DEPTH:
                continue
            lent = _resolve(*parent, heads, resolved, chain)
            renames = renamed(parent[0].type, head.type) if link == "crossref" else {}
            present.update(
                target
                for name in lent
                if (target := lent_as(name, renames)) is not None
            )
    result = frozenset(present)
    if own is not None and own[1] is fields:
        resolved[key] = result
    return result


def _missing(
    kind: str, fields: Fields, present: frozenset[str], context: RuleContext
) -> Iterator[tuple[str, str]]:
    """Yield the field and message of each requirement of type ``kind`` unmet."""
    for names in REQUIRED.get(kind, ()):
        if not any(name in present for name in names):
            yield names[0], f"@{kind} has no {_alternatives(names)}, a required field"
    if (
        kind == "article"
        and context.option("require-volume")
        and "volume" not in present
        and not (fields.exempt or "pubstate" in present)
    ):
        yield (
            "volume",
            '@article has no "volume", which APA references print '
            "(for an article in press, set pubstate = {inpress})",
        )


def _filled(value: str) -> bool:
    return value.strip() not in _EMPTY


def _is_exempt_from_volume(entry: Entry) -> bool:
    """Return whether an article has no volume yet, or never has one."""
    held = entry.fields
    if ("pubstate" in held or "entrysubtype" in held) and (  # rare: read them
        _filled(entry.get("pubstate"))
        or entry.get("entrysubtype").strip() == "newspaper"
    ):
        return True
    year = entry.get("year").strip()
    return bool(year) and not year.isdigit()


def _alternatives(names: tuple[str, ...]) -> str:
    """Return ``"journal" (or "journaltitle")`` for the names of one requirement."""
    first = f'"{names[0]}"'
    if len(names) == 1:
        return first
    others = " or ".join(f'"{name}"' for name in names[1:])
    return f"{first} (or {others})"


RULE = LibraryRule(
    code="CM102",
    name="missing-field",
    summary="a field the entry type requires (BibTeX's table, plus an article's "
    "volume for APA), inherited fields counting",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"require-volume": True},
    summarise=summarise,
    aggregate=aggregate,
)
