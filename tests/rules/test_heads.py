"""Heads and relative fields built from tuples are what their constructors make."""

from __future__ import annotations

from citeman import parse
from citeman.model import Field
from citeman.rules.base import Head, head, relative


def test_a_head_and_a_relative_field_are_made_as_by_their_constructors() -> None:
    text = "\n\n  @article{k,\n  title = {T},\n  year = 2000}"
    (entry,) = parse.loads(text, "f.bib").entries
    made = head(entry)
    assert type(made) is Head
    assert made == Head("k", "article", "f.bib", 3, 3, 4)
    title = entry.fields["title"]
    moved = relative(title, entry)
    assert type(moved) is Field
    assert moved == Field("title", "T", "{T}", 1, 11, title.offset - 4)
    assert made.place(moved) == title and type(made.place(moved)) is Field
