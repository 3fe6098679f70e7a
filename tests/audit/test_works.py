"""Entries as in-text citations name them: names, years, letters, names needed."""

from __future__ import annotations

from citeman import parse
from citeman.audit import form, works


def _works(bib: str) -> dict[str, works.Work]:
    built = works.build([parse.loads(bib, "w.bib")])
    return {work.entry.key: work for work in built}


def test_families_keep_particles_decode_latex_and_keep_groups_whole() -> None:
    found = _works(
        r"""
@article{a, year = 2001,
  author = {van der Berg, J. and Kivim{\"a}ki, M. and {World Health Organization}}}
@book{b, editor = {Smith, J.}, year = 2002}
@misc{c, title = {Mental {Health} Atlas}, date = {2003-05-01}}
@article{d, author = {Lee, A. and others}, year = {in press}}
"""
    )
    assert found["a"].families == (
        "van der Berg",
        "Kivimäki",
        "World Health Organization",
    )
    assert found["a"].folded == ("berg", "kivimaki", "worldhealthorganization")
    assert (found["b"].families, found["b"].year) == (("Smith",), "2002")
    assert (found["c"].families, found["c"].is_group) == (
        ("Mental Health Atlas",),
        True,
    )
    assert found["c"].year == "2003"
    assert form.author_count(found["d"]) == 3
    assert form.cite(found["d"], narrative=False) == "Lee et al., in press"


def test_same_authors_and_year_take_letters_by_title() -> None:
    found = _works(
        """
@article{x, author = {Smith, J.}, title = {The zebra}, year = 2020}
@article{y, author = {Smith, J.}, title = {An apple}, year = 2020}
@article{z, author = {Smith, J. and Lee, A.}, title = {Alone}, year = 2020}
@article{u, author = {Smith, J.}, title = {Undated}, year = {n.d.}}
@article{v, author = {Smith, J.}, title = {Also undated}}
"""
    )
    assert {key: work.suffix for key, work in found.items()} == {
        "x": "b", "y": "a", "z": "", "u": "b", "v": "a",
    }  # fmt: skip
    assert form.cite(found["u"], narrative=True) == "Smith (n.d.-b)"


def test_names_needed_to_tell_et_al_forms_apart() -> None:
    found = _works(
        """
@article{a, author = {Kapoor, A. and Bloom, B. and Montez, C.}, year = 2017}
@article{b, author = {Kapoor, A. and Bloom, B. and Zucker, D.}, year = 2017}
@article{c, author = {Kapoor, A. and Lee, E. and Ng, F.}, year = 2017}
@article{d, author = {Kapoor, A. and Lee, E. and Ng, F.}, year = 2018}
"""
    )
    # c is told apart by two names, but "et al." never stands for one name
    # (APA 8.18): its three names are written out.
    assert {key: work.names_needed for key, work in found.items()} == {
        "a": 3, "b": 3, "c": 3, "d": 1,
    }  # fmt: skip
    assert form.cite(found["a"], narrative=False) == "Kapoor, Bloom, & Montez, 2017"
    assert form.cite(found["c"], narrative=False) == "Kapoor, Lee, & Ng, 2017"
    assert form.cite(found["d"], narrative=True) == "Kapoor et al. (2018)"
