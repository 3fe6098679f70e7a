"""Remember what ``check`` printed for unchanged files, so a re-check only reads.

An entry is keyed by a hash of everything the output depends on: citeman's
version and the state of its own modules (so an edited checkout, or a reinstall
under the same version, never reads the results of other code), each file's
name and exact bytes, the effective rule configuration (each active rule's
code, severity and options, and the per-file ignores) and the output options.
Its value is the text printed and the severities found (for the exit code).
A re-check of an unchanged library then costs reading
and hashing its files, a small fraction of parsing them.

Whatever is in the cache folder is distrusted: an entry holds the hash of its
own text, so a truncated, corrupt or foreign file is ignored (the files are
checked as usual) and never a traceback or a wrong answer. Entries are written
to a temporary file and renamed into place, so a concurrent run reads either
the whole old entry or the whole new one. Only the most recent entries are
kept. Online checks and standard input are never cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from citeman import __version__
from citeman.atomic import replace_bytes
from citeman.config import ActiveRule

#: Entries kept; older ones are removed when a new one is written.
KEEP = 16
_SUFFIX = ".json"


class ResultCache:
    """The check results stored in one folder (created when first written)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> tuple[str, frozenset[int]] | None:
        """Return the output and severity ranks stored under ``key``, or None."""
        try:
            data = json.loads((self.directory / f"{key}{_SUFFIX}").read_bytes())
            text, ranks, digest = data["text"], data["ranks"], data["digest"]
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if not (
            isinstance(text, str)
            and isinstance(ranks, list)
            and all(type(rank) is int for rank in ranks)
            and digest == _digest(key, text, ranks)
        ):
            return None
        return text, frozenset(ranks)

    def put(self, key: str, text: str, ranks: Iterable[int]) -> None:
        """Store ``text`` and ``ranks`` under ``key``; a failure only skips it."""
        ranked = sorted(set(ranks))
        data = {"text": text, "ranks": ranked, "digest": _digest(key, text, ranked)}
        body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
        with contextlib.suppress(OSError):
            self.directory.mkdir(parents=True, exist_ok=True)
            replace_bytes(self.directory / f"{key}{_SUFFIX}", body)
            self._prune()

    def _prune(self) -> None:
        """Remove all but the ``KEEP`` most recently written entries."""
        entries = sorted(
            self.directory.glob(f"*{_SUFFIX}"),
            key=lambda path: path.stat().st_mtime_ns,
            reverse=True,
        )
        for old in entries[KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()


#: The folder of citeman's own modules, whose state is part of every key.
PACKAGE = Path(__file__).resolve().parent


def key(
    files: Sequence[tuple[str, bytes]],
    active: Sequence[ActiveRule],
    settings: Mapping[str, object],
    code: Path = PACKAGE,
) -> str:
    """Return the cache key of checking ``files`` with ``active`` rules.

    ``settings`` are everything else the printed output depends on (format,
    options, per-file ignores), each given a stable ``repr``. ``code`` is the
    folder of the modules that compute the findings.
    """
    digest = hashlib.sha256(f"citeman {__version__}\n".encode())
    digest.update(code_state(code).encode("utf-8", "surrogatepass"))
    for name, data in files:
        digest.update(f"file {name!r} {len(data)}\n".encode("utf-8", "surrogatepass"))
        digest.update(data)
    for item in active:
        options = _stable(dict(item.options))
        rule = f"rule {item.rule.code} {item.severity.value} {options}\n"
        digest.update(rule.encode("utf-8", "surrogatepass"))
    digest.update(_stable(dict(settings)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def code_state(code: Path) -> str:
    """Return the name, size and modification time of every module under ``code``.

    The version alone does not name the code: an editable install or a
    reinstall of the same version runs other rules under the same number.
    Reading the modules' metadata costs a few milliseconds, hashing their text
    would cost more and tell nothing more. A folder that cannot be listed (a
    process running as another user than the installer's) is named as such,
    and its entries are then those of the version alone.
    """
    try:
        paths = sorted(code.rglob("*.py"))
    except OSError:
        return f"code {code} unreadable\n"
    lines = []
    for path in paths:
        with contextlib.suppress(OSError):
            status = path.stat()
            name = path.relative_to(code).as_posix()
            lines.append(f"code {name} {status.st_size} {status.st_mtime_ns}\n")
    return "".join(lines)


def _stable(value: object) -> str:
    """Return a ``repr`` of ``value`` that is the same in every process.

    Sets print in an order that changes from run to run (string hashing is
    randomised), so they and mappings are written sorted.

    >>> _stable({"b": {"y", "x"}, "a": (1, None)})
    "{'a': [1, None], 'b': {'x', 'y'}}"
    """
    if isinstance(value, Mapping):
        items = sorted((repr(name), _stable(item)) for name, item in value.items())
        return "{" + ", ".join(f"{name}: {item}" for name, item in items) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ", ".join(sorted(_stable(item) for item in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_stable(item) for item in value) + "]"
    return repr(value)


def _digest(key: str, text: str, ranks: Sequence[int]) -> str:
    data = f"{key}\n{ranks!r}\n{text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
