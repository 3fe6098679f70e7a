"""A file checked by chunks on worker processes is fixed as in one process.

``fix`` reads a large file as ``check`` does (``citeman.chunked``): the main
process then holds the findings of most entries but not the entries, and
parses only those its fixes lie in. Every output (the diff, the messages, the
exit code, the written file) must be what one process gives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from citeman import chunked, fix
from citeman.chunked import Loader
from citeman.lint import Fresh, Known
from citeman.model import Library
from citeman.problem import Finding
from citeman.segments import segments
from tests.conftest import DATA, REAL_FILES, run

#: Each run of fix compared: its arguments (the file's name is added). The
#: diff is built from the same outcome as the written file, so one file's is
#: compared (with the hostile file's).
WRITE = ("fix", "--no-config", "--unsafe-fixes", "--show-fixes")
DIFF = ("fix", "--no-config", "--diff", "--show-fixes")
CHECK = ("fix", "--no-config", "--check", "--unsafe-fixes")


def _fixed(
    path: Path,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk: str | None,
    runs: tuple[tuple[str, ...], ...] = (WRITE,),
) -> list[tuple[int, str, str, bytes]]:
    """Return each run's exit code, stdout, stderr and the file it left.

    The runs work on a copy of ``path`` in ``folder`` (the current directory,
    so that the diff names the same file); ``chunk`` segments per chunk, or
    None for one process.
    """
    folder.mkdir()
    copy = folder / path.name
    results = []
    with monkeypatch.context() as env:
        env.chdir(folder)
        env.setenv("CITEMAN_WORKERS", "1" if chunk is None else "2")
        if chunk is not None:
            env.setenv("CITEMAN_CHUNK_SIZE", chunk)
        for arguments in runs:
            copy.write_bytes(path.read_bytes())
            code, out, err = run(*arguments, copy.name)
            results.append((code, out, err, copy.read_bytes()))
    return results


def _chunk(path: Path) -> str:
    """Return a chunk size that cuts ``path`` into three chunks."""
    return str(max(1, len(segments(path.read_text(encoding="utf-8"))) // 3))


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_real_files_fixed_after_a_check_by_chunks_as_in_one_process(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = (WRITE, DIFF, CHECK) if path.name == "bbt-zotero.bib" else (WRITE, CHECK)
    alone = _fixed(path, tmp_path / "one", monkeypatch, None, runs)
    assert all(out for _, out, _, _ in alone)
    chunked = _fixed(path, tmp_path / "chunks", monkeypatch, _chunk(path), runs)
    assert chunked == alone


def test_hostile_file_fixed_by_chunks_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Macros defined chunks before their use, a suppressed entry first in a
    # chunk, a block left open at a chunk's end, duplicates across chunks.
    path = DATA / "perf" / "chunk-edges.bib"
    runs = (WRITE, DIFF, CHECK)
    alone = _fixed(path, tmp_path / "one", monkeypatch, None, runs)
    assert _fixed(path, tmp_path / "chunks", monkeypatch, "2", runs) == alone


def test_a_file_rewritten_after_aggregating_apart_is_fixed_as_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small chunks: the file is large enough for the aggregator, which
    # aggregates some library rules in the first check and, kept with its
    # memos, again in the check after writing (sent the rewritten file's
    # order and the changed entries' summaries).
    path = REAL_FILES[0].parent / "bbt-jabref.bib"
    alone = _fixed(path, tmp_path / "one", monkeypatch, None)
    again: list[tuple[list[str], int]] = []
    aggregated_again = Loader.aggregated_again

    def watched(
        loader: Loader,
        libraries: Sequence[Library],
        known: Mapping[str, list[Known]],
        layouts: Mapping[str, Sequence[int | None]],
    ) -> Mapping[str, Callable[[], Sequence[Finding]]]:
        found = aggregated_again(loader, libraries, known, layouts)
        again.append((sorted(found), len(layouts)))
        return found

    monkeypatch.setattr(Loader, "aggregated_again", watched)
    # Half the entries a round fixed are checked again there meanwhile.
    sent: list[int] = []
    apart = Loader.apart

    def counted(loader: Loader) -> fix.Apart | None:
        start = apart(loader)
        if start is None:
            return None

        def counting(library: Library) -> Callable[[], dict[int, Fresh]]:
            sent.append(len(library.entries))
            return start(library)

        return counting

    monkeypatch.setattr(Loader, "apart", counted)
    monkeypatch.setattr(fix, "APART_LEAST", 2)
    assert _fixed(path, tmp_path / "chunks", monkeypatch, "20") == alone
    assert alone[0][3] != path.read_bytes()  # fixes were written
    assert again == [(sorted(chunked.ASIDE), 1)]
    assert sent and sent[0] >= 10
