"""A rewrite verified and read from the segments it changed, as from whole parses."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from citeman import fix, lint, parse, rewrite, rewrite_parts
from citeman.chunked import Loader
from citeman.config import Config
from citeman.lint import Known
from citeman.model import Library, Span
from citeman.problem import Finding, Fix
from citeman.rewrite import WriteError
from citeman.rules.base import head
from citeman.segments import segments
from tests.conftest import DATA, REAL_FILES

EDGES = DATA / "perf" / "chunk-edges.bib"
#: The real files with something to fix (cryptobib-abbrev3 holds only macros).
FIXABLE = [path for path in REAL_FILES if path.name != "cryptobib-abbrev3.bib"]


def _checked(
    path: Path, monkeypatch: pytest.MonkeyPatch, chunk: str
) -> tuple[Library, list[Known], fix.Outcome]:
    """Check ``path`` by chunks, then fix it (unsafe fixes too)."""
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", chunk)
    active = Config().active_rules(online=False)
    loader = Loader(active)
    library = loader(path, 1 << 30)
    cache = loader.from_cache()
    assert cache is not None, "checked by chunks"
    found = lint.lint([library], active, cache=cache)
    known = list(cache.known[library.path])
    outcome = fix.fix_library(library, active, unsafe=True, found=found, known=known)
    return library, known, outcome


@pytest.mark.parametrize(
    "path", FIXABLE, ids=lambda path: path.name
)  # fmt: skip
def test_a_fixed_file_read_where_it_changed_is_its_whole_parse(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = len(segments(path.read_text(encoding="utf-8")))
    library, known, outcome = _checked(path, monkeypatch, str(max(1, parts // 3)))
    assert outcome.applied
    read = rewrite_parts.Reader.of(library, outcome, known)
    after = read(outcome.source)
    moved = read.moved
    assert after is not None and moved is not None
    whole = parse.loads(outcome.source, library.path)
    # Only the changed segments are parsed again, and they parse as in the
    # whole file; every other entry is known, at its new place.
    assert len(after.entries) < len(whole.entries) or len(whole.entries) < 20
    by_offset = {entry.offset: entry for entry in whole.entries}
    assert all(by_offset[entry.offset] == entry for entry in after.entries)
    kept = moved.known(known)
    # Each keeps its index among the entries before: its head there is its
    # head now, moved by the fixes before it.
    assert all(known[index].head.key == item.head.key for index, item in kept)
    assert [index for index, _ in kept] == sorted({index for index, _ in kept})
    still = [item for _, item in kept]
    heads = sorted([*map(head, after.entries), *(item.head for item in still)],
                   key=lambda where: where.offset)  # fmt: skip
    assert heads == [head(entry) for entry in whole.entries]
    assert after.failures == whole.failures
    assert after.strings == whole.strings
    # The known entries' findings moved with them: each fix still finds its text.
    for item in still:
        for problem in item.problems:
            if problem.fix is not None:
                found = problem.fix
                assert outcome.source[found.offset :].startswith(found.old)


def test_a_file_whose_macro_expansions_were_cut_is_verified_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # How much a value may expand depends on every value before it, which
    # the changed segments alone do not show.
    library, known, outcome = _checked(EDGES, monkeypatch, "2")
    assert library.overflows and outcome.applied
    assert rewrite_parts.Reader.of(library, outcome, known)(outcome.source) is None


def _library(count: int) -> str:
    return "% my library\n@string{j = {Journal}}\n" + "".join(
        f"@article{{k{number},\n  journal = j,\n  pages   = {{1-2}},\n}}\n\n"
        for number in range(count)
    )


def _partial(text: str) -> tuple[Library, list[int]]:
    """Return ``text`` parsed, holding no entry (as if checked by chunks), and
    the offsets of its entries."""
    whole = parse.loads(text, "lib.bib")
    starts = [entry.offset for entry in whole.entries]
    return dataclasses.replace(whole, entries=()), starts


def _pages_fixed(text: str, number: int, new: str) -> tuple[str, dict[int, tuple]]:
    """Fix the pages of entry ``number`` to ``new``; return the text and changes."""
    whole = parse.loads(text, "lib.bib")
    entry = whole.entries[number]
    pages = entry.fields["pages"]
    fixed, _ = fix.apply(text, [Fix("pages", pages.offset + 1, "1-2", new, safe=True)])
    end = entry.offset + len(entry.raw)
    grown = len(fixed) - len(text)
    return fixed, {number: ((entry.offset, end), (entry.offset, end + grown))}


def test_a_fix_is_verified_from_its_segment_alone() -> None:
    text = _library(30)
    before, starts = _partial(text)
    fixed, changes = _pages_fixed(text, 12, "1--2")
    moved = rewrite_parts.read(
        before, fixed, changes, {12: frozenset({"pages"})}, starts
    )
    assert moved is not None
    assert [entry.key for entry in moved.library.entries] == ["k12"]
    assert moved.library.strings == parse.loads(fixed).strings


@pytest.mark.parametrize(
    ("number", "new", "where", "wrong"),
    [
        pytest.param(12, "1}--2", None, None, id="closes-the-entry"),
        pytest.param(12, "1--2}\n@misc{x,", None, None, id="adds-a-block"),
        pytest.param(12, "1--2", "k13,", "k14,", id="another-entry"),
        pytest.param(12, "1--2", "% my library", "% my libary", id="comment"),
        pytest.param(12, "1--2", "journal = j,\n  pages   = {1--2}",
                     "journal = k,\n  pages   = {1--2}", id="another-field"),
    ],
)  # fmt: skip
def test_what_the_segments_cannot_show_safe_is_verified_whole(
    tmp_path: Path, number: int, new: str, where: str | None, wrong: str | None
) -> None:
    text = _library(30)
    before, starts = _partial(text)
    fixed, changes = _pages_fixed(text, number, new)
    if where is not None and wrong is not None:
        fixed = fixed.replace(where, wrong, 1)
    allowed = {number: frozenset({"pages"})}
    assert rewrite_parts.read(before, fixed, changes, allowed, starts) is None
    # The whole-file verification then names what changed, as without the
    # quick check, and the file stays as it was.
    path = tmp_path / "lib.bib"
    path.write_text(text)
    whole = parse.loads(text, str(path))
    with pytest.raises(WriteError) as plain:
        rewrite.write(path, whole, fixed, allowed)
    quick = rewrite_parts.Reader(
        dataclasses.replace(whole, entries=()), changes, allowed, starts, ()
    )
    with pytest.raises(WriteError) as quickly:
        rewrite.write(path, whole, fixed, allowed, quick=quick)
    assert str(quickly.value) == str(plain.value)
    assert path.read_text() == text


@pytest.mark.parametrize("lines", [0, 2])
def test_a_moved_problem_keeps_everything_but_its_place(lines: int) -> None:
    # Problems are rebuilt field by field when their entry moves: nothing but
    # the lines and the fix's offset may change (vetted is no part of equality).
    fixed = Fix("title", 40, "old", "new", False, (("title", "new"),), vetted=True)
    library = parse.loads("\n\n@article{a, title = {old}, pages = {1-2}}\n", "t.bib")
    entry = library.entries[0]
    problem = lint._problem(
        Config().active_rules()[0],
        Finding(Span(3, 5, 3, 9), "m", entry.key, "title", fixed),
        entry,
    )
    known = Known("3", head(entry), len(entry.raw), (problem,), ())
    moved = rewrite_parts._moved(known, 7, lines)
    (again,) = moved.problems
    assert again.fix is not None and again.fix.vetted
    assert again == dataclasses.replace(
        problem,
        span=Span(3 + lines, 5, 3 + lines, 9),
        fix=dataclasses.replace(fixed, offset=47),
    )
    assert moved.head.offset == entry.offset + 7
    assert moved.head.line == entry.line + lines
