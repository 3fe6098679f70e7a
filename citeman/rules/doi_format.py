"""A ``doi`` that is not written as a bare DOI, or is not DOI syntax at all.

The ``doi`` field holds the DOI itself (``10.1037/0022-006X.62.5.1009``); styles
add the ``https://doi.org/`` link, so a link, a ``doi:`` label, spaces from a
line break, percent-encoding or LaTeX escapes (``\\_``) end up doubled or broken
in the reference. These are rewritten to the bare DOI as a safe fix (unsafe when
it removes a LaTeX escape, which an old style may still need). A value that is
not DOI syntax (``10.<registrant>/<suffix>``) at all is reported without a fix.

FAIL:
    @article{kopta1994, doi = {https://doi.org/10.1037/0022-006X.62.5.1009}}
    @article{leichsenring2011, doi = {see publisher}}

PASS:
    @article{kopta1994, doi = {10.1037/0022-006X.62.5.1009}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman import doi
from citeman.model import Entry, Field
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield a finding when the ``doi`` field is not one bare DOI."""
    field = entry.fields.get("doi")
    if field is None or not field.value.strip() or doi.is_bare(field.value):
        return
    bare = doi.normalise(field.value)
    if bare is None:
        yield Finding(field.span, _invalid(field.value), key=entry.key, field="doi")
        return
    fix = None
    if field.is_delimited:
        safe = "\\" not in field.value
        fix = Fix("doi", field.value_offset, field.value, bare, safe=safe)
    yield Finding(
        field.span,
        f'write the bare DOI "{bare}", found {_describe(field)}',
        key=entry.key,
        field="doi",
        fix=fix,
    )


def _describe(field: Field) -> str:
    """Say what keeps a DOI that normalises from being bare."""
    lowered = field.value.strip().lower()
    if "doi.org/" in lowered:
        return "a doi.org link"
    if "://" in lowered:
        return "a link"
    if lowered.startswith(("doi", "info:doi")):
        return 'a "doi:" label'
    if field.value != field.value.strip():
        return "spaces around it"
    if any(char.isspace() for char in field.value):
        return "spaces inside it"
    if "%" in field.value:
        return "percent-encoding"
    return "a LaTeX escape"


def _invalid(value: str) -> str:
    """Say why ``value`` is not one DOI."""
    if sum(doi.normalise(piece) is not None for piece in value.split()) > 1:
        return "doi holds more than one DOI; keep the one of this work"
    flat = " ".join(value.split())
    shown = flat if len(flat) <= 60 else flat[:57] + "..."
    return (
        f'"{shown}" is not a DOI; expected 10.<registrant>/<suffix>, '
        "e.g. 10.1037/0022-006X.62.5.1009"
    )


RULE = EntryRule(
    code="CM301",
    name="doi-format",
    summary="a DOI that is not a bare DOI (https://doi.org/…, doi: prefix, spaces) "
    "or not valid DOI syntax",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="rewrite to the bare DOI (safe; unsafe when it drops a LaTeX escape)",
    check=check,
)
