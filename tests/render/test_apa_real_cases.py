"""APA 7 cases that real libraries got wrong (issue 11, items 5-9 and 11).

Each case is a reduced real entry and its reference in text format, with the
section of the *Publication Manual* (7th ed.) that decides it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import parse, render
from tests.conftest import run

CASES = [
    pytest.param(
        "@phdthesis{k, author = {Harris, Lee}, title = {Instructional leadership in "
        "elementary schools}, school = {University of Virginia}, year = 2014}",
        "Harris, L. (2014). Instructional leadership in elementary schools "
        "[Unpublished doctoral dissertation]. University of Virginia.",
        id="10.6-unpublished-thesis",
    ),
    pytest.param(
        "@phdthesis{k, author = {Harris, Lee}, title = {Leadership}, school = {MIT}, "
        "publisher = {ProQuest Dissertations and Theses Global}, year = 2014}",
        "Harris, L. (2014). Leadership [Doctoral dissertation, MIT]. ProQuest "
        "Dissertations and Theses Global.",
        id="10.6-thesis-from-a-database",
    ),
    pytest.param(
        "@article{k, author = {Kallel, H.}, title = {Light absorption}, journal = "
        "{Phys. Rev. B}, volume = 86, number = 8, pages = {085318}, year = 2012}",
        "Kallel, H. (2012). Light absorption. Phys. Rev. B, 86(8), Article 085318.",
        id="9.27-article-number-in-pages",
    ),
    pytest.param(
        "@inproceedings{k, author = {Kukil, K. V.}, title = {Fibre lasers}, booktitle "
        "= {Optical components and materials}, pages = {64730T}, year = 2007, "
        "publisher = {SPIE}}",
        "Kukil, K. V. (2007). Fibre lasers. In Optical components and materials "
        "(Article 64730T). SPIE.",
        id="9.27-article-number-in-proceedings",
    ),
    pytest.param(
        "@article{k, author = {Lee, A.}, title = {Short note}, journal = {Nature}, "
        "volume = 5, pages = {24--24}, year = 2001}",
        "Lee, A. (2001). Short note. Nature, 5, 24.",
        id="9.27-single-page-not-a-range",
    ),
    pytest.param(
        "@book{k, author = {Smith, Ann}, editor = {Kukil, K. V.}, title = {Collected "
        "works}, volume = 2, publisher = {Penguin}, year = 2000}",
        "Smith, A. (2000). Collected works (K. V. Kukil, Ed.; Vol. 2). Penguin.",
        id="10.2-editor-then-semicolon-then-volume",
    ),
    pytest.param(
        "@book{k, author = {Knuth, Donald E.}, maintitle = {The Art of Computer "
        "Programming}, title = {Seminumerical algorithms}, volume = 2, edition = 3, "
        "publisher = {Addison-Wesley}, year = 1997}",
        "Knuth, D. E. (1997). The art of computer programming: Vol. 2. Seminumerical "
        "algorithms (3rd ed.). Addison-Wesley.",
        id="10.2-volume-of-a-multivolume-work",
    ),
    pytest.param(
        "@article{k, author = {Roe, J.}, title = {Wires}, journal = {Nano Lett.}, "
        "year = 2001}",
        "Roe, J. (2001). Wires. Nano Lett.",
        id="9.25-no-double-period-after-an-abbreviated-journal",
    ),
    pytest.param(
        "@article{k, author = {Kalnay, E.}, title = {The reanalysis project}, "
        "journal = {Bull. Amer. Meteor. Soc.}, volume = 77, pages = {437--471}, "
        "year = 1996, doi = {10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2}}",
        "Kalnay, E. (1996). The reanalysis project. Bull. Amer. Meteor. Soc., 77, "
        "437–471. https://doi.org/10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2",
        id="9.35-doi-shown-as-registered",
    ),
    pytest.param(
        "@inproceedings{k, author = {Oaho, A. V.}, title = {Information transfer in "
        "VLSI}, booktitle = {Proceedings of the Fifteenth Annual ACM Symposium on "
        "Theory of Computing}, pages = {133--139}, year = 1983}",
        "Oaho, A. V. (1983). Information transfer in VLSI. In Proceedings of the "
        "Fifteenth Annual ACM Symposium on Theory of Computing (pp. 133–139).",
        id="10.5-proceedings-named-for-the-conference-keep-capitals",
    ),
    pytest.param(
        "@article{k, author = {Burgess, T.}, title = {Doping-Enhanced Efficiency "
        "Enables Lasing in {GaAs} Nanowires}, journal = {Nat. Commun.}, volume = 7, "
        "number = {May}, pages = {11927}, year = 2016}",
        "Burgess, T. (2016). Doping-enhanced efficiency enables lasing in GaAs "
        "nanowires. Nat. Commun., 7, Article 11927.",
        id="9.19-no-capital-after-a-hyphen-and-a-month-is-no-issue",
    ),
    pytest.param(
        "@inproceedings{k, author = {Rowley, C.}, title = {The {LaTeX} Legacy: 2.09 "
        "And All That}, booktitle = {Proceedings of PODC}, year = 2001}",
        "Rowley, C. (2001). The LaTeX legacy: 2.09 and all that. In Proceedings of "
        "PODC.",
        id="6.17-a-number-opens-the-subtitle",
    ),
    pytest.param(
        "@online{k, author = {Itzhaki, Nissan}, title = {Some remarks}, date = "
        "{1996-03-11}, eprinttype = {arxiv}, eprint = {hep-th/9603067}}",
        "Itzhaki, N. (1996). Some remarks [Preprint]. arXiv. "
        "https://arxiv.org/abs/hep-th/9603067",
        id="10.8-arxiv-preprint",
    ),
    pytest.param(
        "@thesis{k, author = {Keeler, T. A.}, title = {Fields}, type = {MSc thesis}, "
        "school = {University of British Columbia}, year = 2006, doi = {10.1/x}}",
        "Keeler, T. A. (2006). Fields [Master's thesis, University of British "
        "Columbia]. https://doi.org/10.1/x",
        id="10.6-msc-is-a-masters-thesis",
    ),
    pytest.param(
        "@book{k, editor = {Klein, Rolf and H.-W. (Hans-Werner) Six and "
        "Tyagi, a. K.}, title = {Perspective}, publisher = {Springer}, year = 2003}",
        "Klein, R., Six, H.-W., & Tyagi, A. K. (Eds.). (2003). Perspective. Springer.",
        id="9.8-initials-once-and-capital",
    ),
    pytest.param(
        r"@article{k, author = {Swanson, Ellen}, title = {Publishing \TeX{} and "
        r"Cu$_2$O}, journal = {TUGboat}, volume = 1, pages = {5--6}, year = 1980}",
        "Swanson, E. (1980). Publishing TeX and Cu₂O. TUGboat, 1, 5–6.",
        id="issue-11-item-1-tex-logos-and-math-kept",
    ),
    pytest.param(
        "@article{k, author = {Lee, A.}, title = {Post-Newtonian Orbits in "
        "Non-Gaussian Noise}, journal = {Phys. Rev. D}, volume = 9, pages = {1--9}, "
        "year = 2001}",
        "Lee, A. (2001). Post-Newtonian orbits in non-Gaussian noise. Phys. Rev. D, "
        "9, 1–9.",
        id="6.14-proper-part-of-a-compound-keeps-its-capital",
    ),
    pytest.param(
        "@article{k, author = {Lee, A.}, title = {Letters}, journal = {Journal}, "
        "number = 231, pages = {44--47}, year = 2001}",
        # The issue stands for the missing volume; the comma that ends the
        # journal title stays (issue 11 item 11; the form APA's CSL style gives).
        "Lee, A. (2001). Letters. Journal, (231), 44–47.",
        id="9.25-issue-without-a-volume",
    ),
    pytest.param(
        # Greenberg:2005:SIL (beebe-texbook3): three URLs in one field.
        "@misc{k, author = {Harvey J. Greenberg}, title = {Simplified introduction "
        "to {\\LaTeX}}, howpublished = {World-Wide Web document}, year = 2005, "
        'url = "http://carbon.cudenver.edu/~hgreenbe/aboutme/simplified-intro.html;\n'
        '   http://www.cudenver.edu/~hgreenbe/courses/texinfo/book/README"}',
        "Greenberg, H. J. (2005). Simplified introduction to LaTeX. World-Wide Web "
        "document. http://carbon.cudenver.edu/~hgreenbe/aboutme/simplified-intro.html",
        id="9.34-one-url-the-first-of-several",
    ),
    pytest.param(
        "@article{k, author = {Lee, A.}, title = {T}, journal = {J}, volume = 1, "
        "year = 2017, url = {http://aip.org/pdf/1.4982629 "
        "https://doi.org/10.1063/1.4982629}}",
        "Lee, A. (2017). T. J, 1. https://doi.org/10.1063/1.4982629",
        id="9.34-a-doi-among-the-urls-is-the-doi",
    ),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_reference(source: str, expected: str) -> None:
    library = parse.loads(source)
    assert render.render(library.entries, render.find("apa"), "text") == expected + "\n"


def test_too_little_data_is_printed_and_named() -> None:
    entry = parse.loads("@misc{k, year = 2001, howpublished = {Somewhere}}").entries[0]
    assert render.render([entry], render.find("apa"), "text") == "(2001). Somewhere.\n"
    assert render.missing_essentials(entry) == ["author", "title"]


ARTICLE = (
    "@article{k, author = {Lee, A.}, title = {T}, journal = {J}, volume = 5, "
    "pages = {437--471}, year = 2001, doi = {10.1000/x}}"
)


def test_standalone_latex_makes_dois_live_links() -> None:
    entries = parse.loads(ARTICLE).entries
    document = render.render(entries, render.find("apa"), "latex", standalone=True)
    assert "\\usepackage[hidelinks]{hyperref}" in document
    assert "\\hangindent=0.5in" in document
    assert "\\url{https://doi.org/10.1000/x}" in document


def test_latex_shows_the_doi_as_registered_and_links_it_encoded() -> None:
    """APA 9.35: the DOI as registered; only hyperref's link target is encoded."""
    entries = parse.loads(
        "@article{k, author = {Kalnay, E.}, title = {T}, journal = {J}, volume = 7, "
        "year = 1996, doi = {10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2}}"
    ).entries
    shown = render.render(entries, render.find("apa"), "latex")
    target = "https://doi.org/10.1175/1520-0477(1996)077%3C0437:TNYRP%3E2.0.CO;2"
    label = "https://doi.org/10.1175/1520-0477(1996)077<0437:TNYRP>2.0.CO;2"
    assert f"\\href{{{target}}}{{\\nolinkurl{{{label}}}}}" in shown


def test_render_names_the_urls_it_leaves_out(workdir: Path) -> None:
    """APA 9.34 prints one URL; the others in the field are named, not lost silently."""
    library = workdir / "urls.bib"
    library.write_text(
        "@misc{k, author = {Lee, A.}, title = {T}, year = 2005,\n"
        "  url = {http://a.org/x.html; http://b.org/y}}\n"
        "@misc{one, author = {Lee, B.}, title = {U}, year = 2005, url = {http://c.org}}\n"
    )
    code, out, err = run("render", str(library))
    assert code == 0
    assert "http://a.org/x.html" in out and "http://b.org/y" not in out
    assert err == (
        f"citeman: warning: {library}:1:1: k: url holds several URLs and APA prints "
        "one DOI or URL (9.34); left out: http://b.org/y\n"
    )


def test_html_has_apas_hanging_indent_a_measure_and_unbroken_ranges() -> None:
    entries = parse.loads(ARTICLE).entries
    page = render.render(entries, render.find("apa"), "html", standalone=True)
    assert ".references { max-width: 40em; }" in page
    assert "padding-left: 0.5in; text-indent: -0.5in" in page
    assert '<span style="white-space: nowrap">437–471</span>' in page


def test_letters_without_decomposition_sort_on_their_base_letter() -> None:
    """APA 9.44: letter by letter on base letters; Ø under O, Ł under L (item 10)."""
    source = "".join(
        f"@book{{{key}, author = {{{name}}}, title = {{T}}, year = 2000}}\n"
        for key, name in [
            ("zeller", "Zeller, Anna"), ("orsted", "{\\O}rsted, Hans"),
            ("lukasiewicz", "{\\L}ukasiewicz, Jan"), ("moller", "M{\\o}ller, Per"),
            ("morris", "Morris, Ann"),
        ]
    )  # fmt: skip
    shown = render.render(parse.loads(source).entries, render.find("apa"), "text")
    families = [line.split(",")[0] for line in shown.splitlines() if line]
    assert families == ["Łukasiewicz", "Møller", "Morris", "Ørsted", "Zeller"]
