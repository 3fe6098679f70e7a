"""A kept state's core and blob: damage is no state, concurrent writers share a blob.

The state of a check is a core file and a blob appended to by each spliced
re-check (``citeman.state_store``, ``citeman.state_blob``). Each test checks
a file, edits it, and compares what the splice answers (or the fallback)
with a full check.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from citeman import check_state, state_store
from tests.test_entry_cache import _cache, _full
from tests.test_splice import ARTICLES, _check, _same_as_full, _spliced, _states


def _blobs() -> list[Path]:
    return sorted((_cache() / "states").glob("*.blob"))


def _edited(*pairs: tuple[str, str]) -> str:
    text = ARTICLES
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    return text


FIRST = ("Spin relaxation", "Spin Relaxation")
SECOND = ("Fast muonium", "Fast Muonium")


def _write(workdir: Path, text: str) -> None:
    (workdir / "a.bib").write_text(text, encoding="utf-8")


def _checked_then_edited(workdir: Path) -> tuple[Path, int]:
    """Check the articles, then one edit of them; the blob and its first size."""
    _write(workdir, ARTICLES)
    _check("a.bib")
    (blob,) = _blobs()
    size = blob.stat().st_size
    _write(workdir, _edited(FIRST))
    _same_as_full("a.bib")
    return blob, size


def test_an_edit_appends_to_the_blob_and_the_text_is_kept_as_pieces(
    workdir: Path,
) -> None:
    blob, size = _checked_then_edited(workdir)
    assert _blobs() == [blob]  # appended to, not written anew
    assert size < blob.stat().st_size < 2 * size
    _write(workdir, _edited(FIRST, SECOND))
    _same_as_full("a.bib")
    _write(workdir, ARTICLES)
    _same_as_full("a.bib")
    assert _blobs() == [blob]


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data, size: _flip(data, size // 2),  # in the first region
        lambda data, size: _flip(data, len(data) - 3),  # in the appended one
        lambda data, size: data[:-5],  # the appended region cut short
        lambda data, size: data[:size],  # the appended region gone
        lambda data, size: b"",
    ],
    ids=["first-region", "appended-region", "truncated", "appendix-gone", "empty"],
)
def test_a_damaged_blob_is_ignored(
    workdir: Path, damage: Callable[[bytes, int], bytes]
) -> None:
    blob, size = _checked_then_edited(workdir)
    blob.write_bytes(damage(blob.read_bytes(), size))
    _write(workdir, _edited(FIRST, SECOND))
    assert _spliced("a.bib") is None
    assert _check("a.bib") == _full("a.bib")
    _same_as_full("a.bib")  # the full check kept a new state


def test_a_missing_blob_is_no_state(workdir: Path) -> None:
    _write(workdir, ARTICLES)
    _check("a.bib")
    (blob,) = _blobs()
    blob.unlink()
    _write(workdir, _edited(FIRST))
    assert _spliced("a.bib") is None
    assert _check("a.bib") == _full("a.bib")


def test_runs_appending_to_one_blob_at_once_keep_whole_states(workdir: Path) -> None:
    """Two runs spliced from one state both append; whichever core stays is whole."""
    _write(workdir, ARTICLES)
    _check("a.bib")
    (core,) = _states()
    first = core.read_bytes()
    _write(workdir, _edited(FIRST))
    _same_as_full("a.bib")  # run one appends and writes its core ...
    core.write_bytes(first)  # ... run two had read the first core
    (blob,) = _blobs()
    with blob.open("ab") as file:  # and a third run's appendix, half written
        file.write(b"\x80garbage" * 100)
    _write(workdir, _edited(SECOND))
    _same_as_full("a.bib")  # run two appends after both and writes its core
    assert _blobs() == [blob]
    for text in (_edited(SECOND), _edited(FIRST, SECOND), ARTICLES):
        _write(workdir, text)
        _same_as_full("a.bib")


def test_a_blob_in_too_many_regions_is_written_anew(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_store, "_REGIONS", 2)
    _write(workdir, ARTICLES)
    _check("a.bib")
    (blob,) = _blobs()
    for text in (_edited(FIRST), _edited(FIRST, SECOND)):  # appended, then anew
        _write(workdir, text)
        _same_as_full("a.bib")
    (core,) = _states()
    header = state_store._header(core.read_bytes())
    assert header is not None
    assert header[2] not in blob.name  # the state moved to a new blob
    assert len(_blobs()) == 2  # the old one stays a while for runs reading it
    _write(workdir, _edited(FIRST))
    _same_as_full("a.bib")


def test_the_text_is_cut_into_pieces_exactly() -> None:
    rnd = random.Random(5)
    for _ in range(200):
        lengths = [rnd.randrange(0, 9) for _ in range(rnd.randrange(0, 6))]
        pieces = [(index, rnd.randrange(4), length)
                  for index, length in enumerate(lengths)]  # fmt: skip
        flat = [(region, at + k) for region, at, length in pieces
                for k in range(length)]  # fmt: skip
        start = rnd.randrange(len(flat) + 1)
        end = rnd.randrange(start, len(flat) + 1)
        found = state_store._cut(pieces, start, end)
        assert [(region, at + k) for region, at, length in found
                for k in range(length)] == flat[start:end]  # fmt: skip
        assert all(length > 0 for _, _, length in found)


def test_a_forged_core_is_refused(tmp_path: Path) -> None:
    store = state_store.StateStore(tmp_path, "x")
    state = check_state.State("t", [(0, -1, 1, "")], [], (), [], [], [], [], [], [], 0,
                              "a.bib")  # fmt: skip
    store.save(state, b"t")
    loaded = store.load()
    assert loaded is not None and loaded.text == "t"
    for forged in (
        state._replace(rows=[object()]),  # type: ignore[list-item]
        state._replace(rows=[(0, 1)], chunks=[b"x"], flats=[None]),  # type: ignore[list-item]
        state._replace(path=3),  # type: ignore[arg-type]
    ):
        store.save(forged, b"t")
        assert store.load() is None
    core = store.path.read_bytes()
    for bad in (core[:-1], _flip(core, len(core) - 2), b"citeman state 2\n"):
        store.path.write_bytes(bad)
        assert store.load() is None
