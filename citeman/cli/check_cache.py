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

import codecs
import hashlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from citeman import (
    check_state,
    collector,
    incremental,
    parse,
    result_cache,
    splice,
    textfile,
)
from citeman.check_state import State, Tallied
from citeman.cli.inputs import STDIN
from citeman.config import ActiveRule, Config
from citeman.entry_cache import MEMOS, VERDICTS, EntryStore, memos, packed
from citeman.errors import InputError
from citeman.importer import reader
from citeman.lint import FromCache
from citeman.model import Library
from citeman.online.run import cache_directory
from citeman.problem import Problem
from citeman.rules.base import LibraryRule, Memo
from citeman.state_store import StateStore


class CachedCheck:
    """The cache entry one check run reads first and writes after linting."""

    def __init__(
        self, cache: result_cache.ResultCache, key: str, kept: KeptState | None
    ) -> None:
        self._cache = cache
        self._key = key
        self._kept = kept

    def get(self) -> tuple[str | bytes, frozenset[int]] | None:
        """Return the stored output and severity ranks, or None.

        Else, when the file's last check is kept, the output worked out
        from it and the edit (``citeman.splice``): UTF-8 bytes, written as
        they are when standard output is UTF-8.
        """
        found = self._cache.get(self._key)
        if found is not None:
            return found
        spliced = self.spliced()
        if spliced is None:
            return None
        output, ranks = spliced
        if codecs.lookup(sys.stdout.encoding or "ascii").name != "utf-8":
            return output.decode("utf-8", "surrogatepass"), ranks
        return output, ranks

    def spliced(self) -> tuple[bytes, frozenset[int]] | None:
        """Return the output worked out from the file's kept state, or None."""
        return None if self._kept is None else self._kept.spliced()

    def put(
        self,
        text: str,
        ranks: set[int],
        problems: Sequence[Problem] = (),
        entries: EntryCaches | None = None,
    ) -> None:
        """Store the output and the severity ranks found.

        With the ``problems`` printed and the ``entries`` caches that
        checked them, keep the check's state for the next edit.
        """
        self._cache.put(self._key, text, ranks)
        if self._kept is not None and entries is not None:
            kept = self._kept
            kept.keep(entries.state(problems, text, kept.codes, kept.tallied))


class KeptState:
    """The state of the last check of one file (``citeman.check_state``)."""

    def __init__(
        self, path: str, data: bytes, active: Sequence[ActiveRule], directory: Path
    ) -> None:
        self.path, self.data, self.active = path, data, active
        rules = [item.rule for item in active if isinstance(item.rule, LibraryRule)]
        self.codes = tuple(rule.code for rule in rules)
        self.tallied = [rule.tallied for rule in rules]
        config = result_cache.key([], active, {"cache": "entries"})
        where = Path(path).resolve()
        self._store = StateStore(
            directory / "states", _digest(f"{config}\n{where}\n{path}")
        )
        self._memos = memo_store(directory / "entries", config, [str(where)])

    def spliced(self) -> tuple[bytes, frozenset[int]] | None:
        """Return the output of checking the file, worked out from its state."""
        with collector.paused():
            state = self._store.load()
            if state is None or state.codes != self.codes:
                return None
            try:
                text = textfile.decode(self.path, self.data, "BibTeX text")
            except InputError:
                return None
            records = self._memos.load()
            asked: dict[str, Memo] = {}

            def memo(code: str) -> Memo:
                known = memos({code: records[code]}) if code in records else {}
                asked[code] = Memo(known.get(code, {}))
                return asked[code]

            try:
                done = splice.spliced(state, text, self.path, self.active, memo)
            except Exception:  # a damaged state is no state
                return None
            if done is None:
                return None
            if done.state is not state:
                bom = (
                    len(codecs.BOM_UTF8) if self.data.startswith(codecs.BOM_UTF8) else 0
                )
                self._store.save(done.state, self.data[bom:])
            if any(_worth_keeping(memo) for memo in asked.values()):
                records.update(
                    {code: packed(memo.used) for code, memo in asked.items()}
                )
                self._memos.save(records)
        return done.printed, done.ranks

    def keep(self, state: State | None) -> None:
        """Store ``state`` (None: the check could not be kept; drop the old one)."""
        if state is not None:
            with collector.paused():
                self._store.save(state, state.text.encode("utf-8", "surrogatepass"))
        else:
            self._store.drop()


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
    kept = None
    if _splices(contents, config, active, settings):
        ((name, data),) = contents
        kept = KeptState(name, data, active, cache_directory())
    return CachedCheck(cache, key, kept)


def _splices(
    contents: Sequence[tuple[str, bytes]],
    config: Config,
    active: Sequence[ActiveRule],
    settings: Mapping[str, object],
) -> bool:
    """Return whether a re-check of these files may be spliced (``citeman.splice``).

    One file, printed as JSON, every library rule of the two-step form and no
    per-file ignores.
    """
    return (
        len(contents) == 1
        and settings.get("format") == "json"
        and not config.per_file_ignores
        and _two_step(active)
    )


def _two_step(active: Sequence[ActiveRule]) -> bool:
    """Return whether every active library rule works from per-entry summaries."""
    return all(
        item.rule.check is None for item in active if isinstance(item.rule, LibraryRule)
    )


class EntryCaches:
    """The entry cache of each ``.bib`` file one check run parses (see ``incremental``).

    ``load`` stands in for ``parse.load``: it parses only the entries the
    cache does not know. After linting with ``from_cache()``, ``save`` stores
    what the run found in them.
    """

    def __init__(self, active: Sequence[ActiveRule], *, wanted: bool) -> None:
        self.wanted = wanted and _two_step(active)
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
        paths = [str(Path(prepared.library.path).resolve())
                 for _, _, prepared in self._files]  # fmt: skip
        return memo_store(self._directory, self._config, paths)

    def state(
        self,
        problems: Sequence[Problem],
        printed: str,
        codes: tuple[str, ...],
        tallied: Sequence[Tallied | None],
    ) -> State | None:
        """Return the state of this run's check of one file, or None."""
        if self._cache is None or len(self._files) != 1:
            return None
        _, _, prepared = self._files[0]
        fresh = self._cache.fresh.get(prepared.library.path, {})
        return check_state.built(prepared, fresh, problems, printed, codes, tallied)

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


def _worth_keeping(memo: Memo) -> bool:
    """Return whether a memo worked out enough anew to be stored again.

    A few new results (the titles edited) are cheap to work out again; storing
    the whole memo is not.
    """
    new = sum(1 for key in memo.used if key not in memo.known)
    return new > max(64, len(memo.used) // 64)


def memo_store(directory: Path, config: str, paths: Sequence[str]) -> EntryStore:
    """Return the store of the library rules' memos for the files at ``paths``."""
    where = "\n".join([config, *sorted(paths)])
    return EntryStore(directory, _digest(where), MEMOS)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
