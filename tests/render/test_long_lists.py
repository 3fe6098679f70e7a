"""What keeps a long reference list cheap: no collections, no copies of the document."""

from __future__ import annotations

import gc

import pytest

from citeman import parse, render
from citeman.render import output
from citeman.render.engine import Rendered
from citeman.render.markup import Safe
from tests.conftest import REAL_FILES

BIG = next(path for path in REAL_FILES if path.name == "bbt-jabref.bib")


def test_rendering_sets_off_no_collection_of_the_cyclic_collector() -> None:
    entries = parse.load(BIG).entries
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    try:
        listed = render.render(entries, render.find("apa"), "text", context=entries)
    finally:
        gc.callbacks.remove(note)
    assert listed.count("\n\n") == len(entries) - 1
    assert started == []
    assert gc.isenabled()


@pytest.mark.parametrize(
    "texts",
    [[], [""], ["a"], ["a", ""], ["a\n", ""], ["", "", ""], ["a\n\n", "\n"],
     ["x", "y\n"], ["\n"], ["a", "b", "c"]],
)  # fmt: skip
def test_a_text_document_is_each_reference_and_a_blank_line_trimmed(
    texts: list[str],
) -> None:
    # As "".join(f"{text}\n\n" ...).rstrip("\n") + "\n", built without copies.
    references = [Rendered("k", Safe(text)) for text in texts]
    document = output.text(references)
    assert document == "".join(f"{text}\n\n" for text in texts).rstrip("\n") + "\n"
    assert type(document) is str
