"""Write imported references as BibTeX entries, in the order of the list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: The order fields are written in; any other field follows, as read.
_ORDER = (
    "author", "editor", "translator", "title", "booktitle", "journal",
    "entrysubtype", "type", "year", "date", "volume", "number", "pages", "eid",
    "edition", "version", "eventtitle", "venue", "howpublished", "publisher",
    "institution", "school", "organization", "pubstate", "origyear", "doi", "url",
    "urldate", "note",
)  # fmt: skip


def entry(entry_type: str, key: str, fields: Mapping[str, str]) -> str:
    """Return one entry, its ``=`` signs aligned as in citeman's own library.

    >>> print(entry("article", "lee2020", {"year": "2020", "title": "A & B"}))
    @article{lee2020,
      title = {A & B},
      year  = {2020}
    }
    """
    names = sorted(fields, key=lambda name: (_rank(name), name))
    width = max((len(name) for name in names), default=0)
    lines = [f"  {name.ljust(width)} = {{{fields[name]}}}" for name in names]
    body = ",\n".join(lines)
    return f"@{entry_type}{{{key},\n{body}\n}}" if body else f"@{entry_type}{{{key}\n}}"


def _rank(name: str) -> int:
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)


def document(entries: Iterable[str]) -> str:
    """Return a whole ``.bib`` file: entries separated by blank lines."""
    text = "\n\n".join(entries)
    return text + "\n" if text else ""
