"""CM308's fix writes a server's metadata into a .bib file: only what is safe there."""

from __future__ import annotations

from citeman import parse
from citeman.fix_guard import is_harmless
from citeman.online.work import Work
from citeman.rules import published_version

PREPRINT = "@misc{k,\n  title = {T},\n  doi = {10.5555/pre}\n}\n"


def _published(**values: str) -> Work:
    fields = {"doi": "10.5555/pub", "title": "T", "families": ("Ferreira",),
              "print_year": 2021, "years": frozenset({2021}), "container": "",
              "volume": "", "page": "", "article_number": "",
              "type": "journal-article"}  # fmt: skip
    return Work(**{**fields, **values})  # type: ignore[arg-type]


def test_markup_from_the_server_is_never_written() -> None:
    entry = parse.loads(PREPRINT).entries[0]
    work = _published(container="Health & Place", volume="{\\input x}",
                      page="12-19", issue="3\n4")  # fmt: skip
    fix = published_version._replacement(entry, work)
    assert fix is not None and is_harmless(entry, fix)
    # The braced volume and the issue with a line break are left out; the
    # ampersand is escaped and the range takes BibTeX's double dash.
    assert dict(fix.fields) == {"doi": "10.5555/pub", "journal": "Health \\& Place",
                                "year": "2021", "pages": "12--19"}  # fmt: skip
    assert "input" not in fix.new


def test_a_doi_with_markup_gives_no_fix() -> None:
    entry = parse.loads(PREPRINT).entries[0]
    assert published_version._replacement(entry, _published(doi="10.5555/{x}")) is None
