"""Recall on real entries: the defects a copy editor marked stay reported.

tests/data/realworld/recall/sample.toml lists, for 40 entries drawn at random
from the real libraries (bench/recall.py, seed 1729), the defects a copy editor
preparing an APA 7 reference list marks, each with the rule that reports it or
"none". sample.bib holds those entries verbatim (with their @string macros),
each under a ``% file:line`` comment. Linting it with the default rules must
still report every marked code for its entry, so recall cannot slip silently.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

import pytest

from citeman import lint, parse
from citeman.config import Config
from tests.conftest import DATA

RECALL = DATA / "realworld" / "recall"
JUDGED: list[dict[str, Any]] = tomllib.loads(
    (RECALL / "sample.toml").read_text(encoding="utf-8")
)["entry"]


@cache
def _reported() -> dict[str, set[str]]:
    """Return the codes the default rules report on sample.bib, per entry key."""
    library = parse.load(RECALL / "sample.bib")
    found: dict[str, set[str]] = {entry.key: set() for entry in library.entries}
    for problem in lint.lint([library], Config().active_rules()):
        found.setdefault(problem.key or "", set()).add(problem.code)
    return found


def test_the_extract_holds_the_judged_entries_from_their_source_lines() -> None:
    text = (RECALL / "sample.bib").read_text(encoding="utf-8")
    sources = re.findall(r"^% (\S+\.bib):(\d+)\n@\w+\{([^,]+),", text, re.M)
    judged = [(entry["file"], str(entry["line"]), entry["key"]) for entry in JUDGED]
    assert sorted(sources) == sorted(judged)
    assert len(judged) == 40


@pytest.mark.parametrize("entry", JUDGED, ids=lambda entry: entry["key"])
def test_every_marked_defect_with_a_rule_is_reported(entry: dict[str, Any]) -> None:
    reported = _reported()[entry["key"]]
    for defect in entry["defects"]:
        if defect["code"] != "none":
            assert defect["code"] in reported, defect["what"]
