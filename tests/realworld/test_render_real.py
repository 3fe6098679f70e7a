"""Rendering the eleven real libraries prints no raw LaTeX (issue 11).

Every reference of every file is rendered as text; a ``$``, backslash or brace
in it must come from the entry's own decoded data (a value that writes
``\\{GaN\\}`` or TUGboat's ``\\cs{relax}`` really holds one), never from LaTeX
the renderer failed to decode.
"""

from __future__ import annotations

import pytest

from citeman import inheritance, render
from citeman.latex import to_text
from citeman.render import engine
from citeman.render.markup import TEXT
from tests.conftest import REAL_FILES
from tests.realworld.conftest import real_library

_TEX = frozenset("$\\{}")


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.stem)
def test_no_raw_latex_in_any_rendered_reference(path: object) -> None:
    entries = inheritance.resolve(real_library(path.stem).entries)  # type: ignore[attr-defined]
    style = render.find("apa")
    references, suffixes = engine.prepare(entries, style)
    by_key = {entry.key: entry for entry in reversed(entries)}
    raw = []
    for rendered in engine.Renderer(style, TEXT).render(references, suffixes):
        shown = _TEX.intersection(rendered.text)
        if not shown:
            continue
        entry = by_key[rendered.key]
        data = "".join(to_text(field.value) for field in entry.fields.values())
        if not shown <= set(data):
            raw.append(str(rendered.text))
    assert raw == []
