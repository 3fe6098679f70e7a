"""What a rule is, and the context the linter hands it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, overload

from citeman.audit.model import Audit
from citeman.importer.written import WrittenList
from citeman.model import (
    Entry,
    Field,
    Library,
    Overflow,
    ParseFailure,
    Span,
    StringMacro,
)
from citeman.online.match import MatchResult
from citeman.online.work import DoiRecord
from citeman.problem import Finding, Severity


class DoiResolver(Protocol):
    """Answers questions about DOIs; online rules get one, offline rules never do."""

    def exists(self, doi: str) -> bool:
        """Return whether ``doi`` is registered."""
        ...

    def record(self, doi: str) -> DoiRecord | None:
        """Return the registered work (or agency) of ``doi``; None if not known.

        None means the lookup was not made or failed: a rule then stays silent
        and the command reports the entry as not verified.
        """
        ...

    def match(self, entry: Entry) -> MatchResult | None:
        """Return the best registered candidate for a DOI-less ``entry``, or None."""
        ...


#: What a :class:`Memo` keeps: plain data only (str, int, float, bool, None,
#: bytes and tuples of them), so that a stored memo is read without running code.
Plain = Any


class Memo:
    """Results a library rule's aggregate step worked out in an earlier run.

    The entry cache (``citeman.cli.check_cache``) keeps one per rule, rule
    configuration and set of files checked: an aggregate step that redoes
    costly work for each entry after any edit (CM202 recasing every title)
    keys that work by everything its result depends on, and a re-check after
    editing one entry redoes it only where that changed. Keys a run did not
    ask for are dropped when the memo is stored, so it stays the size of the
    library.
    """

    def __init__(self, known: Mapping[Plain, Plain]) -> None:
        #: What an earlier run kept, by key.
        self.known = known
        #: What this run asked for or worked out, by key.
        self.used: dict[Plain, Plain] = {}

    def recall(self, key: Plain, work: Callable[..., Plain], *args: Any) -> Plain:
        """Return the result kept under ``key``, else ``work(*args)`` (kept)."""
        found = self.known.get(key, _MISSING)
        if found is _MISSING:
            found = work(*args)
        self.used[key] = found
        return found


_MISSING = object()


@dataclass(frozen=True)
class RuleContext:
    """A rule's configured options (defaults merged with the user's).

    ``memo`` is given to a library rule's aggregate step when the entry cache
    is on (see :meth:`recall`). ``vet_fixes`` is False when the caller prints
    messages only (``render``'s warnings): a rule that vets its own fixes
    (:mod:`citeman.fix_guard`) then leaves them unvetted, and one whose fixes
    cost much to build (CM202's recased titles) may leave them out.
    """

    options: Mapping[str, object]
    resolver: DoiResolver | None = None
    memo: Memo | None = None
    vet_fixes: bool = True

    def option(self, name: str) -> object:
        """Return option ``name``; every rule's defaults are always present."""
        return self.options[name]

    def recall(self, key: Plain, work: Callable[..., Plain], *args: Any) -> Plain:
        """Return ``work(*args)``, or what it gave in an earlier run under ``key``.

        ``key`` must hold everything ``work``'s result depends on (results are
        the same with and without a memo).
        """
        if self.memo is None:
            return work(*args)
        return self.memo.recall(key, work, *args)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A rule's identity and documentation; subclasses add the check.

    ``doc`` is the rule module's docstring: the paragraph ``citeman rules NAME``
    prints, with a FAIL and a PASS example. ``fixes`` says what the fix does and
    whether it is safe, for ``citeman rules``. ``defaults`` gives every option
    and, through its type, the type a configured value must have; ``choices``
    restricts a string option to a few values; ``bounds`` gives a numeric
    option's least and greatest value.
    """

    code: str
    name: str
    summary: str
    severity: Severity
    doc: str
    defaults: Mapping[str, object] = field(default_factory=dict)
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    fixes: str = ""
    online: bool = False


@dataclass(frozen=True, kw_only=True)
class EntryRule(Rule):
    """A rule that looks at one entry at a time."""

    check: Callable[[Entry, RuleContext], Iterator[Finding]]


#: Builds a named tuple from a tuple of its fields, without the Python call of
#: its constructor: every entry's head and each summarised field is one.
_new = tuple.__new__


class Head(NamedTuple):
    """Where an entry is now and what it is called: all a summary leaves out.

    A summary (see :class:`LibraryRule`) keeps positions relative to its
    entry, so that it stays true when lines are inserted above the entry;
    ``place`` puts a relative field back where the entry now is.
    """

    key: str
    type: str
    path: str
    line: int
    column: int
    offset: int

    @property
    def span(self) -> Span:
        """Return the span of the ``@type{key`` head (as ``Entry.span``)."""
        return Span(self.line, self.column, self.line, self.column + 1 + len(self.type))

    def place(self, field: Field) -> Field:
        """Return a field made by :func:`relative` at this entry's position."""
        # Built whole: ``_replace`` costs several times more, and every
        # finding of a library rule places its field.
        return _new(Field, (field.name, field.value, field.raw, field.line + self.line,
                            field.column, field.offset + self.offset))  # fmt: skip


def head(entry: Entry) -> Head:
    """Return the head of ``entry``."""
    return _new(
        Head,
        (entry.key, entry.type, entry.path, entry.line, entry.column, entry.offset),
    )


def relative(field: Field, entry: Entry) -> Field:
    """Return ``field`` with its line and offset counted from ``entry``'s start.

    Columns stay as they are: the entry's own column is part of what a cached
    summary is keyed by.
    """
    return _new(Field, (field.name, field.value, field.raw, field.line - entry.line,
                        field.column, field.offset - entry.offset))  # fmt: skip


class Summarised(NamedTuple):
    """One entry as a library rule's aggregate step sees it."""

    head: Head
    #: What the rule's ``summarise`` returned for the entry.
    data: object


@dataclass(frozen=True, slots=True)
class Shelf:
    """One file as a library rule's aggregate step sees it: summaries, not entries."""

    path: str
    strings: Mapping[str, StringMacro]
    failures: Sequence[ParseFailure]
    overflows: Sequence[Overflow]
    #: One per entry, in file order.
    entries: Sequence[Summarised]


@dataclass(frozen=True, kw_only=True)
class LibraryRule(Rule):
    """A rule that compares entries, within and across the files checked together.

    Its findings name their file in ``Finding.path``. It works in two steps so
    that a re-check after editing one entry need not re-read the others
    (``citeman.entry_cache``): ``summarise`` extracts from one entry the small
    data the rule needs (picklable, and with positions made :func:`relative`
    to the entry; None when the entry has nothing for it), and ``aggregate``
    yields the findings from every file's summaries, in file order. A summary
    may depend only on its entry, the rule's options and the ``@string``
    values the entry uses, since that is what a cached one is keyed by.

    ``check`` is the older one-step form over whole libraries (a rule that
    needs the file's text); a run with such a rule is never cached per entry.
    """

    summarise: Callable[[Entry, RuleContext], object] | None = None
    aggregate: Callable[[Sequence[Shelf], RuleContext], Iterator[Finding]] | None = None
    check: Callable[[Sequence[Library], RuleContext], Iterator[Finding]] | None = None
    #: Optional, for a re-check after an edit (``citeman.splice``): ``tallied``
    #: adds up what ``aggregate`` reads of a column of summaries, and ``again``
    #: takes the summaries an edit replaced out of the tally and puts the new
    #: ones in, with the findings on the new ones only; or None when the
    #: others' findings may change too.
    tallied: Callable[[Iterable[object]], object] | None = None
    again: (
        Callable[
            [object, Sequence[Summarised], Sequence[Summarised], RuleContext],
            tuple[object, list[Finding]] | None,
        ]
        | None
    ) = None

    def findings(
        self, libraries: Sequence[Library], context: RuleContext
    ) -> Iterator[Finding]:
        """Yield the rule's findings over whole ``libraries``, whichever its form."""
        if self.check is not None:
            return self.check(libraries, context)
        return self.over_shelves(
            [shelf(library, self.summaries(library, context)) for library in libraries],
            context,
        )

    def summaries(self, library: Library, context: RuleContext) -> list[Summarised]:
        """Return the summary of each entry of ``library``."""
        summarise = self.summarise
        return [
            Summarised(head(entry), summarise(entry, context) if summarise else None)
            for entry in library.entries
        ]

    def over_shelves(
        self, shelves: Sequence[Shelf], context: RuleContext
    ) -> Iterator[Finding]:
        """Yield the aggregate step's findings (a two-step rule only)."""
        assert self.aggregate is not None, f"{self.code} has no aggregate step"
        return self.aggregate(shelves, context)


class Column(Sequence[Summarised]):
    """One rule's summaries of a file's entries, beside the entries' heads.

    The heads are shared by every rule's column, and a :class:`Summarised`
    is made only when one is asked for: a large library has a dozen
    summaries per entry.
    """

    __slots__ = ("data", "heads")

    def __init__(self, heads: Sequence[Head], data: Sequence[object]) -> None:
        self.heads = heads
        self.data = data

    def __len__(self) -> int:
        return len(self.data)

    @overload
    def __getitem__(self, index: int) -> Summarised: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Summarised]: ...

    def __getitem__(self, index: int | slice) -> Summarised | Sequence[Summarised]:
        if isinstance(index, slice):
            return Column(self.heads[index], self.data[index])
        return Summarised(self.heads[index], self.data[index])

    def __iter__(self) -> Iterator[Summarised]:
        return map(Summarised, self.heads, self.data)


def summarised(shelves: Sequence[Shelf]) -> Iterator[tuple[Head, Any]]:
    """Yield each entry's head and summary, in file order, where it has one.

    The summary is typed ``Any``: its rule made it, and reads it back.
    """
    for each in shelves:
        pairs: Iterable[tuple[Head, Any]] = each.entries
        if isinstance(each.entries, Column):  # no Summarised made
            pairs = zip(each.entries.heads, each.entries.data, strict=True)
        for entry, summary in pairs:
            if summary is not None:
                yield entry, summary


def shelf(library: Library, entries: Sequence[Summarised]) -> Shelf:
    """Return ``library``'s shelf holding the summaries ``entries``."""
    return Shelf(
        library.path, library.strings, library.failures, library.overflows, entries
    )


@dataclass(frozen=True, kw_only=True)
class ManuscriptRule(Rule):
    """A rule over manuscripts' citations and their reference list (``audit``).

    ``citeman audit`` runs it, ``citeman check`` never does. Its findings name
    their file in ``Finding.path``: the manuscript, or the ``.bib`` file of an entry.
    """

    check: Callable[[Audit, RuleContext], Iterator[Finding]]


@dataclass(frozen=True, kw_only=True)
class SuppressionRule(Rule):
    """A rule about the ``% citeman: ignore[…]`` comments themselves.

    Only the linter knows what a comment suppressed, so it calls the check with
    each entry that has one, the codes of the findings the comment silenced
    and the codes of the rules that ran.
    """

    check: Callable[[Entry, frozenset[str], frozenset[str]], Iterator[Finding]]


@dataclass(frozen=True, kw_only=True)
class ReferenceListRule(Rule):
    """A rule over a formatted reference list (a .txt, .md or .docx document).

    ``citeman check`` runs it on documents it imports; a ``.bib`` file has no
    written form to compare. Its findings name the document in ``Finding.path``.
    """

    check: Callable[[WrittenList, RuleContext], Iterator[Finding]]


AnyRule = EntryRule | LibraryRule | ManuscriptRule | SuppressionRule | ReferenceListRule
