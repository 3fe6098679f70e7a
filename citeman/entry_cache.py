"""Remember what ``check`` found in each entry, so a re-check reads only what changed.

One store per checked file and rule configuration, in the user cache folder
(``$CITEMAN_CACHE_DIR/entries``). It maps the key of a *segment* (a block and
what follows it up to the next block, see ``citeman.segments``) to a
:class:`Record`: for each entry in it, the problems of the per-entry rules and
each library rule's summary, every position relative to the entry. The key
(:func:`segment_key`) holds everything those depend on: the configuration key
(citeman's version and code state, the active rules, their severities and
options), the segment's exact text and column, the comment lines above it
(a ``% citeman: ignore`` there silences rules) and the value of every
``@string`` macro whose name occurs in it, as defined above it.

Whatever is in the folder is distrusted. A store is one file holding a sha256
of its own content: a truncated, corrupt or half-written one is ignored (the
file is checked in full). Each record is pickled on its own, so a run that
changed a few entries writes the others' bytes back as they were read; a
record is unpickled only when its segment is met, with only citeman's own
record types and built-in containers allowed, so a forged one cannot run
code (and one that is not a record counts as absent).
Stores are written to a temporary file and renamed into place, so concurrent
runs read the whole old store or the whole new one; only the most recently
written stores are kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import io
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from citeman.atomic import replace_bytes
from citeman.model import Span
from citeman.problem import Fix, Problem, Severity

#: Stores kept; older ones are removed when a new one is written.
KEEP = 16
#: At most this many bytes of stores are kept (the newest store always is).
MAX_BYTES = 2**30
_MAGIC = b"citeman entries 1\n"
_SUFFIX = ".entries"


#: A problem as a record keeps it (see :func:`flattened`): plain data only, so
#: that reading a store runs no Python code per problem.
Flat = tuple[object, ...]
_SEVERITIES = {severity.value: severity for severity in Severity}


class Cached(NamedTuple):
    """One entry's results, its position relative to its segment's start."""

    key: str
    type: str
    #: Lines after the segment's first line.
    line: int
    column: int
    #: Characters after the segment's ``@``.
    offset: int
    #: The length of the entry's text.
    length: int
    #: The per-entry rules' problems, lines and fix offsets relative to the
    #: entry, each :func:`flattened`.
    problems: tuple[Flat, ...]
    #: One summary per two-step library rule, in the order of the active rules.
    summaries: tuple[object, ...]


class Record(NamedTuple):
    """The entries of one segment, and what a hit must know about them."""

    #: Characters from the segment's ``@`` to the end of its last entry.
    extent: int
    #: At most how many characters its values' macro expansions used.
    spent: int
    entries: tuple[Cached, ...]
    #: 0, or the segment's line when a message names a line (then it holds there only).
    line: int = 0


def segment_key(config: str, text: str, column: int, above: str, macros: str) -> str:
    """Return the key of a segment ``text`` at ``column`` under rule set ``config``.

    ``above`` is the comment lines directly above it, ``macros`` the
    ``@string`` values it may use (see ``citeman.incremental``).
    """
    digest = hashlib.sha256(f"{config}\n{column}\n".encode())
    for part in (above, macros, text):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def flattened(problem: Problem, line: int, offset: int) -> Flat:
    """Return ``problem`` as plain data, moved up by ``line`` lines and ``offset``.

    Its path is left out: the file's path is given back by :func:`restored`.
    """
    span, fix = problem.span, problem.fix
    flat_fix = None
    if fix is not None:
        flat_fix = (fix.field, fix.offset - offset, fix.old, fix.new, fix.safe,
                    fix.fields)  # fmt: skip
    return (
        span.line - line, span.column, span.end_line - line, span.end_column,
        problem.key, problem.field, problem.code, problem.rule,
        problem.severity.value, problem.message, flat_fix,
    )  # fmt: skip


def restored(flat: Flat, path: str, line: int, offset: int) -> Problem:
    """Return the problem ``flat`` holds, moved down by ``line`` lines and ``offset``.

    Raises ValueError (or TypeError, KeyError) when ``flat`` is not what
    :func:`flattened` makes: a forged store then counts as absent.
    """
    values: tuple[Any, ...] = flat
    first, column, last, end, key, name, code, rule, severity, message, fix = values
    given = [value for value in (key, name) if value is not None]
    if not (_strings(code, rule, message, *given)):
        raise ValueError("not a flattened problem")
    if fix is not None:
        field, at, old, new, safe, fields = fix
        if not (_strings(field, old, new) and isinstance(safe, bool)):
            raise ValueError("not a flattened fix")
        fix = Fix(field, at + offset, old, new, safe, tuple(map(tuple, fields)))
    span = Span(first + line, column + 0, last + line, end + 0)
    return Problem(
        path, span, key, name, code, rule, _SEVERITIES[severity], message, fix
    )


def _strings(*values: object) -> bool:
    """Return whether every value is a string."""
    return all(type(value) is str for value in values)


class EntryStore:
    """The records of one file under one rule configuration."""

    def __init__(self, directory: Path, name: str, suffix: str = _SUFFIX) -> None:
        self.directory = directory
        self.suffix = suffix
        self.path = directory / f"{name}{suffix}"

    def load(self) -> dict[str, bytes]:
        """Return the stored records, each pickled, or none if missing or damaged."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        head = len(_MAGIC) + 65
        if not data.startswith(_MAGIC) or len(data) < head:
            return {}
        digest, body = data[len(_MAGIC) : head - 1], data[head:]
        if hashlib.sha256(body).hexdigest().encode() != digest:
            return {}
        try:
            records = _Unpickler(io.BytesIO(body)).load()
        except Exception:
            return {}
        if not isinstance(records, dict) or not all(
            isinstance(key, str) and isinstance(value, bytes)
            for key, value in records.items()
        ):
            return {}
        return records

    def save(self, records: Mapping[str, bytes]) -> None:
        """Store pickled ``records`` in place of the old ones (a failure skips it)."""
        body = pickle.dumps(dict(records), protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(body).hexdigest().encode()
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            replace_bytes(self.path, _MAGIC + digest + b"\n" + body)
            self._prune()

    def _prune(self) -> None:
        """Keep the ``KEEP`` most recently written stores, within ``MAX_BYTES``."""
        stores = []
        for path in self.directory.glob(f"*{self.suffix}"):
            with contextlib.suppress(OSError):
                status = path.stat()
                stores.append((status.st_mtime_ns, status.st_size, path))
        stores.sort(reverse=True)
        total = 0
        for index, (_, size, old) in enumerate(stores):
            total += size
            if index >= KEEP or (index and total > MAX_BYTES):
                with contextlib.suppress(OSError):
                    old.unlink()


#: The key under which a store keeps ``fix_guard``'s verdicts (``lint.Verdicts``).
VERDICTS = ""


def packed(record: object) -> bytes:
    """Return ``record`` pickled, as a store holds it."""
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(data: bytes) -> Record | None:
    """Return the record pickled in ``data``, or None if it is not one."""
    record = loaded(data)
    return record if isinstance(record, Record) else None


def verdicts(records: Mapping[str, bytes]) -> dict[tuple[object, ...], bool]:
    """Return the verdicts kept with ``records`` (none if damaged)."""
    data = records.get(VERDICTS)
    found = loaded(data) if data is not None else None
    if not isinstance(found, dict) or not all(
        isinstance(key, tuple) and isinstance(value, bool)
        for key, value in found.items()
    ):
        return {}
    return found


#: The suffix of the stores of library rules' memos (``citeman.rules.base.Memo``).
MEMOS = ".memos"


def memos(records: Mapping[str, bytes]) -> dict[str, dict[object, object]]:
    """Return each rule's memo in ``records`` (a memo store), as it was packed.

    A memo holds plain data only: one naming any class is dropped.
    """
    found = {}
    for code, data in records.items():
        try:
            memo = _Plain(io.BytesIO(data)).load()
        except Exception:
            continue
        if isinstance(memo, dict):
            found[code] = memo
    return found


class _Plain(pickle.Unpickler):
    """Unpickles plain data only (str, numbers, None and containers)."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def loaded(data: bytes) -> object:
    """Return what ``data`` pickles (citeman's record types only), else None."""
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:
        return None


class _Unpickler(pickle.Unpickler):
    """Unpickles only citeman's record types (tuples, dataclasses, enums)."""

    def find_class(self, module: str, name: str) -> type:
        found = _ALLOWED.get((module, name))
        if found is None:
            found = _allowed(module, name, super().find_class)
            _ALLOWED[(module, name)] = found
        return found


#: The classes a store named so far, each looked up once per process.
_ALLOWED: dict[tuple[str, str], type] = {}


def _allowed(module: str, name: str, find: Callable[[str, str], object]) -> type:
    """Return citeman's record class ``module.name``; raise for anything else."""
    if module == "citeman" or module.startswith("citeman."):
        found = find(module, name)
        if isinstance(found, type) and (
            issubclass(found, tuple | enum.Enum) or dataclasses.is_dataclass(found)
        ):
            return found
    raise pickle.UnpicklingError(f"{module}.{name} is not a citeman record")
