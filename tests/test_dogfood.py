"""library.bib keeps the seed list's real defects: its findings are a golden file.

A new false alarm or a missed defect changes the JSON and fails this test (and CI).
Regenerate after a deliberate change with:
    citeman check library.bib --format json > tests/data/golden/library.check.json
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import DATA, ROOT


def test_library_bib_findings_match_golden(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(
        main, ["check", "library.bib", "--format", "json", "--no-config"]
    )
    assert result.exit_code == 1
    golden = Path(DATA / "golden" / "library.check.json").read_text(encoding="utf-8")
    assert result.stdout == golden
