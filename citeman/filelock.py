"""Hold an advisory lock on a file being rewritten, and notice any change to it.

Two ``citeman fix`` runs on one file take turns through the lock (``flock``).
An editor takes no lock, so the file's identity and content (device, inode,
size, modification time and a hash of its bytes) are compared again right
before it is replaced: any change, and nothing is written.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from citeman.errors import WriteError

#: How long to wait for another process's lock before giving up, in seconds.
PATIENCE = 60.0


@dataclass(frozen=True)
class Snapshot:
    """What identifies a file and its content at one moment."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    digest: bytes


@dataclass(frozen=True)
class Held:
    """A locked file: its status and bytes when the lock was taken."""

    target: Path
    name: str
    status: os.stat_result
    data: bytes
    snapshot: Snapshot

    def check_unchanged(self) -> None:
        """Raise :class:`WriteError` unless the path names the same, unchanged file."""
        try:
            handle = os.open(self.target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as error:
            raise changed(self.name) from error
        try:
            now, _, _ = _snapshot(handle)
        finally:
            os.close(handle)
        if now != self.snapshot:
            raise changed(self.name)


def changed(name: str) -> WriteError:
    """Return the error for a file changed by someone else while citeman worked."""
    return WriteError(
        f"{name}: changed since it was read; nothing written (an editor or another"
        " citeman run changed it: run the command again)"
    )


@contextlib.contextmanager
def locked(
    target: Path, name: str, on_wait: Callable[[str], None], patience: float = PATIENCE
) -> Iterator[Held]:
    """Lock ``target`` (``name`` is how the user wrote it) for the block.

    ``on_wait`` is told once if another process holds the lock. Yield the
    file as it was once locked; raise :class:`WriteError` if it cannot be
    opened, stays locked beyond ``patience`` seconds, or was replaced while
    this process waited.
    """
    try:
        handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise WriteError(f"{name}: cannot be read ({error.strerror})") from error
    try:
        _lock(handle, name, on_wait, patience)
        snapshot, status, data = _snapshot(handle)
        held = Held(target, name, status, data, snapshot)
        held.check_unchanged()  # replaced (renamed over) while we waited?
        yield held
    finally:
        os.close(handle)  # which releases the lock


def _lock(
    handle: int, name: str, on_wait: Callable[[str], None], patience: float
) -> None:
    deadline = time.monotonic() + patience
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        except OSError:
            return  # a file system without locks: the checks must do alone
        if not told:
            on_wait(f"waiting for {name}: another process is writing it")
            told = True
        if time.monotonic() > deadline:
            raise WriteError(
                f"{name}: still locked by another process after {patience:g} s;"
                " nothing changed"
            )
        time.sleep(0.05)


def _snapshot(handle: int) -> tuple[Snapshot, os.stat_result, bytes]:
    status = os.fstat(handle)
    chunks = []
    position = 0
    while chunk := os.pread(handle, 1 << 20, position):
        chunks.append(chunk)
        position += len(chunk)
    data = b"".join(chunks)
    digest = hashlib.sha256(data).digest()
    snapshot = Snapshot(
        status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, digest
    )
    return snapshot, status, data
