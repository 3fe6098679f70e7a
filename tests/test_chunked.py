"""A file checked by chunks on worker processes prints what one process prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import chunked, parse
from citeman.config import ActiveRule, Config
from citeman.segments import segments
from tests.conftest import DATA, REAL_FILES, run

EDGES = DATA / "perf" / "chunk-edges.bib"


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
    # Three chunks per file, whatever its size (a chunk re-reads the @string
    # definitions above it, so many small chunks would only cost time).
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
