"""Turn the PATHS of a command into .bib files, finding them as ruff finds Python.

A file named on the command line is always read. A directory is searched
recursively for ``*.bib``, skipping hidden folders and files, virtual
environments (a folder holding ``pyvenv.cfg``), what ``.gitignore`` files
exclude, and the configured ``exclude``/``extend-exclude`` patterns. A PATH
that does not exist but holds ``*``, ``?`` or ``[`` is a glob.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import pathspec

#: Skipped in directory search unless ``exclude`` replaces this list.
DEFAULT_EXCLUDE = (".*", "node_modules", "__pypackages__", "site-packages", "venv")

_GLOB_CHARS = frozenset("*?[")


def expand(
    paths: Sequence[str],
    exclude: Sequence[str],
    base: Path,
) -> list[Path]:
    """Return the files ``paths`` name, in order and each once.

    ``exclude`` are gitignore-style patterns relative to ``base`` (the
    configuration's directory).
    """
    skip = pathspec.GitIgnoreSpec.from_lines(exclude)
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.update(dict.fromkeys(_search(path, skip, base)))
        elif not path.exists() and _GLOB_CHARS & set(given):
            for match in sorted(glob.glob(given, recursive=True)):
                if Path(match).is_dir():
                    found.update(dict.fromkeys(_search(Path(match), skip, base)))
                elif not _excluded(Path(match), skip, base):
                    found[Path(match)] = None
        else:
            found[path] = None
    return list(found)


def _search(top: Path, skip: pathspec.GitIgnoreSpec, base: Path) -> Iterator[Path]:
    """Yield the .bib files below ``top``, sorted, pruning what is skipped."""
    ignores = _gitignores_above(top)
    for directory, folders, files in os.walk(top):
        here = Path(directory)
        ignore_file = here / ".gitignore"
        if ignore_file.is_file():
            ignores = [*ignores, (here, _read_gitignore(ignore_file))]
        folders[:] = sorted(
            name
            for name in folders
            if not _skipped(here / name, skip, base, ignores, folder=True)
        )
        for name in sorted(files):
            if name.endswith(".bib") and not _skipped(here / name, skip, base, ignores):
                yield here / name


def _skipped(
    path: Path,
    skip: pathspec.GitIgnoreSpec,
    base: Path,
    ignores: Sequence[tuple[Path, pathspec.GitIgnoreSpec]],
    *,
    folder: bool = False,
) -> bool:
    if folder and (path / "pyvenv.cfg").is_file():
        return True
    if _excluded(path, skip, base, folder=folder):
        return True
    for root, spec in ignores:
        relative = _below(path, root)
        if relative is not None and spec.match_file(relative + ("/" if folder else "")):
            return True
    return False


def _excluded(
    path: Path, skip: pathspec.GitIgnoreSpec, base: Path, *, folder: bool = False
) -> bool:
    """Return whether ``path`` matches an exclude pattern (by name or by path)."""
    relative = _below(path, base) or path.name
    suffix = "/" if folder else ""
    return skip.match_file(relative + suffix) or skip.match_file(path.name + suffix)


def _below(path: Path, root: Path) -> str | None:
    """Return ``path`` relative to ``root`` in POSIX form, or None when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _gitignores_above(top: Path) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """Return the ``.gitignore`` files from the repository root down to ``top``.

    ``top``'s own is read by the walk; without a ``.git`` above, none is.
    """
    start = top.resolve()
    chain = [start, *start.parents]
    for depth, directory in enumerate(chain):
        if (directory / ".git").exists():
            above = reversed(chain[1 : depth + 1])
            return [
                (folder, _read_gitignore(folder / ".gitignore"))
                for folder in above
                if (folder / ".gitignore").is_file()
            ]
    return []


def _read_gitignore(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return pathspec.GitIgnoreSpec.from_lines(lines)
