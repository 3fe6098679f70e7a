"""A cited preprint whose published version exists: cite that instead.

Needs ``--online``. The entry's DOI (or confident match) is a preprint: a
Crossref ``posted-content`` record of subtype preprint, or a DataCite record
of type Preprint (arXiv registers its DOIs with DataCite). Only the
preprint's own record is trusted to name its published version (Crossref's
``relation["is-preprint-of"]``, DataCite's ``IsPreviousVersionOf`` or
``IsVersionOf``): a journal's ``has-preprint`` can point at another preprint.
The published work is fetched and must itself not be a preprint and carry
the same title and first author before it is suggested. The message names
its DOI, journal, year, volume and pages. The fix (unsafe: the version may
differ in substance) writes the published DOI, journal, year, volume,
number and pages, as far as the published record states them: a field the
entry has is rewritten in place (``journaltitle``, ``date`` and ``issue``
stand for ``journal``, ``year`` and ``number`` where an entry uses them), a
missing one is added after the last field in the entry's layout. The entry
type is not changed; when the published work is a journal article and the
entry is not ``@article``, the message says so.

FAIL:
    @misc{ferreira2020, author = {Ferreira, R.}, year = {2020},
      title = {Urban heat islands amplify nighttime mortality},
      doi = {10.5555/verify.preprint.2020}}

PASS:
    @article{ferreira2021, author = {Ferreira, R.}, year = {2021},
      title = {Urban heat islands amplify nighttime mortality},
      journal = {Decoy Journal of Urban Health},
      doi = {10.5555/verify.published.2021}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman import field_layout, pages
from citeman.model import Entry, Field
from citeman.online.work import Work
from citeman.problem import Finding, Fix, Severity
from citeman.rules.base import EntryRule, RuleContext
from citeman.rules.cited import cited


def check(entry: Entry, context: RuleContext) -> Iterator[Finding]:
    """Yield the verified published version of a cited preprint."""
    found = cited(entry, context.resolver)
    if found is None or found.record.published is None:
        return
    published = found.record.published
    field = entry.fields.get("doi")
    fix = _replacement(entry, published) if field is not None else None
    where = f" ({_where(published)})" if _where(published) else ""
    matched = f"; the entry matches preprint doi {found.record.doi}" * found.matched
    kind = published.type == "journal-article" and entry.type != "article"
    yield Finding(
        field.span if field is not None else entry.span,
        f"this preprint was published as doi {published.doi}{where}:"
        f" cite the published version{' as @article' * kind}{matched}",
        key=entry.key,
        field="doi" if field is not None else None,
        fix=fix,
    )


def _where(work: Work) -> str:
    """Return ``Journal, 2021, volume 98, pages 455-467``, as far as it is known."""
    year = work.print_year or (min(work.years) if work.years else None)
    pages = work.page or work.article_number
    parts = (work.container, str(year or ""),
             f"volume {work.volume}" if work.volume else "",
             f"pages {pages}" if pages else "")  # fmt: skip
    return ", ".join(part for part in parts if part)


#: Characters a value from a server may not bring into a .bib file.
_UNSAFE = re.compile(r'[{}\\"~^\x00-\x1f\x7f]')
#: TeX specials a journal name may hold, written escaped.
_SPECIAL = re.compile(r"([&%$#_])")
#: Other names entries use for journal, year and number (biblatex, Zotero).
_ALIASES = {
    "journal": ("journal", "journaltitle"),
    "year": ("year", "date"),
    "number": ("number", "issue"),
}


def _metadata(work: Work) -> list[tuple[str, str]]:
    """Return the fields to write for ``work``: name and BibTeX value, DOI first.

    A value holding braces, a backslash, a quote or a control character is
    left out: it could end the field or run TeX. ``&`` and the like are
    escaped in the journal name, where BibTeX and LaTeX would read them.
    """
    year = work.print_year or (min(work.years) if work.years else None)
    page = _double_dashes(work.page) if work.page else work.article_number
    wanted = [("doi", work.doi), ("journal", work.container),
              ("year", str(year or "")), ("volume", work.volume),
              ("number", work.issue), ("pages", page)]  # fmt: skip
    return [
        (name, _SPECIAL.sub(r"\\\1", text) if name == "journal" else text)
        for name, text in wanted
        if text and not _UNSAFE.search(text)
    ]


def _double_dashes(value: str) -> str:
    """Return a page range with BibTeX's ``--`` between its ends (``455--467``)."""
    for found in reversed(pages.ranges(value)):
        if found.dash:
            new = f"{found.first}--{found.last}"
            value = value[: found.start] + new + value[found.end :]
    return value


def _replacement(entry: Entry, published: Work) -> Fix | None:
    """Return an unsafe fix writing the published version's fields into ``entry``.

    One fix spans every field it rewrites and the insertion point after the
    last field; the text between them is copied unchanged.
    """
    metadata = _metadata(published)
    doi = entry.fields["doi"]
    if not doi.is_delimited or not metadata or metadata[0][0] != "doi":
        return None
    names = {alias for aliases in _ALIASES.values() for alias in aliases}
    if {field.name for field in entry.repeated} & (names | dict(metadata).keys()):
        return None  # a repeated field: which one to rewrite is unclear
    edits, added, written = [], [], []
    for name, value in metadata:
        field = next((entry.fields[alias] for alias in _ALIASES.get(name, (name,))
                      if alias in entry.fields), None)  # fmt: skip
        if field is None:
            added.append((name, _delimited(value, doi)))
        elif field.value != value:
            stop = field.offset + len(field.raw)
            edits.append((field.offset, stop, _delimited(value, field)))
        written.append((name if field is None else field.name, value))
    place = field_layout.insertion(entry, added)
    if place is not None:
        edits.append((place[0], place[0], place[1]))
    if not edits:
        return None
    edits.sort()
    start, end = edits[0][0], max(stop for _, stop, _ in edits)
    pieces, position = [], start
    for first, stop, text in edits:
        pieces += [_slice(entry, position, first), text]
        position = stop
    old = _slice(entry, start, end)
    return Fix("doi", start, old, "".join(pieces), safe=False, fields=tuple(written))


def _delimited(value: str, like: Field) -> str:
    """Return ``value`` in the delimiters of ``like`` (bare digits stay bare)."""
    opener = like.raw[:1]
    if opener.isdigit() and value.isdigit():
        return value
    if opener == '"' and '"' not in value:
        return f'"{value}"'
    return f"{{{value}}}"


def _slice(entry: Entry, start: int, end: int) -> str:
    return entry.raw[start - entry.offset : end - entry.offset]


RULE = EntryRule(
    code="CM308",
    name="published-version",
    summary="a cited preprint that has a published version (online)",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    fixes="writes the published version's doi, journal, year, volume, number and"
    " pages (unsafe); the entry type stays",
    online=True,
    check=check,
)
