"""When and how ``check`` uses its caches: whole results, then entry by entry.

The result cache (``citeman.result_cache``) replays the output of a check of
unchanged files. When it misses, the entry cache (``citeman.entry_cache``,
through ``citeman.incremental``) lets each ``.bib`` file be parsed and checked
only where its entries changed. Only an offline check of readable ``.bib``
files is cached: standard input, formatted lists and online lookups (whose
answers change) always run in full, and so does ``--no-cache``. A file that
cannot be read is left to the normal path, which names it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from citeman import collector, incremental, parse, result_cache, textfile
from citeman.cli.inputs import STDIN
from citeman.config import ActiveRule, Config
from citeman.entry_cache import MEMOS, VERDICTS, EntryStore, memos, packed
from citeman.errors import InputError
from citeman.importer import reader
from citeman.lint import FromCache
from citeman.model import Library
from citeman.online.run import cache_directory
from citeman.rules.base import LibraryRule, Memo


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


class EntryCaches:
    """The entry cache of each ``.bib`` file one check run parses (see ``incremental``).

    ``load`` stands in for ``parse.load``: it parses only the entries the
    cache does not know. After linting with ``from_cache()``, ``save`` stores
    what the run found in them.
    """

    def __init__(self, active: Sequence[ActiveRule], *, wanted: bool) -> None:
        two_step = all(
            item.rule.check is None
            for item in active
            if isinstance(item.rule, LibraryRule)
        )
        self.wanted = wanted and two_step
        self._codes = [
            item.rule.code for item in active if isinstance(item.rule, LibraryRule)
        ]
        self._config = result_cache.key([], active, {"cache": "entries"})
        self._directory = cache_directory() / "entries"
        #: Each file's store, what was read from it, and the file as prepared.
        self._files: list[
            tuple[EntryStore, dict[str, bytes], incremental.Prepared]
        ] = []
        self._cache: FromCache | None = None

    def load(self, path: str | Path, limit: int) -> Library:
        """Read and parse the file at ``path``, its cached entries known."""
        if not self.wanted:
            return parse.load(path, limit)
        name = str(path)
        data = textfile.read_bytes(path, "a .bib file", limit)
        text = textfile.decode(name, data, "BibTeX text")
        del data
        where = f"{self._config}\n{Path(path).resolve()}"
        store = EntryStore(self._directory, _digest(where))
        with collector.paused():  # reading records makes many objects, no cycles
            records = store.load()
            prepared = incremental.prepare(name, text, records, self._config)
        if prepared is None:
            return parse.loads(text, name)
        self._files.append((store, records, prepared))
        return prepared.library

    def known(self) -> int:
        """Return how many entries of the files loaded come from the cache."""
        return sum(len(prepared.known) for _, _, prepared in self._files)

    def from_cache(self) -> FromCache | None:
        """Return the known entries of the files loaded, for ``lint``."""
        if not self._files:
            return None
        files = {prepared.library.path: prepared for _, _, prepared in self._files}
        known = memos(self._memo_store().load())
        self._cache = FromCache(
            {path: prepared.known for path, prepared in files.items()},
            {path: prepared.library.source for path, prepared in files.items()},
            lambda item: files[item.head.path].entry(item),
            memos={code: Memo(known.get(code, {})) for code in self._codes},
        )
        for prepared in files.values():
            self._cache.verdicts.update(prepared.verdicts)
        return self._cache

    def _memo_store(self) -> EntryStore:
        """Return the store of the library rules' memos for this run's files."""
        paths = sorted(str(Path(prepared.library.path).resolve())
                       for _, _, prepared in self._files)  # fmt: skip
        where = "\n".join([self._config, *paths])
        return EntryStore(self._directory, _digest(where), MEMOS)

    def save(self) -> None:
        """Store each file's records, unless they are the ones read."""
        if self._cache is None:
            return
        with collector.paused():
            self._save()

    def _save(self) -> None:
        assert self._cache is not None
        for store, read, prepared in self._files:
            fresh = self._cache.fresh.get(prepared.library.path, {})
            records = incremental.records(prepared, fresh, self._cache.verdicts)
            same = records.keys() == read.keys()
            if not same or records[VERDICTS] != read.get(VERDICTS):
                store.save(records)
        self._save_memos()

    def _save_memos(self) -> None:
        """Store what the memos were asked this run, unless it is what was read."""
        assert self._cache is not None
        kept = self._cache.memos
        if any(memo.used != memo.known for memo in kept.values()):
            self._memo_store().save(
                {code: packed(memo.used) for code, memo in kept.items()}
            )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
