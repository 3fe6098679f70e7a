"""APA in-text citations (Publication Manual §8.10–8.19)."""

from __future__ import annotations

import pytest

from citeman import parse, render
from tests.conftest import DATA, ROOT

LIBRARY = parse.load(ROOT / "library.bib").entries
CITED = parse.load(DATA / "render" / "cite.bib").entries


def cite(keys: str, library: tuple[object, ...] = (), narrative: bool = False) -> str:
    pool = library or LIBRARY
    chosen = [entry for key in keys.split() for entry in pool if entry.key == key]  # type: ignore[attr-defined]
    return render.cite(chosen, pool, render.find("apa"), narrative=narrative)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keys", "narrative", "expected"),
    [
        pytest.param("bellis2014", False, "(Bellis et al., 2014)", id="8.17-et-al"),
        pytest.param("bellis2014", True, "Bellis et al. (2014)", id="8.11-narrative"),
        pytest.param(
            "leichsenring2011", False, "(Leichsenring & Rabung, 2011)", id="8.17-two"
        ),
        pytest.param(
            "leichsenring2011",
            True,
            "Leichsenring and Rabung (2011)",
            id="8.17-two-narrative-and",
        ),
        pytest.param(
            "kopta1994 bellis2014 leichsenring2011",
            False,
            "(Bellis et al., 2014; Kopta et al., 1994; Leichsenring & Rabung, 2011)",
            id="8.12-several-in-list-order",
        ),
    ],
)
def test_cite_library(keys: str, narrative: bool, expected: str) -> None:
    assert cite(keys, narrative=narrative) == expected


@pytest.mark.parametrize(
    ("keys", "narrative", "expected"),
    [
        pytest.param(
            "who2018", False, "(World Health Organization, 2018)", id="8.21-group"
        ),
        pytest.param(
            "lee2020b lee2020a", False, "(Lee, 2020a, 2020b)", id="8.19-letters"
        ),
        pytest.param(
            "lee2020a lee2018", True, "Lee (2018, 2020a)", id="8.12-years-together"
        ),
        pytest.param("lee2020a", False, "(Lee, 2020a)", id="8.19-letter-alone"),
        pytest.param(
            "kim2019a", False, "(Kim, Park, et al., 2019)", id="8.18-ambiguous-et-al"
        ),
        pytest.param(
            "kim2019b", False, "(Kim, Lee, et al., 2019)", id="8.18-other-work"
        ),
        pytest.param(
            "jones2021a",
            False,
            "(Jones, Park, & Choi, 2021)",
            id="8.18-et-al-never-one",
        ),
        pytest.param("piaget", False, "(Piaget, 1966/1969)", id="8.15-republished"),
        pytest.param("nodate", False, "(Ames, n.d.)", id="8.14-no-date"),
        pytest.param("press", False, "(Ames, in press)", id="8.14-in-press"),
        pytest.param(
            "roend1 roend2", False, "(Roe, n.d.-a, n.d.-b)", id="9.47-undated-letters"
        ),
        pytest.param(
            "roeip1",
            False,
            "(Roe, in press-b)",
            id="9.47-in-press-letters-pubstate-wins-over-the-year",
        ),
        pytest.param(
            "chris carl",
            False,
            "(C. Smith, 2020; Ch. Smith, 2020)",
            id="8.20-initials-of-first-authors-sharing-a-family-name",
        ),
        pytest.param(
            "mosslee1 mosslee2",
            False,
            "(Moss & Lee, 2021a, 2021b)",
            id="8.19-other-co-authors-cited-alike-take-letters-in-list-order",
        ),
    ],
)
def test_cite(keys: str, narrative: bool, expected: str) -> None:
    assert cite(keys, CITED, narrative) == expected
