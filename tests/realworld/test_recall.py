"""Recall on real entries: the defects a copy editor marked stay reported.

tests/data/realworld/recall/sample.toml lists, for 40 entries drawn at random
from the real libraries (bench/recall.py, seed 1729), the defects a copy editor
preparing an APA 7 reference list marks, each with the rule that reports it or
"none"; sample2.toml does the same for a second draw (seed 2718), marked before
looking at what citeman reports. sample.bib and sample2.bib hold those entries
verbatim (with their @string macros), each under a ``% file:line`` comment.
Linting them with the default rules must still report every marked code for its
entry, so recall cannot slip silently;
a defect marked ``scope = "library"`` is looked for in the entry's whole real
library, as its rule reads the library (CM202's census of its titles).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

import pytest

from citeman import lint, parse, rules
from citeman.config import ActiveRule, Config
from tests.conftest import DATA
from tests.realworld.conftest import real_library

RECALL = DATA / "realworld" / "recall"
SAMPLES = ("sample", "sample2")


def _judged(sample: str) -> list[dict[str, Any]]:
    """Return the judged entries of one sample, each tagged with its sample."""
    text = (RECALL / f"{sample}.toml").read_text(encoding="utf-8")
    return [{**entry, "sample": sample} for entry in tomllib.loads(text)["entry"]]


JUDGED = [entry for sample in SAMPLES for entry in _judged(sample)]


@cache
def _reported(sample: str) -> dict[str, set[str]]:
    """Return the codes the default rules report on a sample's .bib, per entry key."""
    library = parse.load(RECALL / f"{sample}.bib")
    found: dict[str, set[str]] = {entry.key: set() for entry in library.entries}
    for problem in lint.lint([library], Config().active_rules()):
        found.setdefault(problem.key or "", set()).add(problem.code)
    return found


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_extract_holds_the_judged_entries_from_their_source_lines(
    sample: str,
) -> None:
    text = (RECALL / f"{sample}.bib").read_text(encoding="utf-8")
    sources = re.findall(r"^% (\S+\.bib):(\d+)\n@\w+\{([^,]+),", text, re.M)
    judged = [(e["file"], str(e["line"]), e["key"]) for e in _judged(sample)]
    assert sorted(sources) == sorted(judged)
    assert len(judged) == 40


@cache
def _reported_in_library(name: str, code: str) -> frozenset[str]:
    """Return the keys rule ``code`` reports on the whole real library ``name``."""
    rule = rules.get(code)
    assert rule is not None
    active = [ActiveRule(rule, rule.severity, dict(rule.defaults))]
    problems = lint.lint([real_library(name)], active)
    return frozenset(problem.key or "" for problem in problems)


@pytest.mark.parametrize(
    "entry", JUDGED, ids=lambda entry: f"{entry['sample']}:{entry['key']}"
)
def test_every_marked_defect_with_a_rule_is_reported(entry: dict[str, Any]) -> None:
    reported = _reported(entry["sample"])[entry["key"]]
    for defect in entry["defects"]:
        if defect["code"] == "none":
            continue
        if defect.get("scope") == "library":
            name = entry["file"].removesuffix(".bib")
            assert entry["key"] in _reported_in_library(name, defect["code"])
        else:
            assert defect["code"] in reported, defect["what"]
