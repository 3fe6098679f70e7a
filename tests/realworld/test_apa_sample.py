"""A seeded sample of 40 real entries of common types, judged against APA 7.

The sample (seed 2026; 8 articles, 6 books, 5 chapters, 6 conference papers,
5 reports, 5 theses, 5 web documents and preprints, drawn from the eleven real
libraries with their ``crossref`` resolved) was read reference by reference
against the *Publication Manual*; each golden is the reference as APA wants
it (``apa`` names the sections that decided the doubtful part). Each entry is
rendered alone, with the case knowledge of its whole library (its proper nouns,
the words it writes in lower case), as ``citeman render --keys`` does. Cases
marked ``known_wrong`` are still rendered otherwise, for the reason given:
strict expected failures, so a fix shows.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from citeman import inheritance, render
from citeman.render import library_case
from citeman.text import Casing
from tests.conftest import DATA
from tests.realworld.conftest import real_library

SAMPLE = json.loads((DATA / "golden" / "apa-sample.json").read_text(encoding="utf-8"))


@cache
def _casing(name: str) -> Casing:
    return library_case.of_library(real_library(name).entries)


def _case(case: dict[str, Any]) -> object:
    marks = []
    if "known_wrong" in case:
        marks.append(pytest.mark.xfail(strict=True, reason=case["known_wrong"]))
    return pytest.param(case, marks=marks, id=f"{case['file']}-{case['key']}")


@pytest.mark.parametrize("case", [_case(case) for case in SAMPLE])
def test_reference_is_apa(case: dict[str, Any]) -> None:
    entries = inheritance.resolve(real_library(case["file"]).entries)
    entry = next(entry for entry in entries if entry.key == case["key"])
    casing = _casing(case["file"])
    shown = render.render([entry], render.find("apa"), "text", casing=casing)
    assert shown == case["text"] + "\n"


def test_the_sample_keeps_all_forty_judged_entries() -> None:
    assert len({(case["file"], case["key"]) for case in SAMPLE}) == 40
