"""A file checked by chunks on worker processes prints what one process prints."""

from __future__ import annotations

import dataclasses
import pickle
import pickletools
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

import pytest

from citeman import chunked, lint, parse
from citeman.config import ActiveRule, Config
from citeman.incremental import Prepared
from citeman.latex import decode
from citeman.macros import Expander
from citeman.model import Entry, Library, ParseFailure, Span
from citeman.problem import Finding, Fix, Problem, Severity
from citeman.rules.missing_field import Fields
from citeman.segments import parse_window as segment_window
from citeman.segments import segments
from citeman.title_census import TitleWords
from tests.conftest import DATA, REAL_FILES, run

EDGES = DATA / "perf" / "chunk-edges.bib"
REAL = REAL_FILES[0].parent


def _check(path: Path, monkeypatch: pytest.MonkeyPatch, chunk: str | None) -> str:
    """Return ``check --format json`` of ``path``, by chunks of ``chunk`` segments."""
    with monkeypatch.context() as env:
        env.setenv("CITEMAN_WORKERS", "2")
        if chunk is None:
            env.setenv("CITEMAN_WORKERS", "1")  # one process
        else:
            env.setenv("CITEMAN_CHUNK_SIZE", chunk)
        code, out, err = run("check", "--no-config", "--no-cache", "--format", "json",
                             "--show-fixes", str(path))  # fmt: skip
    assert code in (0, 1), err
    return out


def _active() -> list[ActiveRule]:
    return list(Config().active_rules(online=False))


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_files_checked_by_chunks_print_what_one_process_prints(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three chunks per file, whatever its size (each chunk is a task sent to
    # a worker: many small chunks would only cost time).
    parts = len(segments(path.read_text(encoding="utf-8")))
    chunk = str(max(1, parts // 3))
    assert _check(path, monkeypatch, chunk) == _check(path, monkeypatch, None)


@pytest.mark.parametrize(
    ("name", "chunk"),
    [("chunk-edges.bib", "1"), ("chunk-edges.bib", "2"), ("chunk-edges.bib", "5"),
     ("billion-laughs.bib", "3")],
)  # fmt: skip
def test_hostile_files_checked_by_chunks_print_what_one_process_prints(
    name: str, chunk: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chunk-edges: macros defined and redefined chunks before their use, a
    # suppression comment above a chunk's first entry, a block left open at a
    # chunk's end, duplicates across chunks, blocks mid-line, a cut expansion.
    # billion-laughs: forty doublings, each cut at the per-value limit.
    path = DATA / "perf" / name
    alone = _check(path, monkeypatch, None)
    assert '"CM009"' in alone
    assert _check(path, monkeypatch, chunk) == alone


def test_the_chunked_path_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    text = parse.read(EDGES)
    found = chunked.check_file(text, str(EDGES), _active())
    assert found is not None
    library, known = found
    # The main process holds no parsed entries but the suppressed ones (checked
    # again there); the others come back as known entries with their findings.
    entries = parse.loads(text).entries
    assert [entry.key for entry in library.entries] == ["suppressed", "unused"]
    assert [item.head.key for item in known] == [
        entry.key for entry in entries if not entry.suppressed
    ]
    assert [failure.line for failure in library.failures] == [20, 61]


def test_small_files_one_cpu_and_exhausted_budgets_stay_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = parse.read(EDGES)
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    assert chunked.check_file(text, "x.bib", _active()) is None  # < 2 chunks
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    monkeypatch.setenv("CITEMAN_WORKERS", "1")
    assert chunked.check_file(text, "x.bib", _active()) is None
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    # 120 values cut at 100,000 characters each reach the file-wide budget of
    # 10M characters, after which every expansion depends on all before it.
    doubling = "".join(f"@string{{a{n} = a{n - 1} # a{n - 1}}}\n" for n in range(1, 15))
    many = "".join(f"@misc{{k{n}, note = a14 # a14}}\n" for n in range(120))
    budget = '@string{a0 = "xxxxxxxxxx"}\n' + doubling + many
    library = parse.loads(budget)
    assert any("one expansion too many" in cut.reason for cut in library.overflows)
    assert chunked.check_file(budget, "budget.bib", _active()) is None


def _pieces(text: str, size: int) -> list[object]:
    """Parse ``text`` by chunks of ``size`` segments, each from its own piece.

    As a worker does: the piece runs from :func:`parse.context_start` of the
    chunk to the end of its window, and the offsets come back the file's.
    """
    parts = segments(text)
    entries: list[Entry] = []
    failures: list[ParseFailure] = []
    expander = Expander(len(text))
    for first in range(0, len(parts), size):
        last = min(first + size, len(parts)) - 1
        start, window = segment_window(text, parts, first, last)
        base = parse.context_start(text, start) if first else 0
        line = text.count("\n", 0, start) + 1
        stop = parts[last].end - base if last + 1 < len(parts) else None
        piece = text[base : start + len(window)]
        found, failed = parse.parse_window(piece, "f.bib", start - base, window,
                                           expander, line=line, stop=stop,
                                           base=base)  # fmt: skip
        entries += found
        failures += failed
    return [entries, failures, expander.strings, expander.overflows]


@pytest.mark.parametrize("path", [*REAL_FILES, EDGES], ids=lambda path: path.name)
def test_a_chunk_parsed_from_its_own_piece_of_the_text_reads_as_in_the_whole(
    path: Path,
) -> None:
    text = path.read_text(encoding="utf-8")
    library = parse.loads(text, "f.bib")
    whole = [list(library.entries), list(library.failures), library.strings,
             list(library.overflows)]  # fmt: skip
    assert _pieces(text, 1) == whole
    assert _pieces(text, 7) == whole


def test_the_piece_holds_the_comment_lines_above_a_chunk() -> None:
    text = "@misc{a,}\n% one\n  % citeman: ignore[CM105]\n@misc{b,}\n"
    at = text.index("@misc{b")
    assert parse.context_start(text, at) == 0  # up to the line ending the comments
    assert parse.context_start(text, text.index("% one")) == 0
    assert parse.context_start("x\n@misc{b,}", 2) == 0
    assert parse.context_start("x\ny\n@misc{b,}", 4) == 2
    assert parse.context_start("@misc{b,}", 0) == 0


def test_a_large_file_gets_its_workers_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Forked later, each worker would be charged for the whole text it inherits.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    loader = chunked.Loader(_active())
    small = tmp_path / "small.bib"
    small.write_text("@misc{a,}\n", encoding="utf-8")
    with loader._early(small) as pool:
        assert pool is None
    with loader._early(EDGES) as pool:
        assert pool is not None
        assert chunked._setting is not None
        assert chunked._setting[0] == str(EDGES)
    assert chunked._setting is None
    library = loader(EDGES, 10**7)
    assert [entry.key for entry in library.entries] == ["suppressed", "unused"]


@pytest.mark.parametrize(
    ("total", "size"), [(50_000, 2000), (13, 1), (10, 2), (9000, 2000)]
)
def test_the_chunks_cover_the_file_and_shrink_towards_its_end(
    total: int, size: int
) -> None:
    # Smaller last chunks: no worker is left alone with a whole chunk at the end.
    plan = chunked._plan(total, size, 2)
    assert [first for first, _ in plan] == [0] + [last + 1 for _, last in plan[:-1]]
    assert plan[-1][1] == total - 1
    sizes = [last - first + 1 for first, last in plan]
    assert max(sizes) == size
    assert sizes[-1] <= max(1, size // 4)
    assert sizes == sorted(sizes, reverse=True)


def test_a_worker_empties_the_large_memo_caches_after_a_chunk() -> None:
    # Sized for a whole library in one process, they would only grow in a worker.
    decode.cache_clear()
    for number in range(chunked._KEPT + 1):
        decode(f"\\emph{{{number}}}")
    chunked._trim_caches()
    assert decode.cache_info().currsize == 0
    decode("\\emph{kept}")
    chunked._trim_caches()
    assert decode.cache_info().currsize == 1  # a small cache stays filled


def test_a_large_files_set_aside_rules_are_aggregated_apart_as_lint_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Their summaries go to the aggregator (the main process holds none of
    # them), which aggregates them while lint aggregates the other rules.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "20")
    path = REAL / "archaeologie-ancient.bib"
    active = _active()
    alone = lint.lint([parse.load(path)], active)
    with chunked.Loader(active, aside=True) as loader:
        library = loader(path, 10**7)
        cache = loader.from_cache([library])
        assert cache is not None
        assert sorted(cache.aggregated) == sorted(chunked.ASIDE)
        positions = [position for position, _ in chunked._aside(active)]
        known = cache.known[library.path]
        assert len(known) == len(parse.load(path).entries)
        assert all(item.summaries[at] is None for item in known for at in positions)
        assert lint.lint([library], active, cache=cache) == alone
        assert loader._aggregator is None  # let go once its findings were in


def test_fixes_made_here_are_judged_while_the_aggregator_works(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # bbt-jabref mixes LaTeX and Unicode letters: mixed-encoding (aggregated
    # in the main process) offers 54 fixes that may need their entry parsed.
    # Their verdicts are in before the first aggregated rule is awaited.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "20")
    path = REAL / "bbt-jabref.bib"
    active = _active()
    alone = lint.lint([parse.load(path)], active)
    with chunked.Loader(active, aside=True) as loader:
        library = loader(path, 10**7)
        cache = loader.from_cache([library])
        assert cache is not None and cache.aggregated
        judged: list[int] = []

        def awaited(code: str) -> Sequence[Finding]:
            judged.append(len(cache.verdicts))
            return cache.aggregated[code]()

        parsed: list[str] = []

        def entry(known: lint.Known) -> Entry:
            parsed.append(known.ident)
            return cache.entry(known)

        watched = dataclasses.replace(
            cache,
            entry=entry,
            aggregated={code: partial(awaited, code) for code in cache.aggregated},
        )
        assert lint.lint([library], active, cache=watched) == alone
    assert judged[0] >= 54 and len(judged) == len(chunked.ASIDE)
    assert len(parsed) == len(set(parsed)) == 7  # the others need no parse


def test_a_known_entry_is_parsed_once_for_all_the_fixes_that_need_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Most entries write the letter as a LaTeX accent: mixed-encoding offers
    # to rewrite both "ä" of the last entry, and each fix needs the entry
    # parsed again to be vetted.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    path = tmp_path / "mixed.bib"
    path.write_text(
        '@article{a, author = {M{\\"a}ki, Anna}, title = {On {\\"a}}, year = {2001}}\n'
        '@article{b, author = {K{\\"a}rk{\\"a}, Bo}, title = {Two}, year = {2002}}\n'
        "@article{c, author = {Smith, Cy}, title = {Three}, year = {2003}}\n"
        "@article{d, author = {Sipilä, Päivi}, title = {Four}, year = {2004}}\n",
        encoding="utf-8",
    )
    active = _active()
    alone = lint.lint([parse.load(path)], active)
    assert sum(problem.code == "CM205" for problem in alone) == 2
    with chunked.Loader(active, aside=True) as loader:
        library = loader(path, 10**7)
        cache = loader.from_cache([library])
        assert cache is not None
        parsed: list[str] = []

        def entry(known: lint.Known) -> Entry:
            parsed.append(known.head.key)
            return cache.entry(known)

        watched = dataclasses.replace(cache, entry=entry)
        assert lint.lint([library], active, cache=watched) == alone
    assert parsed == ["d"]


def test_set_aside_summaries_come_back_when_the_rules_aggregate_in_lint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two files (a rule compares entries across them), or a file with a
    # suppression comment (its entry is checked in the main process).
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "20")
    paths = [REAL / "archaeologie-ancient.bib", REAL / "biblatex-examples.bib"]
    active = _active()
    alone = lint.lint([parse.load(path) for path in paths], active)
    with chunked.Loader(active, aside=True) as loader:
        libraries = [loader(path, 10**7) for path in paths]
        cache = loader.from_cache(libraries)
        assert cache is not None and not cache.aggregated
        assert len(cache.known) == 2
        assert lint.lint(libraries, active, cache=cache) == alone
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    with chunked.Loader(active, aside=True) as loader:
        library = loader(EDGES, 10**7)
        assert library.entries  # the suppressed ones
        cache = loader.from_cache([library])
        assert cache is not None and not cache.aggregated
        assert lint.lint([library], active, cache=cache) == lint.lint(
            [parse.load(EDGES)], active
        )


def test_results_sent_between_processes_come_back_whole() -> None:
    # Pickled by their fields (faster than a slotted dataclass's own way),
    # including what equality leaves out (whether a fix was vetted).
    fix = Fix("title", 12, "a", "b", safe=True, fields=(("title", "b"),), vetted=True)
    span = Span(1, 2, 3, 4)
    finding = Finding(span, "message", "key", "title", fix, "x.bib", Severity.INFO)
    problem = Problem("x.bib", span, "key", "title", "CM202", "title-case",
                      Severity.WARNING, "message", fix)  # fmt: skip
    for value in (fix, span, finding, problem):
        again = pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)
    assert pickle.loads(pickle.dumps(fix)).vetted
    sent = pickle.loads(pickle.dumps(problem))
    assert sent.fix is not None and sent.fix.vetted


def test_the_slotted_summaries_a_worker_sends_are_pickled_by_their_fields() -> None:
    # One per title (CM202's census) and one per entry (CM102): pickled as a
    # call of their class with their fields, with no state to set after
    # (a slotted dataclass's own way looks up its fields for each object).
    words = TitleWords(True, False, ("dna",), ("of", "the"))
    fields = Fields(frozenset({"title", "year"}), ("x",), (), exempt=True)
    for value in (words, fields):
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        assert pickle.loads(data) == value
        assert "BUILD" not in {op.name for op, _, _ in pickletools.genops(data)}


def _memo_sizes() -> dict[str, int]:
    """In the aggregator: how many results each rule's memo came with."""
    return {code: len(memo.known) for code, memo in chunked._memos.items()}


def test_after_a_rewrite_the_aggregator_aggregates_the_file_as_it_now_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # fix rewrites a file and checks it again: the aggregator, kept with its
    # memos, is sent the entries' new heads and the changed entries' new
    # summaries in the new order, and aggregates as lint would over them.
    # Here the "rewrite" drops the first entry and changes the second (sent
    # with its own summaries), every other entry moved by a line.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "20")
    path = REAL / "bbt-jabref.bib"  # CM202 recalls 13 titles from its memo
    active = _active()
    with chunked.Loader(active) as loader:  # every summary kept here
        whole = loader(path, 10**7)
        full = loader.from_cache([whole])
    assert full is not None
    every = [_moved_down(item) for item in full.known[whole.path]]
    with chunked.Loader(active, aside=True, rewriting=True) as loader:
        library = loader(path, 10**7)
        first = loader.from_cache([library])
        assert first is not None and sorted(first.aggregated) == sorted(chunked.ASIDE)
        lint.lint([library], active, cache=first)
        assert loader._aggregator is not None  # kept for the check after writing
        held = first.known[library.path]
        known = [every[1], *(_moved_down(item) for item in held[2:])]
        layout: list[int | None] = [None, *range(2, len(held))]
        aggregated = loader.aggregated_again(
            [library], {library.path: known}, {library.path: layout}
        )
        assert sorted(aggregated) == sorted(chunked.ASIDE)
        memos = loader._aggregator.submit(_memo_sizes).result()
        apart = lint.lint([library], active, cache=_cache(library, known, aggregated))
        assert loader._aggregator is None  # let go once its findings were in
    here = lint.lint([library], active, cache=_cache(library, every[1:], {}))
    assert apart == here
    assert memos["CM202"] == 13  # the first aggregate step's results, to reuse


def test_after_a_rewrite_the_summaries_come_back_for_lint_to_aggregate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Checked again with another file (a rule compares entries across them),
    # the rewritten file's set-aside summaries come back in its new order.
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "20")
    path = REAL / "archaeologie-ancient.bib"
    active = _active()
    with chunked.Loader(active) as loader:
        whole = loader(path, 10**7)
        full = loader.from_cache([whole])
    assert full is not None
    every = full.known[whole.path]
    other = parse.load(REAL / "xampl.bib")
    with chunked.Loader(active, aside=True, rewriting=True) as loader:
        library = loader(path, 10**7)
        first = loader.from_cache([library])
        assert first is not None and first.aggregated
        lint.lint([library], active, cache=first)
        held = first.known[library.path]
        known = [held[3], held[2], every[1]]
        layout: list[int | None] = [3, 2, None]
        aggregated = loader.aggregated_again(
            [library, other], {library.path: known}, {library.path: layout}
        )
        assert aggregated == {}
        assert loader._aggregator is None
    expected = (every[3], every[2], every[1])
    assert [item.head for item in known] == [item.head for item in expected]
    for item, wanted in zip(known, expected, strict=True):
        for summary, same in zip(item.summaries, wanted.summaries, strict=True):
            assert pickle.dumps(summary) == pickle.dumps(same), (summary, same)


def _moved_down(item: lint.Known) -> lint.Known:
    """Return the known entry ``item`` one line further down (as a fix moves it)."""
    where = item.head
    return item._replace(head=where._replace(line=where.line + 1))


def _cache(
    library: Library,
    known: list[lint.Known],
    aggregated: Mapping[str, Callable[[], Sequence[Finding]]],
) -> lint.FromCache:
    """Return what lint is handed for ``library``, its ``known`` entries checked."""
    prepared = Prepared(library, known, [], {}, {}, {})
    return lint.FromCache(
        {library.path: known}, {library.path: library.source}, prepared.entry,
        aggregated=aggregated,
    )  # fmt: skip
