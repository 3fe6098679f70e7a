"""Write a whole file so that a crash leaves the old text or the new, never half."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from citeman.errors import CitemanError


def replace_text(path: Path, content: str) -> None:
    """Write ``content`` (UTF-8, newlines as given) to ``path`` atomically.

    The text goes to a temporary file in the same directory, which then replaces
    ``path`` in one rename. A replaced file keeps its permissions; a new one gets
    the usual ``0o644``. Raise :class:`CitemanError` naming the path on failure,
    leaving nothing behind.
    """
    directory = path.parent if str(path.parent) else Path()
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    try:
        handle, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.")
    except OSError as error:
        raise CitemanError(f"{path}: cannot be written ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, mode)
        os.replace(name, path)
    except OSError as error:
        Path(name).unlink(missing_ok=True)
        raise CitemanError(f"{path}: cannot be written ({error.strerror})") from error
