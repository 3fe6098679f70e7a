"""Follow a LaTeX manuscript's ``\\input`` and ``\\include`` within its folder.

A thesis cites in its chapters: ``main.tex`` holds ``\\include{chapter1}``.
Works cited only there would otherwise be reported as never cited (CM502),
and ``--fix-list`` would drop them. Included files are read as manuscripts of
their own, relative to the top manuscript's folder, as LaTeX reads them when
run there (also from a chapter that includes a section). A name that leads
out of that folder (``../``, an absolute path, a link) is not read, and
neither is a missing file: each is returned as a note for the user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from citeman import textfile
from citeman.audit import citations
from citeman.audit.manuscript import Kind, Manuscript, read
from citeman.errors import InputError

_INCLUDE = re.compile(
    r"\\(?:input|include|subfile)\s*(?:\{(?P<braced>[^{}\n]*)\}|(?P<bare>[^\s{}\\%]+))"
)
#: Includes nested deeper than this are not followed (a file including itself
#: through others is caught earlier, by the set of files already read).
_DEPTH = 20


def follow(
    manuscripts: Sequence[Manuscript], limit: int = textfile.DEFAULT_LIMIT
) -> tuple[list[Manuscript], list[str]]:
    """Return the manuscripts with every file they include, and notes on the rest."""
    found: list[Manuscript] = []
    notes: list[str] = []
    seen: set[Path] = set()
    for manuscript in manuscripts:
        found.append(manuscript)
        if manuscript.kind is Kind.LATEX:
            seen.add(Path(manuscript.path).resolve())
            base = Path(manuscript.path).parent
            _walk(manuscript, base, limit, seen, found, notes, 0)
    return found, notes


def _walk(
    manuscript: Manuscript, base: Path, limit: int, seen: set[Path],
    found: list[Manuscript], notes: list[str], depth: int,
) -> None:  # fmt: skip
    root = base.resolve()
    for name, start in _included(manuscript):
        where = f"{manuscript.path}:{manuscript.span(start, start).line}"
        target = base / (name if Path(name).suffix else f"{name}.tex")
        real = target.resolve()
        if not real.is_relative_to(root):
            notes.append(
                f'{where}: "{name}" is outside the manuscript\'s folder {root};'
                " not followed, its citations are not counted"
            )
            continue
        if real in seen:
            continue
        if depth >= _DEPTH:
            notes.append(f'{where}: "{name}" is nested too deep; not followed')
            continue
        seen.add(real)
        try:
            included = read(target, limit)
        except InputError as error:
            notes.append(f"{where}: {error}; its citations are not counted")
            continue
        found.append(included)
        _walk(included, base, limit, seen, found, notes, depth + 1)


def _included(manuscript: Manuscript) -> Iterator[tuple[str, int]]:
    """Yield each file name an un-commented include names, with its offset."""
    text = citations.mask(manuscript.text, Kind.LATEX)
    for match in _INCLUDE.finditer(text):
        name = (match.group("braced") or match.group("bare") or "").strip()
        if name:
            yield name, match.start()
