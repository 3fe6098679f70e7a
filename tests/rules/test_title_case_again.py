"""CM202 judged again after an edit from its kept census (``tallied``, ``again``).

A re-check after an edit (``citeman.splice``) asks ``again`` for the findings
on the edited entries only. They must be exactly what a full ``aggregate``
finds on them, and ``again`` must refuse (None) whenever what the library
tells every title changed.
"""

from __future__ import annotations

import random
import re

from citeman import parse
from citeman.rules.base import RuleContext, Shelf, Summarised, head
from citeman.rules.title_case import RULE, again, aggregate, tallied
from citeman.title_census import census_of, counted, read
from tests.conftest import REAL_FILES

CONTEXT = RuleContext(dict(RULE.defaults))


def _summaries(text: str) -> list[Summarised]:
    library = parse.loads(text, "a.bib")
    assert RULE.summarise is not None
    return [Summarised(head(entry), RULE.summarise(entry, CONTEXT))
            for entry in library.entries]  # fmt: skip


def _full(entries: list[Summarised]) -> list[object]:
    return list(aggregate([Shelf("a.bib", {}, (), (), entries)], CONTEXT))


def _entry(key: str, title: str) -> str:
    return f"@article{{{key}, title = {{{title}}}, year = 2020}}\n"


LIBRARY = "".join(
    _entry(f"k{n}", title)
    for n, title in enumerate(
        [
            "Reactions of muonium with gases",
            "Spin relaxation of muonium",
            "A study of muonium in metals",
            "Fast muonium in thin films",
            "Muonium chemistry in water",
        ]
    )
)


def _replaced(text: str, key: str, title: str) -> str:
    return re.sub(rf"@article\{{{key},[^\n]*\n", _entry(key, title), text)


def test_a_local_edit_is_judged_on_the_edited_title_alone() -> None:
    old = _summaries(LIBRARY)
    text = _replaced(LIBRARY, "k1", "spin relaxation of muonium")
    new = _summaries(text)
    done = again(tallied(e.data for e in old), old[1:2], new[1:2], CONTEXT)
    assert done is not None
    census, found = done
    assert census == tallied(e.data for e in new)
    full = _full(new)
    assert found == [f for f in full if f.key == "k1"]  # type: ignore[attr-defined]
    assert found  # the edited title is reported


def test_an_edit_that_changes_what_the_library_tells_is_refused() -> None:
    old = _summaries(LIBRARY)
    # "Muonium" capitalised inside a second sentence-case title: a proper noun now.
    text = _replaced(LIBRARY, "k2", "A study of Muonium in metals")
    text = _replaced(text, "k3", "Fast Muonium in thin films")
    new = _summaries(text)
    assert again(tallied(e.data for e in old), old[2:4], new[2:4], CONTEXT) is None
    assert again("not a census", old[2:4], new[2:4], CONTEXT) is None


def test_the_census_takes_titles_out_and_puts_them_in_exactly() -> None:
    rnd = random.Random(7)
    titles = []
    for path in REAL_FILES[:4]:
        text = path.read_text(encoding="utf-8")
        titles += [
            read(m.group(1)) for m in re.finditer(r"title\s*=\s*\{(.*?)\}", text)
        ]
    assert len(titles) > 100
    census = census_of(titles)
    for _ in range(40):
        at, count = rnd.randrange(len(titles)), rnd.randrange(20)
        added = [rnd.choice(titles) for _ in range(rnd.randrange(20))]
        after = titles[:at] + added + titles[at + count :]
        assert counted(census, added, titles[at : at + count]) == census_of(after)
