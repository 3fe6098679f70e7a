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
``number`` is never required: continuous-volume journals have none. Entries
with a ``crossref`` or ``xdata`` field inherit fields and are not checked.

Options: ``require-volume`` (default true), whether an ``@article`` needs ``volume``.

FAIL:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, year = {1994}, volume = {62}}

PASS:
    @article{kopta1994, author = {Kopta, S. M.}, title = {Patterns of
      symptomatic recovery in psychotherapy}, journal = {Journal of Consulting
      and Clinical Psychology}, year = {1994}, volume = {62}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.fields import REQUIRED
from citeman.model import Entry
from citeman.problem import Finding, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield one finding per requirement of the entry's type that no field meets."""
    required = REQUIRED.get(entry.type)
    if required is None or "crossref" in entry.fields or "xdata" in entry.fields:
        return
    for names in required:
        if not any(_has(entry, name) for name in names):
            yield Finding(
                entry.span,
                f"@{entry.type} has no {_alternatives(names)}, a required field",
                key=entry.key,
                field=names[0],
            )
    if (
        entry.type == "article"
        and context.option("require-volume")
        and not _has(entry, "volume")
        and not _is_exempt_from_volume(entry)
    ):
        yield Finding(
            entry.span,
            '@article has no "volume", which APA references print '
            "(for an article in press, set pubstate = {inpress})",
            key=entry.key,
            field="volume",
        )


def _has(entry: Entry, name: str) -> bool:
    found = entry.fields.get(name)
    return found is not None and found.value.strip() not in ("", "{}")


def _is_exempt_from_volume(entry: Entry) -> bool:
    """Return whether an article has no volume yet, or never has one."""
    if _has(entry, "pubstate") or entry.get("entrysubtype").strip() == "newspaper":
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


RULE = EntryRule(
    code="CM102",
    name="missing-field",
    summary="a field the entry type requires (BibTeX's table, plus an article's "
    "volume for APA)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    defaults={"require-volume": True},
    check=check,
)
