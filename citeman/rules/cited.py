"""The registered work an entry cites: by its DOI, or by a confident match.

CM306, CM308 and CM309 judge the work itself (retracted, superseded, updated),
so they ask the same question: which record is this entry? A DOI answers it;
an entry without one is answered only by a match sure enough to act on.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from citeman import doi
from citeman.model import Entry, Field
from citeman.online import match
from citeman.online.work import DoiRecord, Update
from citeman.problem import Finding, Severity
from citeman.rules.base import DoiResolver

_REPORTERS = {"retraction-watch": "Retraction Watch", "publisher": "publisher"}


@dataclass(frozen=True, slots=True)
class Cited:
    """The record of the cited work; ``matched`` when found by search, not DOI."""

    record: DoiRecord
    matched: bool


@dataclass(frozen=True, slots=True)
class Registered:
    """What the registry says of the DOI an entry itself states."""

    field: Field
    bare: str
    record: DoiRecord | None


def registered(entry: Entry, resolver: DoiResolver | None) -> Registered | None:
    """Return the lookup of ``entry``'s own DOI (None offline or with no usable DOI)."""
    field = entry.fields.get("doi")
    bare = doi.normalise(field.value) if field is not None else None
    if resolver is None or field is None or bare is None:
        return None
    return Registered(field, bare, resolver.record(bare))


def cited(entry: Entry, resolver: DoiResolver | None) -> Cited | None:
    """Return the record ``entry`` cites, or None when it is not known for sure."""
    if resolver is None:
        return None
    if "doi" in entry.fields:
        own = registered(entry, resolver)
        record = own.record if own is not None else None
        return Cited(record, False) if record and record.work else None
    result = resolver.match(entry)
    if result is None or result.work is None or not match.is_confident(result):
        return None
    record = resolver.record(result.work.doi)
    found = record or DoiRecord(result.work.doi, result.work, result.work.source)
    return Cited(found, True)


def notice_findings(
    entry: Entry,
    resolver: DoiResolver | None,
    kinds: Mapping[str, tuple[str, Severity | None]],
) -> Iterator[Finding]:
    """Yield one finding per notice of a type in ``kinds`` on the cited work.

    ``kinds`` maps an update type to the words that say what happened
    (``retracted``) and the severity of such a finding (None: the rule's).
    """
    found = cited(entry, resolver)
    if found is None or found.record.work is None:
        return
    work = found.record.work
    seen = set()
    where = entry.fields.get("doi")
    suffix = f"; the entry matches doi {work.doi}" if found.matched else ""
    for update in work.updates:
        if update.type not in kinds or update.doi.lower() in seen:
            continue
        seen.add(update.doi.lower())
        verb, severity = kinds[update.type]
        yield Finding(
            where.span if where is not None else entry.span,
            f"{notice(update, verb)}{suffix}",
            key=entry.key,
            field="doi" if where is not None else None,
            severity=severity,
        )


def notice(update: Update, verb: str) -> str:
    """Return ``retracted on 2021-03-02 (notice 10.…; Retraction Watch)``."""
    when = f" on {update.date}" if update.date else ""
    reporter = _REPORTERS.get(update.source, update.source)
    return f"{verb}{when} (notice {update.doi}; {reporter})"
