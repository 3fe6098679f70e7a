"""An entry without a DOI whose work Crossref holds: the DOI can be added.

Needs ``--online``. Crossref is searched with the entry's own citation text
(``query.bibliographic``) and each of the top candidates is checked against
the entry: title, first author, year (±1), journal, volume and first page or
article number must agree wherever both state them, something besides title,
author and year must corroborate the match, and no runner-up may fit about as
well. Only a match at or above ``min-confidence`` is reported, and it carries
its DOI as a safe fix (``citeman fix --online`` adds the field). Anything less
is not a finding: ``citeman lookup KEY`` shows the candidates and why each was
accepted or rejected. A DOI already present is never replaced.

Options: ``min-confidence``, 0–1, how sure a match must be (default 0.9).

FAIL:
    @article{gamieldien2021, author = {Gamieldien, F. and Galvaan, R.},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      journal = {BMJ Open}, year = {2021}, volume = {11}, pages = {e045005}}

PASS:
    @article{gamieldien2021, author = {Gamieldien, F. and Galvaan, R.},
      title = {Exploration of recovery of people living with severe mental
      illness (SMI) in low/middle-income countries (LMICs): A scoping review},
      journal = {BMJ Open}, year = {2021}, volume = {11}, pages = {e045005},
      doi = {10.1136/bmjopen-2020-045005}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry, Field
from citeman.online import match
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield the DOI Crossref holds for a DOI-less entry, when the match is sure."""
    if context.resolver is None or "doi" in entry.fields:
        return
    result = context.resolver.match(entry)
    least = context.option("min-confidence")
    assert isinstance(least, float)
    if result is None or result.work is None or not match.is_confident(result, least):
        return
    found = result.work.doi
    yield Finding(
        entry.span,
        f"crossref has this work: add doi {found} (confidence {result.confidence:.2f})",
        key=entry.key,
        field="doi",
        fix=_insertion(entry, found),
    )


def _insertion(entry: Entry, doi: str) -> Fix | None:
    """Return a fix adding ``doi = {…}`` after the last field, in the entry's layout.

    A field on its own line gets a line of its own with the same indentation,
    ``=`` alignment and line ending; an entry written on one line gets
    ``, doi = {…}``. A trailing comma after the last field is kept last.
    """
    fields = sorted((*entry.fields.values(), *entry.repeated), key=lambda f: f.offset)
    if not fields:
        return None
    last = fields[-1]
    end = last.offset + len(last.raw) - entry.offset
    tail = entry.raw[end:]
    comma = len(tail) - len(tail.lstrip(" \t"))
    trailing = tail[comma : comma + 1] == ","
    head, between = _layout(entry, last)
    if head is None:
        new = f" doi = {{{doi}}}," if trailing else f", doi = {{{doi}}}"
    else:
        newline = "\r\n" if "\r\n" in entry.raw else "\n"
        line = f"{newline}{head}={between}{{{doi}}}"
        new = f"{line}," if trailing else f",{line}"
    at = entry.offset + end + (comma + 1 if trailing else 0)
    return Fix("doi", at, "", new, safe=True)


def _layout(entry: Entry, last: Field) -> tuple[str | None, str]:
    """Return the ``  doi   `` before ``=`` and the text after it, copied from ``last``.

    The head is None when ``last`` does not start its own line.
    """
    start = last.offset - entry.offset
    prefix = entry.raw[entry.raw.rfind("\n", 0, start) + 1 : start]
    head, equals, between = prefix.partition("=")
    name = head.strip()
    if not equals or name.lower() != last.name.lower() or head[:1] not in " \t":
        return None, " "
    indent = head[: len(head) - len(head.lstrip())]
    padding = head[len(indent) + len(name) :]
    aligned = len(padding) > 1 or _is_aligned(entry)
    width = len(head) - len(indent)
    label = "doi".ljust(width) if aligned else "doi" + padding
    return indent + label, between


def _is_aligned(entry: Entry) -> bool:
    """Return whether the entry's ``=`` signs line up in one column."""
    columns = set()
    for line in entry.raw.splitlines()[1:]:
        head, equals, _ = line.partition("=")
        if equals and head[:1] in " \t" and head.strip():
            columns.add(len(head))
    return len(columns) == 1 and len(entry.fields) > 1


RULE = EntryRule(
    code="CM305",
    name="doi-available",
    summary="an entry without a DOI that matches a Crossref work with high "
    "confidence (online)",
    severity=Severity.INFO,
    doc=__doc__ or "",
    defaults={"min-confidence": 0.9},
    bounds={"min-confidence": (0.0, 1.0)},
    fixes="adds the DOI of a confident match (safe); nothing below min-confidence",
    online=True,
    check=check,
)
