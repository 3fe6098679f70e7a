"""A ``url`` holding a doi.org link while the entry has no ``doi``.

APA 7 prints the DOI of a work that has one, and no URL; a DOI kept only in
``url`` is neither checked as a DOI nor printed as one. The safe fix moves it:
the ``url`` field becomes ``doi = {<bare DOI>}``, in place, keeping the layout
(when an empty ``doi`` field exists, the DOI is written into it instead).

FAIL:
    @article{kopta1994, url = {https://doi.org/10.1037/0022-006X.62.5.1009}}

PASS:
    @article{kopta1994, doi = {10.1037/0022-006X.62.5.1009}}
    @online{nhs2016, url = {https://digital.nhs.uk/data-and-information}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman import doi
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext

_DOI_LINK = re.compile(r"\s*(?:https?://)?(?:dx\.|www\.)?doi\.org/", re.IGNORECASE)


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when ``url`` is a doi.org link and ``doi`` is empty."""
    url = entry.fields.get("url")
    if url is None or _DOI_LINK.match(url.value) is None:
        return
    existing = entry.fields.get("doi")
    if existing is not None and existing.value.strip():
        return
    bare = doi.normalise(url.value)
    if bare is None:
        yield Finding(
            url.span,
            "url is a doi.org link but not to a valid DOI, and doi is empty; "
            "put the DOI in doi",
            key=entry.key,
            field="url",
        )
        return
    yield Finding(
        url.span,
        f"url is a doi.org link and doi is empty; move it to doi = {{{bare}}}",
        key=entry.key,
        field="url",
        fix=_move(entry, url, existing, bare),
    )


def _move(entry: Entry, url: Field, existing: Field | None, bare: str) -> Fix | None:
    """Return the fix that puts ``bare`` in ``doi``, or None if it cannot be placed."""
    if existing is not None:
        if not existing.is_delimited:
            return None
        return Fix("doi", existing.value_offset, existing.value, bare, safe=True)
    start = entry.name_offset(url)
    if start is None or not url.is_delimited:
        return None
    name_end = start + len("url")
    between = entry.raw[name_end - entry.offset : url.offset - entry.offset]
    written = entry.raw[start - entry.offset : name_end - entry.offset]
    name = "DOI" if written.isupper() else "Doi" if written[:1].isupper() else "doi"
    old = written + between + url.raw
    new = f"{name}{between}{url.raw[0]}{bare}{url.raw[-1]}"
    return Fix("doi", start, old, new, safe=True)


RULE = EntryRule(
    code="CM302",
    name="doi-in-url",
    summary="a url holding a doi.org link while doi is empty",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="move the DOI from url to doi (safe)",
    check=check,
)
