"""render, cite and audit agree on names, initials, years and letters (issue 11).

All three read :mod:`citeman.authordate`. What ``citeman cite`` prints,
written into a manuscript, is what ``citeman audit`` accepts, and is what the
reference list ``render`` prints implies: the same year letter (APA 8.19,
9.47), the same names (8.17, 8.18, 8.20). The property test draws small
libraries that collide on purpose: shared family names with other initials
(``{Ch}ristopher`` and ``Carl``), the same authors in one year, undated works,
works in press (``pubstate`` wins over a year), group authors, editors in
the author's place, no author at all, "and others" and ``crossref`` children.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman import parse, render
from citeman.audit import run
from citeman.audit.manuscript import Kind, from_text
from citeman.authordate import naming
from citeman.authordate.work import Work
from citeman.config import Config
from citeman.model import Entry, Library
from citeman.render import engine, keys
from citeman.render.markup import MARKUPS
from tests.conftest import DATA, REAL_FILES
from tests.conftest import run as run_cli

LIBRARY = DATA / "authordate" / "library.bib"
APA = render.find("apa")
ACTIVE = Config().active_rules(manuscript=True)
TEXT = engine.Renderer(APA, MARKUPS["text"])

FAMILIES = ["Smith", "Lee", "Park", "van Berg", "Kim"]
GIVEN = ["Anna", "Carl", "{Ch}ristopher", "Bo", "Jean-Paul"]
GROUPS = ["{World Health Organization}", "{Acme Research Group}"]
TITLES = ["Alpha study", "Beta review", "Gamma notes", "Delta report"]
#: The date element of a reference: (2020a), (n.d.-b), (in press-a).
DATE = re.compile(r"\((\d{4}[a-z]*|n\.d\.(?:-[a-z]+)?|in press(?:-[a-z]+)?)\)\.")


def test_what_cite_prints_audit_accepts(tmp_path: Path) -> None:
    code, cited, err = run_cli("cite", "--bib", str(LIBRARY), "chris", "anna", "jones")
    assert (code, err) == (0, "")
    assert cited == "(Jones, in press; A. Smith, 2020; C. Smith, 2020)\n"
    manuscript = tmp_path / "paper.md"
    manuscript.write_text(f"As shown {cited.strip()}, it works.\n")
    code, out, _ = run_cli("audit", str(manuscript), "--bib", str(LIBRARY))
    assert (code, out.strip()) == (0, "No problems found.")


person = st.builds(
    lambda family, given: f"{family}, {given}",
    st.sampled_from(FAMILIES),
    st.sampled_from(GIVEN),
)
people = st.one_of(
    st.lists(person, min_size=1, max_size=4, unique=True).map(" and ".join),
    st.lists(person, min_size=1, max_size=2, unique=True).map(
        lambda names: " and ".join([*names, "others"])
    ),
    st.sampled_from(GROUPS),
)
when = st.sampled_from(
    ["year = 2019", "year = 2020", "", "year = 2021, pubstate = {inpress}"]
)


@st.composite
def libraries(draw: st.DrawFn) -> str:
    """Return the source of a small library whose citations collide."""
    entries = []
    for number in range(draw(st.integers(1, 7))):
        key = f"w{number}"
        title = draw(st.sampled_from(TITLES))
        kind = draw(st.sampled_from(["author", "author", "editor", "none", "child"]))
        date = draw(when)
        if kind == "child":
            # A chapter whose year comes from its book (crossref, BibTeX's way).
            authors = draw(people)
            entries.append(
                f"@book{{{key}p, editor = {{{draw(person)}}}, title = {{{title} book}},"
                f" publisher = {{P}}, {date}}}"
            )
            entries.append(
                f"@incollection{{{key}, author = {{{authors}}}, title = {{{title}}},"
                f" crossref = {{{key}p}}}}"
            )
            continue
        creators = "" if kind == "none" else f"{kind} = {{{draw(people)}}},"
        entries.append(f"@book{{{key}, {creators} title = {{{title}}}, {date}}}")
    return "\n".join(entries) + "\n"


def _years(entries: list[Entry]) -> dict[str, str]:
    """Return each reference's date element as ``render`` prints it (text).

    These are :func:`citeman.render.render`'s steps, with one compiled style.
    """
    entries, context = keys.distinct(*render.inherited(entries, ()))
    references, suffixes = engine.prepare(entries, APA, context)
    years = {}
    for reference in TEXT.render(references, suffixes):
        found = DATE.search(reference.text)
        assert found, reference.text
        years[reference.key] = found.group(1)
    return years


def _audit(library: Library, text: str) -> list[str]:
    model = run.build([from_text("paper.txt", text, Kind.TEXT)], [library])
    return [f"{p.code} {p.message}" for p in run.audit(model, ACTIVE)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(libraries())
def test_cite_render_and_audit_agree_for_any_library(source: str) -> None:
    library = parse.loads(source)
    entries = list(library.entries)
    years = _years(entries)
    lines = []
    for entry in entries:
        if entry.key not in years:
            continue
        cited = render.cite([entry], entries, APA)
        narrative = render.cite([entry], entries, APA, narrative=True)
        # The year and letter the citation gives are the reference list's.
        assert cited.endswith(f", {years[entry.key]})"), (cited, years)
        assert narrative.endswith(f"({years[entry.key]})"), (narrative, years)
        lines += [f"As found {cited}.", f"And {narrative} agrees."]
    together = render.cite(entries, entries, APA)
    lines.append(f"All of them {together}.")
    assert _audit(library, "\n".join(lines) + "\n") == []


LETTERED = re.compile(r"(\d{4}|n\.d\.-|in press-)([a-z]+)")


@settings(max_examples=30, deadline=None)
@given(libraries())
def test_audit_reports_a_wrong_or_missing_letter(source: str) -> None:
    library = parse.loads(source)
    entries = list(library.entries)
    for key, year in _years(entries).items():
        lettered = LETTERED.fullmatch(year)
        if lettered is None:
            continue
        entry = next(entry for entry in entries if entry.key == key)
        cited = render.cite([entry], entries, APA)
        # A letter no work of the group has, and no letter at all.
        for wrong in (lettered.group(1) + "q", lettered.group(1).rstrip("-")):
            text = f"As found {cited.replace(year + ')', wrong + ')')}.\n"
            problems = _audit(library, text)
            assert any(p.startswith(("CM503", "CM504", "CM506")) for p in problems), (
                text,
                problems,
            )


def _pairwise(
    works: list[Work], needs: list[bool], shown: list[int]
) -> set[frozenset[int]]:
    """Return the groups of works cited alike, trying every pair that may fit."""
    parent = list(range(len(works)))

    def root(index: int) -> int:
        while parent[index] != index:
            index = parent[index]
        return index

    # A citation shows the first name and the year: it fits only works of both.
    buckets: dict[tuple[str, str, bool], list[int]] = {}
    for index, work in enumerate(works):
        buckets.setdefault((work.folded[0], work.year, work.is_titled), []).append(
            index
        )
    for members in buckets.values():
        for own in members:
            for other in members:
                if own != other and naming._fits(works, needs, shown, own, other):
                    parent[root(own)] = root(other)
    groups: dict[int, set[int]] = {}
    for index in range(len(works)):
        groups.setdefault(root(index), set()).add(index)
    return {frozenset(group) for group in groups.values() if len(group) > 1}


def _groups(works: list[Work]) -> tuple[set[frozenset[int]], set[frozenset[int]]]:
    """Return the groups ``tell_apart`` joins, and those of every pair compared."""
    needs = naming._needs_initials(works)
    shown = naming._names_shown(works, needs)
    found = {frozenset(group) for group in naming._cited_alike(works, needs, shown)}
    return found, _pairwise(works, needs, shown)


@st.composite
def crowds(draw: st.DrawFn) -> str:
    """Return a library of many works by few people in few years: long "et al."."""
    entries = []
    for number in range(draw(st.integers(2, 40))):
        authors = draw(
            st.one_of(
                st.lists(person, min_size=1, max_size=6, unique=True).map(" and ".join),
                st.lists(person, min_size=1, max_size=3, unique=True).map(
                    lambda names: " and ".join([*names, "others"])
                ),
                st.sampled_from(GROUPS),
            )
        )
        entries.append(f"@book{{c{number}, author = {{{authors}}}, {draw(when)}}}")
    return "\n".join(entries) + "\n"


@settings(max_examples=200, deadline=None)
@given(st.one_of(libraries(), crowds()))
def test_works_cited_alike_are_grouped_as_pair_by_pair(source: str) -> None:
    entries = render.inherited(list(parse.loads(source).entries), ())[0]
    found, expected = _groups([Work.of(entry) for entry in entries])
    assert found == expected


def test_the_real_files_works_cited_alike_are_grouped_as_pair_by_pair() -> None:
    for path in [*REAL_FILES, LIBRARY]:
        entries = render.inherited(list(parse.load(path).entries), ())[0]
        entries = keys.distinct(entries, ())[0]
        found, expected = _groups([Work.of(entry) for entry in entries])
        assert found == expected, path.name
