"""Property: any library citeman renders in APA reads back to the same rendering.

Hypothesis builds libraries of every entry type the APA style has a template
for, with names (particles, hyphens, accents, suffixes, group authors),
titles in sentence case with proper nouns, dates, details and links; each is
rendered as plain text, Markdown and Word, imported, and rendered again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman import parse, render
from citeman.importer import markdown, plain, run
from citeman.importer import reader as reader_module
from tests.importer.documents import runs_of_html, write_docx

APA = render.find("apa")
FAMILIES = ["Smith", "van der Berg", "García-López", "O'Brien", "Kivimäki", "de Souza",
            "Nguyen", "Santesteban-Echarri", "Okafor", "MacDonald"]  # fmt: skip
GIVEN = ["Anne", "J.", "Hans-Jörg", "Mary Ann", "K. L.", "Élodie", "Q."]
GROUPS = [
    "World Health Organization",
    "National Cancer Institute",
    "Pew Research Center",
]
WORDS = ["recovery", "outcomes", "therapy", "of", "in", "children", "the", "data",
         "mental", "health", "long-term", "model", "trial", "and"]  # fmt: skip
KINDS = ["article", "book", "incollection", "techreport", "phdthesis", "online",
         "dataset", "software"]  # fmt: skip
PROPER = ["England", "Africa", "DNA", "COVID-19", "NHS", "Freud"]
JOURNALS = ["Journal of Affective Disorders", "BMC Medicine", "Psychological Review",
            "The Lancet Public Health", "Psychonomic Bulletin \\& Review"]  # fmt: skip
PUBLISHERS = ["Springer", "Oxford University Press", "John Wiley \\& Sons", "MIT Press"]


@st.composite
def people(draw: st.DrawFn, most: int = 8) -> str:
    count = draw(st.integers(1, most))
    names = []
    for index in range(count):
        # Two group authors in a row before the last ("World Health Organization,
        # National Cancer Institute, & …") read as one group whose name has a comma
        # ("University of California, Berkeley"): printed APA cannot tell them
        # apart, so the importer keeps such a run whole (README, citeman import).
        follows_group = bool(names) and names[-1].startswith("{")
        last = index == count - 1
        if draw(st.integers(0, 9)) == 0 and (last or not follows_group):
            names.append("{" + draw(st.sampled_from(GROUPS)) + "}")
            continue
        family = draw(st.sampled_from(FAMILIES))
        given = draw(st.sampled_from(GIVEN))
        suffix = ", Jr." if draw(st.integers(0, 12)) == 0 else ""
        names.append(f"{family}{suffix}, {given}")
    return " and ".join(names)


@st.composite
def titles(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS + PROPER), min_size=1, max_size=9))
    words[0] = words[0][:1].upper() + words[0][1:]
    title = " ".join(words)
    if draw(st.booleans()):
        title += ": A " + draw(st.sampled_from(["review", "trial", "study"]))
    return title


def _field(name: str, value: str) -> str:
    return f"  {name} = {{{value}}},\n"


@st.composite
def entries(draw: st.DrawFn, index: int) -> str:
    kind = draw(st.sampled_from(KINDS))
    fields = _field("author", draw(people())) + _field("title", draw(titles()))
    fields += _field("year", str(draw(st.integers(1950, 2025))))
    if kind == "article":
        fields += _field("journal", draw(st.sampled_from(JOURNALS)))
        fields += _field("volume", str(draw(st.integers(1, 400))))
        if draw(st.booleans()):
            fields += _field("number", str(draw(st.integers(1, 12))))
        first = draw(st.integers(1, 900))
        if draw(st.booleans()):
            fields += _field("pages", f"{first}--{first + draw(st.integers(1, 40))}")
        else:
            fields += _field("eid", f"e{first:06d}")
    elif kind == "incollection":
        fields += _field("booktitle", draw(titles()))
        fields += _field("editor", draw(people(3)))
        first = draw(st.integers(1, 900))
        fields += _field("pages", f"{first}--{first + draw(st.integers(1, 40))}")
        fields += _field("publisher", draw(st.sampled_from(PUBLISHERS)))
    elif kind == "phdthesis":
        fields += _field("school", "University of Virginia")
        fields += _field("publisher", "ProQuest Dissertations and Theses Global")
    elif kind == "techreport":
        fields += _field(
            "number", f"{draw(st.integers(1, 99))}-{draw(st.integers(1, 9))}"
        )
        fields += _field("institution", "NHS Digital")
    elif kind == "online":
        fields += _field("organization", "HuffPost")
        fields += _field("url", f"https://example.org/page/{index}")
    elif kind in ("dataset", "software"):
        fields += _field("version", f"{draw(st.integers(1, 9))}.{index}")
        fields += _field("publisher", draw(st.sampled_from(PUBLISHERS)))
    else:
        if draw(st.booleans()):
            fields += _field("edition", str(draw(st.integers(2, 9))))
        fields += _field("publisher", draw(st.sampled_from(PUBLISHERS)))
    if draw(st.booleans()):
        fields += _field("doi", f"10.{draw(st.integers(1000, 9999))}/x.{index}")
    return f"@{kind}{{e{index},\n{fields}}}\n"


@st.composite
def libraries(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 4))
    return "\n".join(draw(entries(index)) for index in range(count))


def _again(imported: run.ImportedList, fmt: str) -> str:
    again = parse.loads(imported.bibtex(), "imported.bib").entries
    return render.render(again, APA, fmt)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries())
def test_rendered_library_reads_back_to_the_same_rendering(bibtex: str) -> None:
    library = parse.loads(bibtex, "generated.bib")
    for fmt, reader, name in (("text", plain.read, "list.txt"),
                              ("markdown", markdown.read, "list.md")):  # fmt: skip
        rendered = render.render(library.entries, APA, fmt)
        assert _again(run.read(reader(name, rendered)), fmt) == rendered
    # Word: the HTML rendering's <i> stretches become italic runs.
    with tempfile.TemporaryDirectory() as directory:
        html = render.render(library.entries, APA, "html")
        path = write_docx(Path(directory) / "list.docx", runs_of_html(html))
        imported = run.read(reader_module.read(path))
    assert _again(imported, "markdown") == render.render(
        library.entries, APA, "markdown"
    )
