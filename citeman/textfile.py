"""Read a user's file as UTF-8 text, or say in one line why it cannot be read.

Only regular files are read: a device (``/dev/zero``), a FIFO or a socket would
never end or never start, so each is refused before a byte is read. A regular
file is read up to a size limit (``max-file-mb`` in the configuration), so a
mistaken path costs one clear message instead of all the memory there is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from citeman.errors import InputError

#: The most bytes citeman reads from one file (or unpacks from one archive)
#: unless the configuration's ``max-file-mb`` raises it.
MEGABYTE = 1024 * 1024
DEFAULT_LIMIT = 256 * MEGABYTE

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: str | Path, kind: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """Return the bytes of ``path``; ``kind`` names what it should be ("a .bib file").

    Raise :class:`InputError` for a missing or unreadable path, anything but a
    regular file, or a file larger than ``limit`` bytes.
    """
    name = str(path)
    try:
        # Look before opening: opening a FIFO blocks, opening a device may act.
        refuse_irregular(name, os.stat(path).st_mode, kind)
        # O_NONBLOCK: should a FIFO be swapped in after the look, opening it
        # still returns at once, and fstat below refuses it.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror})") from error
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(handle)
        refuse_irregular(name, status.st_mode, kind)
        if status.st_size > limit:
            raise too_large(name, limit)
        return read_limited(file, name, limit)


def refuse_irregular(name: str, mode: int, kind: str, action: str = "reads") -> None:
    """Raise :class:`InputError` unless ``mode`` is that of a regular file.

    ``action`` is what citeman would do with it ("reads", "writes").
    """
    if stat.S_ISDIR(mode):
        raise InputError(name, f"is a directory, not {kind}")
    if stat.S_ISREG(mode):
        return
    what = next((label for test, label in _KINDS if test(mode)), "not a regular file")
    raise InputError(
        name, f"is {what}, not {kind}; citeman {action} regular files only"
    )


def read_limited(file: BinaryIO, name: str, limit: int = DEFAULT_LIMIT) -> bytes:
    """Return all of ``file`` (a regular file, or standard input when asked).

    Raise :class:`InputError` once more than ``limit`` bytes arrive, so an
    endless stream ends in a message, not in a MemoryError.
    """
    try:
        data = file.read(limit + 1)
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror})") from error
    if len(data) > limit:
        raise too_large(name, limit)
    return data


def too_large(name: str, limit: int) -> InputError:
    """Return the error for input beyond ``limit`` bytes, naming the key to raise."""
    return InputError(
        name,
        f"is larger than {limit / MEGABYTE:g} MB, the most citeman reads; raise"
        " max-file-mb in the configuration to read it",
    )


def decode(name: str, data: bytes, kind: str) -> str:
    """Return ``data`` as text (a UTF-8 byte-order mark dropped).

    Raise :class:`InputError` for UTF-16/UTF-32 or binary data, or naming the
    line of the first byte that is not UTF-8.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        raise InputError(name, f"is {wide}; save it as UTF-8")
    if b"\0" in data:
        raise InputError(name, f"is a binary file, not {kind}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            name,
            f"line {line}: byte 0x{data[error.start]:02x} is not UTF-8"
            " (save the file as UTF-8)",
        ) from error


def _wide_encoding(data: bytes) -> str | None:
    """Return "UTF-16" or "UTF-32" when ``data`` looks like text in one of them.

    A byte-order mark says so outright; without one, UTF-16 text of Latin
    letters has a zero in every other byte and none in the others.

    >>> _wide_encoding("@book{".encode("utf-16-le"))
    'UTF-16'
    >>> _wide_encoding(b"@book{") is None
    True
    """
    if data.startswith((b"\xff\xfe\0\0", b"\0\0\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    evens, odds = sample[0::2], sample[1::2]
    for zeros, letters in ((odds, evens), (evens, odds)):
        if zeros.count(0) >= 0.9 * len(zeros) and letters.count(0) == 0:
            return "UTF-16"
    return None
