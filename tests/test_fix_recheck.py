"""The check after ``fix`` writes a file checked by chunks: as a check of the new file.

The fix rounds keep what they find in each changed entry as it now is, and
the check after writing takes those results with every other entry's, moved
to its new place: the problems must be exactly a fresh check's, place,
message and vetted fix alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from citeman import lint, parse
from citeman.chunked import Loader
from citeman.cli import fix_write
from citeman.config import Config
from citeman.fix import fix_library
from citeman.segments import segments
from tests.conftest import DATA, real_corpora


def _quiet(label: str, total: int | None) -> None:
    """Show no progress."""


@pytest.mark.parametrize(
    "path",
    [real_corpora() / "bbt-zotero.bib", real_corpora() / "beebe-tugboat.bib",
     DATA / "perf" / "chunk-edges.bib"],
    ids=lambda path: path.name,
)  # fmt: skip
def test_the_check_after_writing_is_a_check_of_the_written_file(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    copy.chmod(0o644)  # the corpora are read-only
    parts = len(segments(copy.read_text(encoding="utf-8")))
    monkeypatch.setenv("CITEMAN_WORKERS", "2")
    monkeypatch.setenv("CITEMAN_CHUNK_SIZE", str(max(2, parts // 3)))
    active = Config().active_rules(online=False)
    loader = Loader(active)
    library = loader(copy, 1 << 30)
    cache = fix_write.with_memos(loader.from_cache(), active)
    assert cache is not None, "checked by chunks"
    found = lint.lint([library], active, cache=cache)
    known = cache.known[library.path]
    outcome = fix_library(
        library, active, unsafe=True, found=found, known=known, keep=True
    )
    assert outcome.results and set(outcome.results) == set(outcome.changed)
    written = fix_write.write_all(
        [copy], [library], [outcome], cache.known, quiet=True,
        show_fixes=False, stage=_quiet, on_wait=print,
    )  # fmt: skip
    assert not written.failed
    # The changed entries come to the check as known entries, not parsed
    # (the hostile file is verified whole: its check parses every entry).
    fixed = {f"fixed {start}" for start, _ in outcome.spans.values()}
    idents = {item.ident for item in written.known.get(library.path, [])}
    assert bool(fixed & idents) == (path.parent == real_corpora())
    problems = fix_write.recheck(
        written, active, cache, resolver=None, file_ignores=None,
        progress=lambda total: lambda done: None, stage=_quiet,
    )  # fmt: skip
    monkeypatch.setenv("CITEMAN_WORKERS", "1")
    fresh = lint.lint([parse.load(copy)], active)
    assert problems == fresh
    assert [problem.fix and problem.fix.offset for problem in problems] == [
        problem.fix and problem.fix.offset for problem in fresh
    ]
