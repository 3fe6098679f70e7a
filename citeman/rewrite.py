"""Write fixed text over a .bib file only after proving that nothing else changed.

The new text goes to a temporary file beside the original, is read back and
parsed, and is compared with the original parse: the same entries with the same
keys, types and fields in the same order, every byte between entries the same,
and within entries only the values the fixes were meant to change. Only then is
the temporary file renamed over the original, which keeps its permissions,
owner and extended attributes. A rename is atomic, so a crash leaves either the
old file or the new one. The file is locked against another citeman meanwhile,
and checked unchanged (by an editor) right before the rename.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from citeman import atomic, filelock, parse
from citeman.errors import WriteError
from citeman.model import Entry, Field, Library

_BOM = b"\xef\xbb\xbf"

#: Verifies the text as written from its changed parts: the library read, or None.
Quick = Callable[[str], Library | None]


def write(
    path: Path,
    before: Library,
    source: str,
    changed: Mapping[int, frozenset[str]],
    on_wait: Callable[[str], None] = lambda message: None,
    quick: Quick | None = None,
) -> Library:
    """Replace the file at ``path`` (parsed as ``before``) with ``source``.

    ``changed`` maps entry indexes to the fields allowed to differ; ``on_wait``
    is told when another process holds the file's lock. Return the library
    parsed from the written file. Raise :class:`WriteError` when the file or
    its directory is read-only, it changed since it was read, replacing it
    would lose its hard links, owner or attributes, or the new text does not
    verify; the original is then untouched.

    ``quick`` verifies the text as written from its changed parts alone
    (:mod:`citeman.rewrite_parts`) and returns the library it read, or None
    when it cannot tell: then ``before`` (which may hold only some entries)
    and the written text are parsed whole and compared.
    """
    atomic.refuse_special(path)
    target = Path(os.path.realpath(path))  # a symlink keeps pointing at the file
    _writable(path, target)
    with filelock.locked(target, str(path), on_wait) as held:
        if held.data.decode("utf-8-sig", errors="replace") != before.source:
            raise filelock.changed(str(path))
        _refuse_links(path, held.status)
        data = (_BOM if held.data.startswith(_BOM) else b"") + source.encode("utf-8")
        try:
            return _replace(held, data, before, changed, quick)
        except OSError as error:
            raise WriteError(
                f"{path}: cannot be written ({error.strerror}); nothing changed"
            ) from error


def _replace(
    held: filelock.Held,
    data: bytes,
    before: Library,
    changed: Mapping[int, frozenset[str]],
    quick: Quick | None,
) -> Library:
    """Stage ``data`` beside the locked file, verify it, and rename it over."""
    name, target = held.name, held.target
    with atomic.temporary_beside(target, name) as temporary:
        atomic.write_bytes(temporary, data, name)
        written = temporary.read_bytes().decode("utf-8-sig")
        after = quick(written) if quick is not None else None
        if after is None:
            if quick is not None:
                before = parse.loads(before.source, before.path)
            after = parse.loads(written, before.path)
            problem = verify(before, after, changed)
            if problem is not None:
                raise WriteError(f"{name}: {problem}; the file was left unchanged")
        lost = atomic.keep_metadata(temporary, held.status, target)
        if lost:
            raise WriteError(
                f"{name}: replacing it would lose {', '.join(lost)}; nothing changed"
            )
        held.check_unchanged()  # an editor's save since the lock was taken
        atomic.commit(temporary, target, name)
    return after


def _refuse_links(path: Path, status: os.stat_result) -> None:
    """Refuse a file with hard links: a replaced file would leave them behind.

    Writing in place would keep them, but a crash midway would leave half a
    file; citeman's promise is the old text or the new, so it asks instead.
    """
    if status.st_nlink > 1:
        raise WriteError(
            f"{path}: has {status.st_nlink} hard links, which replacing it would"
            " break; nothing changed (fix a copy, then cp it back: cp keeps links)"
        )


def _writable(path: Path, target: Path) -> os.stat_result:
    """Return the file's status, or raise if the file or its folder is read-only.

    Mode bits are consulted as well as ``os.access``: a file marked read-only is
    left alone even for root, who could otherwise rename over it.
    """
    try:
        status = target.stat()
    except OSError as error:
        raise WriteError(f"{path}: cannot be written ({error.strerror})") from error
    writable_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if not status.st_mode & writable_bits or not os.access(target, os.W_OK):
        raise WriteError(f"{path}: is read-only; nothing changed")
    folder = target.parent
    if not folder.stat().st_mode & writable_bits or not os.access(folder, os.W_OK):
        raise WriteError(
            f"{path}: its directory {folder} is read-only, so the file cannot be"
            " replaced safely; nothing changed"
        )
    return status


def verify(
    before: Library, after: Library, changed: Mapping[int, frozenset[str]]
) -> str | None:
    """Return why ``after`` is not ``before`` with only ``changed`` values fixed.

    None means it is: entries, keys, types and field order agree, unchanged
    entries and all text between entries are byte-identical, and in a fixed
    entry every field outside ``changed`` keeps its exact text.
    """
    olds, news = before.entries, after.entries
    for index, (old, new) in enumerate(zip(olds, news, strict=False)):
        reason = entry_difference(old, new, changed.get(index))
        if reason is not None:
            return f'entry "{old.key}" {reason}'
    if len(olds) != len(news):
        index = min(len(olds), len(news))
        key = (olds if len(olds) > len(news) else news)[index].key
        return (
            f'entry "{key}" would be lost or split ({len(olds)} entries before,'
            f" {len(news)} after)"
        )
    old_gaps, new_gaps = _gaps(before), _gaps(after)
    for index, (was, now) in enumerate(zip(old_gaps, new_gaps, strict=True)):
        if was != now:
            where = (
                f'after entry "{olds[index - 1].key}"'
                if index
                else "before the first entry"
            )
            return f"text {where} would change"
    return None


def entry_difference(
    old: Entry, new: Entry, allowed: frozenset[str] | None
) -> str | None:
    """Return how ``new`` differs from ``old`` beyond the ``allowed`` fields."""
    if old.key != new.key or old.type != new.type:
        return f"would become @{new.type}{{{new.key}"
    if allowed is None:
        if old.raw == new.raw:
            return None
        return "would change though no fix was meant for it"
    old_fields, new_fields = _in_order(old), _in_order(new)
    old_kept = [(f.name, f.raw) for f in old_fields if f.name not in allowed]
    new_kept = [(f.name, f.raw) for f in new_fields if f.name not in allowed]
    if [name for name, _ in old_kept] != [name for name, _ in new_kept]:
        return "would lose, gain or reorder fields"
    for (name, raw), (_, fixed) in zip(old_kept, new_kept, strict=True):
        if raw != fixed:
            return f'would change field "{name}", which no fix was meant for'
    old_names = [field.name for field in old_fields]
    if old_names != [field.name for field in new_fields]:
        # Fields may come or go only where a fix meant to add one (a value
        # moved from one field to another).
        if allowed <= set(old_names):
            return "would lose, gain or reorder fields"
        return None
    # Same fields: all but the fixed values (names, "=", commas, spacing) must
    # be byte-identical.
    if _skeleton(old, old_fields, allowed) != _skeleton(new, new_fields, allowed):
        return "would change outside its fixed values"
    return None


def _in_order(entry: Entry) -> list[Field]:
    return sorted((*entry.fields.values(), *entry.repeated), key=lambda f: f.offset)


def _skeleton(entry: Entry, fields: list[Field], allowed: frozenset[str]) -> str:
    pieces = []
    position = entry.offset
    for field in fields:
        if field.name in allowed:
            pieces.append(_between(entry, position, field.offset))
            pieces.append("\0")
            position = field.offset + len(field.raw)
    pieces.append(_between(entry, position, entry.offset + len(entry.raw)))
    return "".join(pieces)


def _between(entry: Entry, start: int, end: int) -> str:
    return entry.raw[start - entry.offset : end - entry.offset]


def _gaps(library: Library) -> list[str]:
    """Return the text before, between and after the entries."""
    gaps = []
    position = 0
    for entry in library.entries:
        gaps.append(library.source[position : entry.offset])
        position = entry.offset + len(entry.raw)
    gaps.append(library.source[position:])
    return gaps
