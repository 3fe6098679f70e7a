"""When and how ``check`` uses the result cache (``citeman.result_cache``).

Only an offline check of readable ``.bib`` files is cached: standard input,
formatted lists and online lookups (whose answers change) always run in full,
and so does ``--no-cache``. A file that cannot be read is left to the normal
path, which names it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from citeman import result_cache, textfile
from citeman.cli.inputs import STDIN
from citeman.config import ActiveRule, Config
from citeman.errors import InputError
from citeman.importer import reader
from citeman.online.run import cache_directory


class CachedCheck:
    """The cache entry one check run reads first and writes after linting."""

    def __init__(self, cache: result_cache.ResultCache, key: str) -> None:
        self._cache = cache
        self._key = key

    def get(self) -> tuple[str, frozenset[int]] | None:
        """Return the stored output and severity ranks, or None."""
        return self._cache.get(self._key)

    def put(self, text: str, ranks: set[int]) -> None:
        """Store the output and the severity ranks found."""
        self._cache.put(self._key, text, ranks)


def open_entry(
    files: Sequence[Path],
    config: Config,
    active: Sequence[ActiveRule],
    settings: Mapping[str, object],
    *,
    wanted: bool,
) -> CachedCheck | None:
    """Return the cache entry of this run, or None when it may not be cached."""
    if not wanted or not files:
        return None
    if any(str(path) == STDIN or reader.is_document(path) for path in files):
        return None
    contents = []
    for path in files:
        try:
            data = textfile.read_bytes(path, "a .bib file", config.max_file_bytes)
        except InputError:
            return None
        contents.append((str(path), data))
    ignores = sorted(config.per_file_ignores.items())
    everything = {**settings, "per-file-ignores": ignores, "base": str(config.base)}
    key = result_cache.key(contents, active, everything)
    cache = result_cache.ResultCache(cache_directory() / "results")
    return CachedCheck(cache, key)
