"""Seeded samples of real findings, judged entry by entry, kept as tests.

Each file of tests/data/realworld/judged/samples/ is one sample drawn with
``python bench/precision.py --sample CODE N --seed S`` (its header says which
and how many of the findings were judged true). Every entry is copied verbatim
from the real library named in its ``% source:`` line, with the @string macros
it uses; its ``% expect:`` says whether a careful copy editor wants the rule's
finding there and ``% why:`` says why. An entry whose finding depends on the
rest of its library (``% scope: library``, e.g. a letter spelled against the
library's majority) is checked on the real library itself. Findings judged
false that the rule still reports are marked ``% status: known false
positive``, and findings judged true that it no longer reports ``% status:
known miss``: they are strict expected failures, so fixing the rule turns them
into errors until the mark is removed.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pytest

from citeman import lint, parse, rules
from citeman.config import ActiveRule
from tests.conftest import DATA
from tests.realworld.conftest import real_library

SAMPLES = sorted((DATA / "realworld" / "judged" / "samples").glob("*.bib"))
_SOURCE = re.compile(r"(?P<file>[\w.-]+)\.bib:(?P<line>\d+) \[(?P<key>[^\]]+)\]")


class Judged(NamedTuple):
    """One judged entry of a sample file."""

    path: Path
    rule: str
    source: str
    key: str
    notes: dict[str, str]


def _judged(path: Path) -> list[Judged]:
    """Read the judged entries of one sample file from its % lines."""
    rule = ""
    found: list[Judged] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, value = line[2:].partition(": ")
        if not line.startswith("% ") or not value:
            continue
        if name == "rule":
            rule = value
        elif name == "source":
            match = _SOURCE.match(value)
            assert match is not None, (path.name, line)
            found.append(Judged(path, rule, match["file"], match["key"], {}))
        elif found:
            found[-1].notes[name] = value
    return found


CASES = [judged for path in SAMPLES for judged in _judged(path)]


@cache
def _keys_found(rule_code: str, path: Path | None, source: str) -> frozenset[str]:
    """Return the keys the rule reports in the sample file (or real library)."""
    rule = rules.get(rule_code)
    assert rule is not None
    library = parse.load(path) if path is not None else real_library(source)
    active = [ActiveRule(rule, rule.severity, dict(rule.defaults))]
    return frozenset(problem.key or "" for problem in lint.lint([library], active))


def _case(judged: Judged) -> object:
    marks = []
    if judged.notes.get("status", "").startswith(
        ("known false positive", "known miss")
    ):
        marks.append(pytest.mark.xfail(strict=True, reason=judged.notes["why"]))
    return pytest.param(judged, marks=marks, id=f"{judged.path.stem}:{judged.key}")


def test_the_samples_hold_hundreds_of_judged_entries_over_many_rules() -> None:
    assert len(CASES) >= 100
    assert len({judged.rule for judged in CASES}) >= 8


@pytest.mark.parametrize("path", SAMPLES, ids=lambda path: path.stem)
def test_every_entry_of_a_sample_is_judged_once(path: Path) -> None:
    keys = [judged.key for judged in _judged(path)]
    entries = [entry.key for entry in parse.load(path).entries]
    assert sorted(keys) == sorted(entries)
    assert len(set(keys)) == len(keys)
    for judged in _judged(path):
        assert judged.notes["expect"] in {"present", "absent"}, judged
        assert judged.notes["why"], judged


@pytest.mark.parametrize("judged", [_case(judged) for judged in CASES])
def test_judged_finding_is_present_or_absent(judged: Judged) -> None:
    in_library = judged.notes.get("scope") == "library"
    path = None if in_library else judged.path
    found = judged.key in _keys_found(judged.rule, path, judged.source)
    assert found == (judged.notes["expect"] == "present"), judged.notes["why"]
