"""What a rule is, and the context the linter hands it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from citeman.audit.model import Audit
from citeman.importer.written import WrittenList
from citeman.model import Entry, Library
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


@dataclass(frozen=True)
class RuleContext:
    """A rule's configured options (defaults merged with the user's)."""

    options: Mapping[str, object]
    resolver: DoiResolver | None = None

    def option(self, name: str) -> object:
        """Return option ``name``; every rule's defaults are always present."""
        return self.options[name]


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


@dataclass(frozen=True, kw_only=True)
class LibraryRule(Rule):
    """A rule that compares entries, within and across the files checked together.

    Its findings name their file in ``Finding.path``.
    """

    check: Callable[[Sequence[Library], RuleContext], Iterator[Finding]]


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
