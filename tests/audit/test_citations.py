"""Finding citations: APA prose, pandoc keys and LaTeX commands, as tables.

Each citation is shown as ``form names [et al.] [connector] year@line:col-end``
(names joined by "|"), so a row reads like the text it was found in.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.audit import citations, manuscript
from citeman.audit.manuscript import Kind
from citeman.audit.model import Citation

GROUPS = ["National Institute of Mental Health", "World Health Organization"]


def _brief(citation: Citation) -> str:
    span = citation.span
    where = f"@{span.line}:{span.column}-{span.end_column}"
    if citation.key:
        return f"key {citation.key}{where}"
    parts = [citation.form.value, "|".join(citation.names)]
    if citation.et_al:
        parts.append("et al.")
    if citation.connector:
        parts.append(citation.connector)
    if citation.abbreviation:
        parts.append(f"[{citation.abbreviation}]")
    parts.append(f"{citation.year}{citation.suffix}{where}")
    return " ".join(parts)


def _find(text: str, kind: Kind = Kind.TEXT) -> list[str]:
    found, _ = citations.find(manuscript.from_text("p", text, kind), GROUPS)
    return [_brief(citation) for citation in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(Bellis et al., 2014)", ["parenthetical Bellis et al. 2014@1:2-21"]),
        (
            "(Leichsenring & Rabung, 2011; Kopta et al., 1994, p. 1010)",
            [
                "parenthetical Leichsenring|Rabung & 2011@1:2-29",
                "parenthetical Kopta et al. 1994@1:31-49",
            ],
        ),
        (
            "(e.g., Kopta et al., 1994, 1996a; see also Lee, in press; Ng, n.d.-b)",
            [
                "parenthetical Kopta et al. 1994@1:8-26",
                "parenthetical Kopta et al. 1996a@1:28-33",
                "parenthetical Lee in press@1:44-57",
                "parenthetical Ng n.d.b@1:59-69",
            ],
        ),
        (
            "Bellis et al. (2014) and Leichsenring and Rabung's (2011, p. 16) review",
            [
                "narrative Bellis et al. 2014@1:1-21",
                "narrative Leichsenring|Rabung and 2011@1:26-65",
            ],
        ),
        (
            "as van der Berg (2001) and O’Brien & Ødegaard (2002) said",
            [
                "narrative van der Berg 2001@1:4-23",
                "narrative O’Brien|Ødegaard & 2002@1:28-53",
            ],
        ),
        (
            "(Kopta, Howard, Lowry, & Beutler, 1994)"
            " (Leichsenring, Abbass, et al., 2013)",
            [
                "parenthetical Kopta|Howard|Lowry|Beutler & 1994@1:2-39",
                "parenthetical Leichsenring|Abbass et al. 2013@1:42-76",
            ],
        ),
        (
            "(National Institute of Mental Health [NIMH], 2020), then (NIMH, 2020)"
            " and NIMH (2021)",
            [
                "parenthetical National Institute of Mental Health [NIMH] 2020@1:2-50",
                "parenthetical NIMH 2020@1:59-69",
                "narrative NIMH 2021@1:75-86",
            ],
        ),
        (
            "The World Health Organization (WHO, 2019) and World Health Organization"
            " (2020)",
            [
                "narrative World Health Organization [WHO] 2019@1:5-42",
                "narrative World Health Organization 2020@1:47-79",
            ],
        ),
        (
            "spread over (Bellis et\nal., 2014) two lines",
            ["parenthetical Bellis et al. 2014@1:14-10"],
        ),
    ],
    ids=[
        "parenthetical",
        "several-with-locator",
        "prefixes-years-in-press-undated",
        "narrative-and-possessive",
        "particles-apostrophes-accents",
        "all-names-and-disambiguating-names",
        "group-abbreviation",
        "group-narrative",
        "across-lines",
    ],
)
def test_prose_citations(text: str, expected: list[str]) -> None:
    assert _find(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "(N = 2014, p < .05)",
        "in January (2020) and Recently (2014)",
        "(see Table 2, 2019)",
        "Smith (personal communication, March 3, 2020)",
        "(in 2019, the rate rose)",
        "(Kopta et al. 1994)",
        "the COVID (2020) wave",
        "(Smith, 2001\n\n(Jones, 2002)",
    ],
    ids=[
        "statistics",
        "sentence-words",
        "table",
        "personal-communication",
        "clause",
        "missing-comma",
        "acronym",
        "paragraph-break",
    ],
)
def test_not_citations(text: str) -> None:
    assert [line for line in _find(text) if "Jones" not in line] == []


@pytest.mark.parametrize(
    ("text", "expected", "everything"),
    [
        (
            "See [@doe99, pp. 33-35; -@smith04] and @{weird:key} in text.",
            ["key doe99@1:7-12", "key smith04@1:27-34", "key weird:key@1:42-51"],
            False,
        ),
        ("mail a@b.org; `@code`; ends @key.", ["key key@1:30-33"], False),
        ("<https://example.org/@user> [x](http://x.org/@me)", [], False),
        ("---\nnocite: |\n  @*\n---\n", [], True),
    ],
    ids=["pandoc", "emails-code-and-trailing-dots", "urls", "nocite-all"],
)
def test_pandoc_keys(text: str, expected: list[str], everything: bool) -> None:
    found, cites_all = citations.find(
        manuscript.from_text("p.md", text, Kind.MARKDOWN), GROUPS
    )
    assert [_brief(citation) for citation in found] == expected
    assert cites_all is everything


@pytest.mark.parametrize(
    ("text", "expected", "everything"),
    [
        (
            r"\citep[see][p.~3]{a, b} \citet*{c}",
            ["key a@1:19-20", "key b@1:22-23", "key c@1:33-34"],
            False,
        ),
        (
            "\\textcites(pre)(post)[p. 1]{a}[][]{b}\n\\autocite{c}",
            ["key a@1:29-30", "key b@1:36-37", "key c@2:11-12"],
            False,
        ),
        (
            "% \\cite{hidden}\n\\parencite{\n  a,\n  b}\\nocite{*}",
            ["key a@3:3-4", "key b@4:3-4"],
            True,
        ),
        (r"\section{Intro} \ref{fig} \cite", [], False),
    ],
    ids=["natbib", "biblatex-multicite", "comments-newlines-nocite", "not-cites"],
)
def test_latex_keys(text: str, expected: list[str], everything: bool) -> None:
    found, cites_all = citations.find(
        manuscript.from_text("p.tex", text, Kind.LATEX), GROUPS
    )
    assert [_brief(citation) for citation in found] == expected
    assert cites_all is everything


PIECES = st.sampled_from(
    ["(", ")", ";", ",", " ", "\n", "&", "and", "et al.", "e.g.,", "see", "Kopta",
     "van", "der", "Berg", "NIMH", "[NIMH]", "2014", "2014a", "n.d.", "in press",
     "p. 3", "'s", "@key", "\\cite{a}", "[@b]", "%", "~", "`", "World Health",
     "Organization", "Ødegaard", "\\\"a", "{", "}"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.sampled_from(list(Kind)))
def test_any_text_gives_citations_inside_it(pieces: list[str], kind: Kind) -> None:
    text = "".join(pieces)
    paper = manuscript.from_text("p", text, kind)
    found, _ = citations.find(paper, GROUPS)
    lines = text.split("\n")
    for citation in found:
        span = citation.span
        assert 1 <= span.line <= span.end_line <= len(lines)
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1
        assert citation.key or citation.names
