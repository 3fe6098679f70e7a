"""Render entries as a reference list, or cite them, in a style and an output format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from citeman import collector, inheritance
from citeman.model import Entry
from citeman.render import citation, keys, library_case, output
from citeman.render.markup import MARKUPS
from citeman.render.reference import Reference
from citeman.text import Casing

if TYPE_CHECKING:
    from citeman.render.style import Style, StyleError, find

__all__ = [
    "FORMATS", "Style", "StyleError", "cite", "find", "inherited",
    "missing_essentials", "render",
]  # fmt: skip

FORMATS = output.FORMATS
#: Told the name of each stage of the work as it starts, and its count if any.
Stage = Callable[[str, int | None], None]
#: Loaded on first use by :func:`__getattr__`: they need Jinja.
_FROM_STYLE = frozenset({"Style", "StyleError", "find"})


def __getattr__(name: str) -> object:
    """Return ``Style``, ``StyleError`` or ``find``, loading Jinja on first use.

    Every command imports this package (the importer reads its dates), but only
    render, cite and reference-list checks need templates: Jinja (and the
    engine) are imported when first asked for, so that ``citeman check`` starts
    without them.
    """
    if name in _FROM_STYLE:
        from citeman.render import style

        return getattr(style, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(
    entries: Sequence[Entry],
    style: Style,
    fmt: str,
    *,
    standalone: bool = False,
    context: Sequence[Entry] = (),
    casing: Casing | None = None,
    stage: Stage | None = None,
    advance: Callable[[int], None] | None = None,
) -> str:
    """Return ``entries`` as a reference list in ``style``, in format ``fmt``.

    ``context`` is the whole library the entries come from, so that year letters
    (``2020a``) and the library's reading of its titles' case (its proper nouns,
    its common words) are the same whether all entries or a few are rendered.
    ``casing`` gives that reading instead (:func:`library_case.of_library`).
    ``stage`` is told each stage as it starts (ordering, reading the titles'
    case, rendering, writing) with its count, and ``advance`` counts its steps.

    The cyclic collector is paused meanwhile (:func:`citeman.collector.paused`):
    rendering makes no reference cycles, yet a list of 10,000 references set
    off a thousand collections, a sixth of its time.
    """
    with collector.paused():
        return _render(
            entries, style, fmt, standalone, context, casing, stage or _quiet, advance
        )


def _render(
    entries: Sequence[Entry],
    style: Style,
    fmt: str,
    standalone: bool,
    context: Sequence[Entry],
    casing: Casing | None,
    stage: Stage,
    advance: Callable[[int], None] | None,
) -> str:
    from citeman.render import engine

    entries, context = keys.distinct(*inherited(entries, context))
    count = len(entries)
    stage(f"ordering {count:,} references", count)
    references, suffixes = engine.prepare(entries, style, context, advance)
    if casing is None:
        titles = context or entries
        stage(f"reading the case of {len(titles):,} titles", len(titles))
        casing = library_case.of_library(titles, advance)
    with library_case.using(casing):
        if fmt == "json":
            versions: dict[str, Sequence[engine.Rendered]] = {}
            for name in ("text", "html", "markdown"):
                stage(f"rendering {count:,} references ({name})", count)
                renderer = engine.Renderer(style, MARKUPS[name])
                versions[name] = renderer.render(references, suffixes, advance)
            stage(f"writing {count:,} references", None)
            return output.json_document(versions)
        stage(f"rendering {count:,} references", count)
        rendered = engine.Renderer(style, MARKUPS[fmt]).render(
            references, suffixes, advance
        )
    stage(f"writing {count:,} references", None)
    return output.DOCUMENTS[fmt](rendered, standalone)


def _quiet(label: str, total: int | None) -> None:
    """Tell nobody about a stage."""


def inherited(
    entries: Sequence[Entry], library: Sequence[Entry]
) -> tuple[list[Entry], list[Entry]]:
    """Return ``entries`` and ``library`` with what each inherits by ``crossref``.

    Parents are looked up in ``library`` (all of it, when ``entries`` are a few
    chosen with ``--keys``); an entry stays the same object in both lists.
    ``@xdata`` entries, which only lend fields, are left out of both.
    """
    pool = library or entries
    resolved = inheritance.resolve(pool)
    by_id = {id(entry): done for entry, done in zip(pool, resolved, strict=True)}
    chosen = [
        by_id.get(id(entry), entry)
        for entry in entries
        if not inheritance.is_data_only(entry)
    ]
    if not library:
        return chosen, chosen
    return chosen, [entry for entry in resolved if not inheritance.is_data_only(entry)]


def missing_essentials(entry: Entry) -> list[str]:
    """Return the fields a reference cannot do without, if it has neither.

    An entry with no author (or editor) and no title still renders, as its date
    and source, but says nothing a reader can find: the command warns, naming
    what is missing (``author``, ``title``, and ``year`` too when absent).

    >>> from citeman.parse import loads
    >>> missing_essentials(loads("@misc{k, note = {x}}").entries[0])
    ['author', 'title', 'year']
    """
    if entry.get("author").strip() or entry.get("editor").strip():
        return []
    if entry.get("title").strip():
        return []
    dated = entry.get("year").strip() or entry.get("date").strip()
    return ["author", "title"] if dated else ["author", "title", "year"]


def cite(
    entries: Sequence[Entry],
    library: Sequence[Entry],
    style: Style,
    *,
    narrative: bool = False,
) -> str:
    """Return the in-text citation of ``entries``, told apart within ``library``.

    The year letters are those of ``style``'s reference list (none when the
    style does not disambiguate).
    """
    entries, library = keys.distinct(*inherited(entries, library))
    pool = {id(entry): Reference(entry) for entry in library}
    chosen = [pool.get(id(entry)) or Reference(entry) for entry in entries]
    return citation.cite(
        chosen, list(pool.values()), narrative, letters=style.disambiguate
    )
