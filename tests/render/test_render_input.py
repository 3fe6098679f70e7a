"""``render`` reads a large file window by window: the whole file's parse, counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import parse
from citeman.cli import render_input
from citeman.model import Library
from citeman.segments import segments
from tests.conftest import DATA, REAL_FILES, run

HOSTILE = [DATA / "perf" / "chunk-edges.bib", DATA / "perf" / "billion-laughs.bib"]


def _windowed(path: Path) -> tuple[Library, list[tuple[str, int | None]], int]:
    """Return the library read by windows, the stages told, and the blocks counted."""
    stages: list[tuple[str, int | None]] = []
    counted: list[int] = []
    library = render_input.load(
        path, 10**9, lambda label, total: stages.append((label, total)), counted.append
    )
    return library, stages, sum(counted)


@pytest.mark.parametrize("path", REAL_FILES + HOSTILE, ids=lambda path: path.name)
@pytest.mark.parametrize("size", ["1", "7"])
def test_a_file_read_by_windows_is_the_whole_files_parse(
    path: Path, size: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows of one block and of seven: macros defined windows before their
    # use, blocks left open at a window's end, suppression comments above a
    # window's first entry, cut expansions (chunk-edges, billion-laughs).
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", size)
    library, stages, blocks = _windowed(path)
    assert library == parse.load(path)
    parts = len(segments(path.read_text(encoding="utf-8")))
    if parts > int(size):
        assert stages == [(f"parsing {path}", parts)]
        assert blocks == parts
    else:
        assert stages == [(f"parsing {path}", None)]


def test_a_small_file_is_parsed_whole_without_a_count(tmp_path: Path) -> None:
    path = tmp_path / "small.bib"
    path.write_text("@misc{a, title = {A}}\n@misc{b, title = {B}}\n", encoding="utf-8")
    library, stages, blocks = _windowed(path)
    assert [entry.key for entry in library.entries] == ["a", "b"]
    assert (stages, blocks) == ([(f"parsing {path}", None)], 0)


def test_render_by_windows_prints_what_a_whole_parse_prints(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = DATA / "perf" / "chunk-edges.bib"
    whole = run("render", "--format", "json", str(path))
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", "2")
    assert run("render", "--format", "json", str(path)) == whole
    assert whole[0] == 0 and "that block is left out" in whole[2]
