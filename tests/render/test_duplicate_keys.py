"""Entries sharing a key still get their own year letter and HTML id, with a warning."""

from __future__ import annotations

import json
import re

from tests.conftest import DATA, run

DUPLICATES = str(DATA / "render" / "duplicate_keys.bib")


def test_html_ids_and_year_letters_are_distinct(workdir: object) -> None:
    code, out, err = run("render", DUPLICATES, "--format", "html")
    assert code == 0
    assert re.findall(r'id="(ref-[^"]+)"', out) == [
        "ref-smith",
        "ref-smith-3",
        "ref-smith-2",
    ]
    assert re.findall(r"\(2020(\w)\)", out) == ["a", "b", "c"]
    assert err.splitlines() == [
        f"citeman: warning: {DUPLICATES}:11:1: smith: CM002 [duplicate-key]"
        f' duplicate key "smith", first used at {DUPLICATES}:4; rename one of'
        " them; printed as best it can"
    ]


def test_json_keys_are_distinct(workdir: object) -> None:
    code, out, _ = run("render", DUPLICATES, "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [record["key"] for record in records] == ["smith", "smith-3", "smith-2"]
    assert [record["text"][:16] for record in records] == [
        "Smith, J. (2020a",
        "Smith, J. (2020b",
        "Smith, J. (2020c",
    ]


def test_cite_of_a_repeated_key_names_the_first_entry(workdir: object) -> None:
    code, out, _ = run("cite", "--bib", DUPLICATES, "smith")
    assert (code, out) == (0, "(Smith, 2020a)\n")
