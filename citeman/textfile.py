"""Read a user's file as UTF-8 text, or say in one line why it cannot be read."""

from __future__ import annotations

from pathlib import Path

from citeman.errors import InputError


def read_bytes(path: str | Path, kind: str) -> bytes:
    """Return the bytes of ``path``; ``kind`` names what it should be ("a .bib file").

    Raise :class:`InputError` for a directory, a missing or an unreadable path.
    """
    name = str(path)
    file = Path(path)
    if file.is_dir():
        raise InputError(name, f"is a directory, not {kind}")
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror})") from error


def decode(name: str, data: bytes, kind: str) -> str:
    """Return ``data`` as text (a UTF-8 byte-order mark dropped).

    Raise :class:`InputError` for binary data, or naming the line of the first
    byte that is not UTF-8.
    """
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
