"""Positions on the real libraries: every entry and value is where the file has it.

bibtexparser's own line numbers lag after a ``\\\\`` at the end of a line (316
of 318 entries of beebe-texbook3 were reported on the wrong line), so citeman
counts lines from offsets; the Beebe files are full of such values.
"""

from __future__ import annotations

import pytest

from tests.conftest import REAL_FILES, real_corpora
from tests.realworld.conftest import real_library


def test_the_eleven_real_files_are_there() -> None:
    assert len(REAL_FILES) == 11, real_corpora()


@pytest.mark.parametrize("name", ["beebe-texbook3", "beebe-tugboat"])
def test_every_entry_and_value_is_on_its_line(name: str) -> None:
    library = real_library(name)
    lines = library.source.split("\n")
    assert len(library.entries) > 800
    for entry in library.entries:
        assert lines[entry.line - 1][entry.column - 1 :].startswith("@"), entry.key
        for field in entry.fields.values():
            first = field.raw.split("\n", 1)[0]
            text = lines[field.line - 1][field.column - 1 :]
            assert text.startswith(first), (entry.key, field.name)


def test_commented_fields_of_bibliotex_are_comments() -> None:
    library = real_library("bibliotex")
    names = {name for entry in library.entries for name in entry.fields}
    assert not [name for name in names if "%" in name]
    commented = [entry for entry in library.entries if entry.comments]
    assert len(commented) > 300
    for entry in commented:
        for offset, text in entry.comments:
            assert library.source[offset : offset + len(text)] == text
            assert text.startswith("%")
