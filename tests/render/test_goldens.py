"""Every style, format and entry type against its reviewed golden rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.goldens import CASES, golden_path, produce


@pytest.mark.parametrize(
    ("style", "source", "fmt"),
    CASES,
    ids=[f"{style}-{source.stem}-{fmt}" for style, source, fmt in CASES],
)
def test_rendering_matches_golden(style: str, source: Path, fmt: str) -> None:
    expected = golden_path(style, source, fmt).read_text(encoding="utf-8")
    assert produce(style, source, fmt) == expected
