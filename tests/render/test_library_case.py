"""APA sentence case read with what the library knows of its words (issue 11, 3).

APA 7 writes article, chapter and book titles in sentence case and keeps proper
nouns (6.17, 9.19). Which capitals are proper nouns, and whether a short title
is in Title Case at all, the library being rendered tells: each case renders
one entry of a small library, as ``citeman render --keys`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman import parse, render
from citeman.cli import main
from citeman.render import filters, library_case
from citeman.render.markup import TEXT
from citeman.text import Casing

#: A library of both styles (9 sentence case, 5 Title Case): its sentence-case
#: titles write "manual" and "beams" in lower case and capitalise "Scherrer"
#: and "Kondo" inside sentences (its proper nouns).
LIBRARY = """
@article{t1, author = {Ode, A.}, title = {Muon Spin Rotation in Magnets}, journal = {J},
  year = 2010}
@article{t2, author = {Ode, B.}, title = {Pion Decay at Rest}, journal = {J},
  year = 2011}
@article{t3, author = {Ode, C.}, title = {Neutron Scattering in Solids}, journal = {J},
  year = 2012}
@article{t4, author = {Ode, D.}, title = {Proton Beams of the Future}, journal = {J},
  year = 2013}
@article{s1, author = {Fox, A.}, title = {Focusing of beams in the hall},
  journal = {J}, year = 2014}
@article{s2, author = {Fox, B.}, title = {Slow beams for surface studies},
  journal = {J}, year = 2015}
@techreport{r1, author = {Lee, A.}, title = {A user manual for the lab}, year = 2001,
  institution = {MIT}}
@techreport{r2, author = {Lee, B.}, title = {The annual report of the group},
  year = 2002, institution = {MIT}}
@article{a1, author = {Kim, C.}, title = {Particle beams at the Scherrer institute},
  journal = {J}, year = 2003}
@article{a2, author = {Kim, D.}, title = {Upgrades to the Scherrer cyclotron},
  journal = {J}, year = 2004}
@article{a3, author = {Ito, E.}, title = {The Kondo effect in dilute alloys},
  journal = {J}, year = 2005}
@article{a4, author = {Ito, F.}, title = {Kondo lattices and the Kondo temperature},
  journal = {J}, year = 2006}
@article{a5, author = {Ma, G.}, title = {Muonium in ice and the manual of methods},
  journal = {J}, year = 2007}
@techreport{x1, author = {Roberts, B.}, title = {The FRL Manual}, year = 1977,
  institution = {MIT}}
@article{x2, author = {Wu, H.}, title = {Beam Optics for the Scherrer Muon Source},
  journal = {J}, year = 2008}
@book{x3, author = {Ng, J.}, title = {Space and Beyond}, year = 2000, publisher = {P}}
@book{x4, author = {Ng, K.}, title = {Scherrer Beams}, year = 2009, publisher = {P}}
"""


def _rendered(key: str, library: str = LIBRARY) -> str:
    entries = parse.loads(library).entries
    chosen = [entry for entry in entries if entry.key == key]
    return render.render(chosen, render.find("apa"), "text", context=entries).strip()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # 6.17: a short Title Case title: "manual" is a word the library
        # writes in lower case, so its capital is Title Case's.
        ("x1", "Roberts, B. (1977). The FRL manual. MIT."),
        # 6.17: the library's own proper noun keeps its capital in a Title
        # Case title; the other words lose theirs.
        ("x2", "Wu, H. (2008). Beam optics for the Scherrer muon source. J."),
        # "Beyond" is never a proper noun: the title is in Title Case.
        ("x3", "Ng, J. (2000). Space and beyond. P."),
        # "Scherrer" is the library's proper noun: nothing shows Title Case.
        ("x4", "Ng, K. (2009). Scherrer beams. P."),
    ],
)
def test_the_library_tells_proper_nouns_and_title_case(key: str, expected: str) -> None:
    assert _rendered(key) == expected


def test_without_the_library_a_short_title_is_left_as_written() -> None:
    chosen = [entry for entry in parse.loads(LIBRARY).entries if entry.key == "x1"]
    shown = render.render(chosen, render.find("apa"), "text").strip()
    assert shown == "Roberts, B. (1977). The FRL Manual. MIT."


def test_a_sentence_case_library_takes_short_capitalised_titles_for_names() -> None:
    # Mostly sentence-case titles: "Silmaril Consultants" is a firm's name.
    library = LIBRARY.replace(
        "@techreport{x1",
        "@misc{n, title = {Silmaril Consultants}, year = 1990}\n@techreport{x1",
    ) + "".join(
        f"@misc{{s{n}, title = {{Notes on the {word} of plain text}}, year = 1990}}\n"
        for n, word in enumerate(["margins", "kerning", "spacing", "leading", "fonts"])
    )
    assert _rendered("n", library) == "Silmaril Consultants. (1990)."


def test_render_command_reads_the_whole_library_when_keys_are_chosen(
    tmp_path: Path,
) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text(LIBRARY, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bib), "--keys", "x1"])
    assert result.exit_code == 0, result.output
    assert "The FRL manual." in result.output


def test_page_numbers_print_in_full() -> None:
    # APA prints page ranges in full (rules 12 in shared/references/apa7-rules.md).
    library = (
        "@article{k, author = {Zhao, S.}, title = {Nanowires}, journal = {Nano Lett.},"
        " volume = 13, pages = {5509--13}, year = 2013}"
    )
    assert (
        _rendered("k", library)
        == "Zhao, S. (2013). Nanowires. Nano Lett., 13, 5509–5513."
    )


def test_a_foreign_title_is_not_read_with_the_english_library_s_words() -> None:
    # "theorie" and "zahlen" are written in lower case here, as an English
    # library might; a German title still keeps its nouns' capitals.
    casing = Casing(plain=frozenset({"theorie", "zahlen"}), style="sentence")
    german = "Einführung in die Theorie der Zahlen und Mengen"
    english = "Reactions of Theorie with simple zahlen in water"
    with library_case.using(casing):
        assert filters.sentence(TEXT, german) == german
        assert filters.sentence(TEXT, english) == (
            "Reactions of theorie with simple zahlen in water"
        )
