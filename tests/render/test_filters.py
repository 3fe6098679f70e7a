"""The formatting decisions, one table each; ids name the APA 7 rule they follow.

Section numbers are those of the Publication Manual (7th ed.), as quoted by the
library guides in ../shared/references/apa7-rules.md.
"""

from __future__ import annotations

import pytest

from citeman import parse
from citeman.dates import Date
from citeman.render import apa, filters, pages
from citeman.render.dates import date
from citeman.render.markup import HTML, LATEX, RTF, TEXT
from citeman.render.reference import Name, Reference


def reference(source: str) -> Reference:
    return Reference(parse.loads(source).entries[0])


def people(value: str) -> tuple[Name, ...]:
    return reference(f"@misc{{k, author = {{{value}}}}}").authors


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        pytest.param("Taylor, Jane L.", "Taylor, J. L.", id="9.8-one-author-initials"),
        pytest.param(
            "Taylor, J. L. and Fields, M. L.",
            "Taylor, J. L., & Fields, M. L.",
            id="9.8-two-authors-serial-comma-ampersand",
        ),
        pytest.param(
            "Taylor, Anne-Jean", "Taylor, A.-J.", id="9.8-hyphenated-given-name"
        ),
        pytest.param("Smith, Jr., Adam A.", "Smith, A. A., Jr.", id="9.8-suffix-after"),
        pytest.param(
            "{World Health Organization}",
            "World Health Organization",
            id="9.11-group-author-whole",
        ),
        pytest.param(
            "Virtala, E. and {the Helsinki Psychotherapy Study Group}",
            "Virtala, E., & the Helsinki Psychotherapy Study Group",
            id="9.11-group-author-after-ampersand",
        ),
        pytest.param(
            "Ludwig van Beethoven", "van Beethoven, L.", id="9.8-particle-with-family"
        ),
        pytest.param(
            r"Kivim{\"a}ki, Mika", "Kivimäki, M.", id="9.8-latex-accent-decoded"
        ),
        pytest.param(
            "Author, A. and others",
            "Author, A., et al.",
            id="9.8-incomplete-list-shown-not-hidden",
        ),
    ],
)
def test_apa_authors(authors: str, expected: str) -> None:
    assert apa.apa_authors(people(authors)) == expected


def test_apa_authors_twenty_are_all_listed() -> None:
    """§9.8: up to 20 authors are all listed, "&" before the last."""
    names = " and ".join(f"Family{n}, A." for n in range(1, 21))
    listed = apa.apa_authors(people(names))
    assert listed == (
        ", ".join(f"Family{n}, A." for n in range(1, 20)) + ", & Family20, A."
    )


def test_apa_authors_twenty_one_are_nineteen_ellipsis_last() -> None:
    """§9.8: 21 or more authors: the first 19, an ellipsis, the final author."""
    names = " and ".join(f"Family{n}, A." for n in range(1, 23))
    listed = apa.apa_authors(people(names))
    assert listed == (
        ", ".join(f"Family{n}, A." for n in range(1, 20)) + ", . . . Family22, A."
    )


@pytest.mark.parametrize(
    ("editors", "expected", "label"),
    [
        pytest.param("Rosner, Richard", "R. Rosner", "Ed.", id="10.3-one-editor"),
        pytest.param(
            "Oliver, M. B. and Raney, A. A.",
            "M. B. Oliver & A. A. Raney",
            "Eds.",
            id="10.3-two-editors-no-comma",
        ),
        pytest.param(
            "Subotnik, Rena F. and Olszewski-Kubilius, Paula and Worrell, F. C.",
            "R. F. Subotnik, P. Olszewski-Kubilius, & F. C. Worrell",
            "Eds.",
            id="10.3-three-editors-serial-comma",
        ),
    ],
)
def test_editors_initials_first(editors: str, expected: str, label: str) -> None:
    named = reference(f"@incollection{{k, editor = {{{editors}}}}}").editors
    assert (apa.apa_editors(named), apa.editor_label(named)) == (expected, label)


@pytest.mark.parametrize(
    ("fields", "suffix", "full", "expected"),
    [
        pytest.param("year = {2020}", "", False, "2020", id="9.14-year"),
        pytest.param("year = {2020}", "b", False, "2020b", id="9.47-year-letter"),
        pytest.param("", "", False, "n.d.", id="9.17-no-date"),
        pytest.param("", "a", False, "n.d.-a", id="9.47-no-date-letter"),
        pytest.param("year = {in press}", "", False, "in press", id="9.17-in-press"),
        pytest.param("pubstate = {inpress}", "", False, "in press", id="9.17-pubstate"),
        pytest.param(
            "date = {2019-03-22}", "", True, "2019, March 22", id="9.14-full-date"
        ),
        pytest.param(
            "date = {2019-03-22}", "", False, "2019", id="9.14-year-only-for-articles"
        ),
        pytest.param(
            "year = {2019}, month = mar", "", True, "2019, March", id="9.14-month-macro"
        ),
        pytest.param(
            "date = {2017-07-12/2017-07-15}",
            "",
            True,
            "2017, July 12–15",
            id="10.5-range-same-month",
        ),
        pytest.param(
            "date = {2016-03-30/2016-04-02}",
            "",
            True,
            "2016, March 30–April 2",
            id="10.5-range-two-months",
        ),
        pytest.param(
            "date = {2019-12-30/2020-01-02}",
            "",
            True,
            "2019, December 30–2020, January 2",
            id="10.5-range-two-years",
        ),
    ],
)
def test_date(fields: str, suffix: str, full: bool, expected: str) -> None:
    when = reference(f"@misc{{k, {fields}}}").date
    assert str(date(TEXT, when, suffix, full)) == expected


def test_date_range_uses_the_format_dash() -> None:
    when = Date("2017", 7, 12, "2017", 7, 15)
    assert str(date(LATEX, when, "", True)) == "2017, July 12--15"
    assert str(date(RTF, when, "", True)) == "2017, July 12\\u8211?15"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("1009--1016", "1009–1016", id="12-en-dash-from-double-hyphen"),
        pytest.param("1009-1016", "1009–1016", id="12-en-dash-from-hyphen"),
        pytest.param("1009 — 1016", "1009–1016", id="12-en-dash-from-em-dash"),
        pytest.param("e140--e149", "e140–e149", id="12-e-locator-range"),
        pytest.param("72. 2", "72", id="cm201-stray-token-dropped"),
        pytest.param("xii--xv", "xii–xv", id="12-roman-numerals"),
        pytest.param("1--5, 7", "1–5, 7", id="12-discontinuous"),
        pytest.param("passim", "passim", id="not-pages-printed-as-written"),
    ],
)
def test_pages(value: str, expected: str) -> None:
    assert str(pages.pages(TEXT, value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("45--67", "pp. 45–67", id="10.3-chapter-pages"),
        pytest.param("45", "p. 45", id="10.3-one-page"),
        pytest.param("", "", id="no-pages"),
    ],
)
def test_page_span(value: str, expected: str) -> None:
    assert str(pages.page_span(TEXT, value)) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            "eid = {e0193972}", "Article e0193972", id="11-eid-article-number"
        ),
        pytest.param(
            "pages = {e045005}", "Article e045005", id="11-lone-e-number-in-pages"
        ),
        pytest.param("pages = {e140--e149}", "e140–e149", id="11-e-range-is-pages"),
        pytest.param("pages = {72}", "72", id="11-lone-number-stays-pages"),
        pytest.param(
            "eid = {e1}, pages = {1--9}", "Article e1", id="11-article-number-first"
        ),
    ],
)
def test_article_locator(fields: str, expected: str) -> None:
    entry = reference(f"@article{{k, {fields}}}")
    assert str(pages.article_locator(TEXT, entry)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("2", "2nd ed.", id="9.30-number"),
        pytest.param("second", "2nd ed.", id="9.30-word"),
        pytest.param("3rd", "3rd ed.", id="9.30-ordinal"),
        pytest.param("11", "11th ed.", id="9.30-eleventh"),
        pytest.param("22nd edition", "22nd ed.", id="9.30-spelled-edition"),
        pytest.param("Revised", "Revised ed.", id="9.30-named-edition"),
        pytest.param("1", "", id="9.30-first-edition-not-shown"),
        pytest.param("", "", id="no-edition"),
    ],
)
def test_edition(value: str, expected: str) -> None:
    assert filters.edition(value) == expected


@pytest.mark.parametrize(
    ("fields", "options", "expected"),
    [
        pytest.param("edition = {2}", {}, "(2nd ed.)", id="9.30-edition"),
        pytest.param(
            "edition = {5}, volume = {1}", {}, "(5th ed., Vol. 1)", id="9.30-ed-vol"
        ),
        pytest.param(
            "translator = {Weaver, Helen}, edition = {2}",
            {},
            "(H. Weaver, Trans.; 2nd ed.)",
            id="9.41-translator-first",
        ),
        pytest.param(
            "number = {18-2059}",
            {"number": True, "number_label": "Report No."},
            "(Report No. 18-2059)",
            id="10.4-report-number",
        ),
        pytest.param(
            "number = {ICPSR 21600}, version = {V1}",
            {"number": True, "version": True},
            "(ICPSR 21600; Version V1)",
            id="10.9-archive-number-and-version",
        ),
        pytest.param(
            "edition = {2}, pages = {7--13}",
            {"pages": True},
            "(2nd ed., pp. 7–13)",
            id="10.3-edition-and-pages",
        ),
        pytest.param("", {}, "", id="nothing-to-say"),
    ],
)
def test_details(fields: str, options: dict[str, object], expected: str) -> None:
    entry = reference(f"@book{{k, {fields}}}")
    assert str(apa.details(TEXT, entry, **options)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(
            "author = {{NHS Digital}}, institution = {NHS Digital}",
            "",
            id="9.29-publisher-is-group-author",
        ),
        pytest.param(
            "author = {{The World Bank}}, publisher = {World Bank}",
            "",
            id="9.29-same-organisation-ignoring-the",
        ),
        pytest.param(
            "author = {Stansfeld, S.}, institution = {NHS Digital}",
            "NHS Digital",
            id="9.29-person-author-keeps-publisher",
        ),
        pytest.param(
            "editor = {{APA}}, publisher = {APA}", "", id="9.29-group-editor-too"
        ),
    ],
)
def test_publisher_left_out_when_it_is_the_author(fields: str, expected: str) -> None:
    assert apa.publisher(reference(f"@report{{k, {fields}}}")) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "The Emerging Evidence for Long-Term Psychodynamic Therapy",
            "The emerging evidence for long-term psychodynamic therapy",
            id="9.19-title-case-to-sentence-case",
        ),
        pytest.param(
            "Living With {HIV} in the {UK}: A Qualitative Study",
            "Living with HIV in the UK: A qualitative study",
            id="9.19-braced-words-kept-capital-after-colon",
        ),
        pytest.param(
            "Exploration of recovery in (LMICs): A scoping review",
            "Exploration of recovery in (LMICs): A scoping review",
            id="9.19-sentence-case-kept",
        ),
    ],
)
def test_sentence(value: str, expected: str) -> None:
    assert filters.sentence(TEXT, value) == expected


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        pytest.param(["Title", "", "(2nd ed.)"], "Title (2nd ed.).", id="element"),
        pytest.param(["Why?"], "Why?", id="9.19-question-mark-replaces-period"),
        pytest.param(['"Dr. House."'], '"Dr. House."', id="period-inside-quotes"),
        pytest.param(["Lowey, H."], "Lowey, H.", id="initial-ends-author-element"),
        pytest.param([], "", id="empty"),
    ],
)
def test_element(pieces: list[str], expected: str) -> None:
    assert str(filters.element(TEXT, pieces)) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param("doi = {10.1037/ppm0000185}", "bare", id="9.34-bare"),
        pytest.param("doi = {https://doi.org/10.1037/ppm0000185}", "link", id="link"),
        pytest.param("doi = {http://dx.doi.org/10.1037/ppm0000185}", "dx", id="dx"),
        pytest.param("doi = {doi:10.1037/ppm0000185}", "label", id="9.34-doi-label"),
        pytest.param("url = {https://doi.org/10.1037/ppm0000185}", "url", id="in-url"),
    ],
)
def test_doi_printed_once_as_https_link(fields: str, expected: str) -> None:
    """§9.34: a DOI is always https://doi.org/…, however it was stored."""
    entry = reference(f"@article{{k, {fields}}}")
    assert str(filters.doi_or_url(TEXT, entry)) == "https://doi.org/10.1037/ppm0000185"
    assert str(filters.doi_or_url(HTML, entry)) == (
        '<a href="https://doi.org/10.1037/ppm0000185">'
        "https://doi.org/10.1037/ppm0000185</a>"
    )


def test_url_when_there_is_no_doi() -> None:
    """§9.35: a URL only when there is no DOI; a URL is verbatim, not LaTeX."""
    entry = reference("@online{k, url = {https://example.org/a_b?x=1&y=50%}}")
    assert str(filters.doi_or_url(TEXT, entry)) == "https://example.org/a_b?x=1&y=50%"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param("", "https://e.org/p", id="9.16-undated-without-urldate"),
        pytest.param(
            "urldate = {2020-01-09}",
            "Retrieved January 9, 2020, from https://e.org/p",
            id="9.16-undated-page-that-changes",
        ),
        pytest.param(
            "urldate = {2020-01-09}, year = {2019}",
            "https://e.org/p",
            id="9.16-dated-page-no-retrieval",
        ),
    ],
)
def test_retrieval_date(fields: str, expected: str) -> None:
    entry = reference(f"@online{{k, url = {{https://e.org/p}}, {fields}}}")
    assert str(apa.web_link(TEXT, entry)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "@phdthesis{k, publisher = {ProQuest}}",
            "Doctoral dissertation",
            id="10.6-phd",
        ),
        pytest.param(
            "@mastersthesis{k, url = {http://x.org}}",
            "Master's thesis",
            id="10.6-masters",
        ),
        pytest.param(
            "@thesis{k, type = {phd}, doi = {10.1/x}}",
            "Doctoral dissertation",
            id="type",
        ),
        pytest.param(
            "@phdthesis{k, school = {MIT}}",
            "Unpublished doctoral dissertation",
            id="10.6-no-database-doi-or-url-is-unpublished",
        ),
        pytest.param(
            "@mastersthesis{k}",
            "Unpublished master's thesis",
            id="10.6-unpublished-masters",
        ),
        pytest.param(
            "@thesis{k, type = {Unpublished doctoral dissertation}}",
            "Unpublished doctoral dissertation",
            id="10.6-unpublished",
        ),
    ],
)
def test_thesis_kind(source: str, expected: str) -> None:
    assert apa.thesis_kind(reference(source)) == expected
