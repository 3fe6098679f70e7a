"""The bytes of a kept check state: one file, appended to by each edit, read by mmap.

A kept state (``citeman.check_state``) is mostly bytes that an edit leaves as
they were: the file's text, each problem's printed object, the library rules'
summaries. They live in a *blob*: a file written in *regions*, each its own
CRC. A state lists the regions it uses and names each of its bytes by a
:data:`Ref` (region, offset in it, length). A re-check after an edit maps
the blob (``mmap``: the pages it reads, no copies) and appends what is new
as one more region at the end of the same blob. A region that does not match
its CRC, or lies outside the file, makes the state damaged (ignored); bytes
between regions (what a concurrent run appended) are never read.

Appends use ``O_APPEND`` in one ``write``, so runs appending to one blob at
once each write a whole region of their own; a blob is never rewritten in
place, so a run still reading an old one sees its bytes unchanged.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import secrets
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: Where some bytes are: a region's index in the state's list, offset in it, length.
Ref = tuple[int, int, int]
#: Bytes a state holds: in its blob, or new (not stored yet).
Piece = Ref | bytes
#: A stretch of a blob written at once: offset, length and CRC-32.
Region = tuple[int, int, int]
SUFFIX = ".blob"


class Blob:
    """One blob, mapped, and the regions of it a state uses."""

    def __init__(self, path: Path, regions: list[Region], view: memoryview) -> None:
        self.path = path
        self.regions = regions
        self.view = view
        #: Where each region starts in the blob.
        self.starts = [at for at, _, _ in regions]

    def read(self, piece: Piece) -> bytes | memoryview:
        """Return the bytes of ``piece`` (a view into the blob when stored)."""
        if isinstance(piece, bytes):
            return piece
        region, at, length = piece
        at += self.starts[region]
        return self.view[at : at + length]

    def holds(self, refs: Iterable[Any]) -> bool:
        """Return whether every one of ``refs`` lies in one of the state's regions.

        Raises TypeError or ValueError for what is not a ref.
        """
        limits = [length for _, length, _ in self.regions]
        count = len(limits)
        return all(
            0 <= region < count and at >= 0 and 0 <= length <= limits[region] - at
            for region, at, length in refs
        )


def opened(path: Path, regions: list[Region]) -> Blob | None:
    """Return the blob at ``path`` mapped, or None if missing or damaged.

    Every region must lie in it and match its CRC.
    """
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size == 0:
                return None
            mapped = mmap.mmap(file.fileno(), size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)
    for at, length, check in regions:
        if at < 0 or length < 0 or at + length > size:
            return None
        if zlib.crc32(view[at : at + length]) != check:
            return None
    return Blob(path, list(regions), view)


def created(
    directory: Path, name: str, parts: Sequence[bytes | memoryview]
) -> tuple[Path, Region] | None:
    """Write ``parts`` as a new blob of the state ``name``; return it and its region."""
    path = directory / f"{name}.{secrets.token_hex(8)}{SUFFIX}"
    check, size = 0, 0
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "wb") as file:
            for part in parts:
                file.write(part)
                check = zlib.crc32(part, check)
                size += len(part)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return path, (0, size, check)


def appended(path: Path, parts: Sequence[bytes | memoryview]) -> Region | None:
    """Append ``parts`` to the blob at ``path`` as one region; return it, or None."""
    data = b"".join(parts)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return None
    try:
        written = os.write(handle, data)
        end = os.lseek(handle, 0, os.SEEK_CUR)
    except OSError:
        return None
    finally:
        os.close(handle)
    if written != len(data):
        return None
    return end - len(data), len(data), zlib.crc32(data)


def prune(directory: Path, used: Iterable[str], grace: float = 600.0) -> None:
    """Remove the blobs in ``directory`` but the ``used`` ones (file names).

    One written in the last ``grace`` seconds stays: a concurrent run may be
    about to name it in its state.
    """
    wanted = set(used)
    now = time.time()
    for path in directory.glob(f"*{SUFFIX}"):
        if path.name not in wanted:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime + grace < now:
                    path.unlink()
