"""Library rules' two-step form: per-entry summaries a cache can keep.

A summary may hold positions only relative to its entry, so the summaries of
an entry moved down the file (lines inserted above it) are the summaries it
had, and they survive pickling (the entry cache stores them so).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from citeman import parse
from citeman.config import Config
from citeman.rules.base import LibraryRule, RuleContext
from tests.conftest import REAL_FILES

SMALL = [path for path in REAL_FILES if path.stat().st_size < 500_000]


def _summaries(text: str) -> list[tuple[str, object]]:
    library = parse.loads(text, "t.bib")
    found = []
    for item in Config().active_rules(online=False):
        rule = item.rule
        if isinstance(rule, LibraryRule) and rule.summarise is not None:
            context = RuleContext(item.options)
            found += [(rule.code, rule.summarise(e, context)) for e in library.entries]
    return found


@pytest.mark.parametrize("path", SMALL, ids=[path.stem for path in SMALL])
def test_summaries_do_not_move_with_their_entries_and_pickle(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    here = _summaries(text)
    # cryptobib-abbrev3 holds only @string definitions: nothing to summarise.
    has_entries = bool(parse.loads(text).entries)
    assert any(summary is not None for _, summary in here) == has_entries
    assert _summaries("% moved\n\n  \n" + text) == here
    assert pickle.loads(pickle.dumps(here)) == here


def test_every_library_rule_of_citeman_has_the_two_step_form() -> None:
    for item in Config(select=("ALL",)).active_rules(online=False):
        if isinstance(item.rule, LibraryRule):
            assert item.rule.check is None and item.rule.aggregate is not None
