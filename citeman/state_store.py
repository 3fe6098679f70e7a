"""Where the state of a file's last check is kept: a small core file and a blob.

The core (``<name>.state``) holds the state's rows and places, pickled as
plain data (read by an unpickler that refuses every class, so a forged one
cannot run code), with its length and CRC; it names the blob
(``citeman.state_blob``) holding the state's bytes (text, printed objects,
flat problems, summary columns) and the regions of it the state uses.

A state worked out from an older one (``citeman.splice``) shares its blob:
only its new bytes are appended, the text as what the edit changed (the
state's text is a list of pieces of the blob). Once the blob has grown well
past what its state uses, the state is written to a new blob. The core is
written to a temporary file renamed into place, so concurrent runs read a
whole old or new core; the blob's regions are whole whoever appends at once.
A missing, truncated or damaged core or blob is no state.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from citeman.atomic import replace_bytes
from citeman.check_state import State, Stored, well_formed
from citeman.common_ends import common_prefix, common_suffix
from citeman.state_blob import (
    SUFFIX as BLOB,
)
from citeman.state_blob import (
    Piece,
    Ref,
    appended,
    created,
    opened,
    prune,
)

#: States kept; older ones are removed when a new one is written.
KEEP = 4
#: At most this many bytes of states are kept (the newest always is).
MAX_BYTES = 2**30
_MAGIC = b"citeman state 3\n"
_SUFFIX = ".state"
_HEAD = len(_MAGIC) + 41
#: A blob is written anew when its appendices outgrow what was written whole
#: (plus this), or its state's text is in more pieces, or spans more regions.
_SLACK = 1 << 23
_PIECES = 256
_REGIONS = 64


class StateStore:
    """The state of one file under one rule configuration and output."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name
        self.path = directory / f"{name}{_SUFFIX}"

    def load(self) -> State | None:
        """Return the stored state, or None if missing or damaged."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        header = _header(data)
        if header is None:
            return None
        length, check, token = header
        body = memoryview(data)[_HEAD:]
        if len(body) != length or zlib.crc32(body) != check:
            return None
        try:
            found = _Plain(io.BytesIO(body)).load()
            (path, regions, text, parts, entries, codes, columns, tallies, rows,
             chunks, flats, macros, spent) = found  # fmt: skip
            blob = opened(self._blob(token), regions)
            if blob is None or not blob.holds(text):
                return None
            raw = b"".join([blob.read(ref) for ref in text])
            stored = Stored(blob, text, raw)
            state = State(raw.decode("utf-8", "surrogatepass"), parts, entries,
                          codes, columns, tallies, rows, chunks, flats, macros,
                          spent,
                          path, stored)  # fmt: skip
            return state if well_formed(state) else None
        except Exception:
            return None

    def save(self, state: State, raw: bytes) -> None:
        """Store ``state`` (``raw``: its text's bytes) in place of the old one.

        A failure only leaves the state unstored.
        """
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            written = self._appended(state, raw) if _appendable(state) else None
            if written is None:
                written = self._created(state, raw)
            if written is None:
                return
            blob, core = written
            body = pickle.dumps(core, protocol=pickle.HIGHEST_PROTOCOL)
            head = b"%011d %011d %16s\n" % (len(body), zlib.crc32(body),
                                            _token(blob).encode())  # fmt: skip
            replace_bytes(self.path, _MAGIC + head, body)
            self._prune()

    def drop(self) -> None:
        """Remove the stored state (its blob goes with the next prune)."""
        with contextlib.suppress(OSError):
            self.path.unlink()

    def _blob(self, token: str) -> Path:
        return self.directory / f"{self.name}.{token}{BLOB}"

    def _created(
        self, state: State, raw: bytes
    ) -> tuple[Path, tuple[object, ...]] | None:
        """Write every byte of ``state`` to a new blob; return it and the core."""
        parts: list[bytes | memoryview] = []
        size = 0

        def put(piece: Piece) -> Ref:
            nonlocal size
            data = state.read(piece)
            parts.append(data)
            size += len(data)
            return (0, size - len(data), len(data))

        core = _core(state, [put(raw)], put)
        made = created(self.directory, self.name, parts)
        if made is None:
            return None
        path, region = made
        return path, (core[0], [region], *core[2:])

    def _appended(
        self, state: State, raw: bytes
    ) -> tuple[Path, tuple[object, ...]] | None:
        """Append the new bytes of ``state`` to its blob; return it and the core.

        None when the blob is worth writing anew or cannot be appended to.
        """
        assert state.stored is not None
        blob, text, old = state.stored
        if len(blob.view) > 2 * blob.regions[0][1] + _SLACK:
            return None  # grown well past what was written whole
        index = len(blob.regions)
        parts: list[bytes] = []
        size = 0

        def put(piece: Piece) -> Ref:
            nonlocal size
            if not isinstance(piece, bytes):
                return piece
            parts.append(piece)
            size += len(piece)
            return (index, size - len(piece), len(piece))

        same = common_prefix(old, raw)
        tail = common_suffix(old, raw, min(len(old), len(raw)) - same)
        pieces = _cut(text, 0, same)
        if same < len(raw) - tail:
            pieces.append(put(raw[same : len(raw) - tail]))
        pieces += _cut(text, len(old) - tail, len(old))
        if len(pieces) > _PIECES:
            return None
        core = _core(state, pieces, put, kept=True)
        regions = list(blob.regions)
        if parts:
            region = appended(blob.path, parts)
            if region is None:
                return None
            regions.append(region)
        return blob.path, (core[0], regions, *core[2:])

    def _prune(self) -> None:
        """Keep the ``KEEP`` newest states within ``MAX_BYTES``, and their blobs."""
        states = []
        for path in self.directory.glob(f"*{_SUFFIX}"):
            with contextlib.suppress(OSError):
                with open(path, "rb") as file:
                    header = _header(file.read(_HEAD))
                token = "" if header is None else header[2]
                blob = path.with_name(f"{path.name[: -len(_SUFFIX)]}.{token}{BLOB}")
                size = path.stat().st_size
                with contextlib.suppress(OSError):
                    size += blob.stat().st_size
                states.append((path.stat().st_mtime_ns, size, path, blob.name))
        states.sort(reverse=True)
        total, used = 0, []
        for index, (_, size, path, blob_name) in enumerate(states):
            total += size
            if index >= KEEP or (index and total > MAX_BYTES):
                with contextlib.suppress(OSError):
                    path.unlink()
            else:
                used.append(blob_name)
        prune(self.directory, used)


def _appendable(state: State) -> bool:
    return state.stored is not None and len(state.stored.blob.regions) < _REGIONS


def _core(
    state: State, text: list[Ref], put: Callable[[Piece], Ref], *, kept: bool = False
) -> tuple[object, ...]:
    """Return what the core holds of ``state``, its bytes put in the blob by ``put``.

    With ``kept``, refs are kept as they are (only new bytes are put). The
    core's second item (the regions) is left for the caller.
    """
    pieces = [piece for column in state.columns for _, piece in column]
    pieces += [piece for piece in state.tallies if piece is not None]
    pieces += state.chunks
    pieces += [piece for piece in state.flats if piece is not None]
    if kept:
        placed = [piece if type(piece) is tuple else put(piece) for piece in pieces]
    else:
        placed = [put(piece) for piece in pieces]
    found = iter(placed)
    columns = [
        [(count, next(found)) for count, _ in column] for column in state.columns
    ]
    tallies = [None if piece is None else next(found) for piece in state.tallies]
    chunks = [next(found) for _ in state.chunks]
    flats = [None if piece is None else next(found) for piece in state.flats]
    return (state.path, None, text, state.parts, state.entries, state.codes,
            columns, tallies, state.rows, chunks, flats, state.macros,
            state.spent)  # fmt: skip


def _cut(pieces: Sequence[Ref], start: int, end: int) -> list[Ref]:
    """Return the refs of bytes ``start`` to ``end`` of the concatenated ``pieces``."""
    found = []
    at = 0
    for region, offset, length in pieces:
        low, high = max(start, at), min(end, at + length)
        if low < high:
            found.append((region, offset + low - at, high - low))
        at += length
    return found


def _header(data: bytes) -> tuple[int, int, str] | None:
    """Return a core's body length, CRC and blob token, or None if not a core."""
    if not data.startswith(_MAGIC) or len(data) < _HEAD:
        return None
    line = data[len(_MAGIC) : _HEAD]
    try:
        length, check, token = line.decode("ascii").split()
        return int(length), int(check), token
    except ValueError:
        return None


def _token(path: Path) -> str:
    """Return the token in a blob's name (``<state>.<token>.blob``)."""
    return path.name[: -len(BLOB)].rpartition(".")[2]


class _Plain(pickle.Unpickler):
    """Unpickles plain data only (str, bytes, numbers, None and containers)."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")
