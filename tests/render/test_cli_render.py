"""``citeman render`` and ``citeman cite`` end to end, through click's runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, run
from tests.render.goldens import EXTENSIONS, GOLDEN

#: The findings that change how library.bib prints, as they start on stderr.
WARNINGS = [
    "citeman: warning: library.bib:21:16: bellis2014: CM201 [stray-characters] ",
    "citeman: warning: library.bib:31:14: gamieldien2021: CM207 [article-number] ",
    "citeman: warning: library.bib:56:14: leichsenring2013: CM202 [title-case] ",
    "citeman: warning: library.bib:94:18: stansfeld2016: CM202 [title-case] ",
]


@pytest.fixture
def library(workdir: Path) -> Path:
    return Path(shutil.copy(ROOT / "library.bib", workdir / "library.bib"))


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def assert_warnings(stderr: str, expected: list[str]) -> None:
    lines = stderr.splitlines()
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)
        assert line.endswith("; printed as best it can")


def test_render_library_bib_prints_the_ten_references_in_apa_order(
    library: Path,
) -> None:
    code, out, err = run("render", "library.bib")
    assert code == 0
    assert out == golden("apa/library.txt")
    assert [line.split(",")[0] for line in out.split("\n\n")] == [
        "Bellis", "Gamieldien", "Hirschfeld", "Kivimäki", "Kopta", "Leichsenring",
        "Leichsenring", "Lindfors", "Santesteban-Echarri", "Stansfeld",
    ]  # fmt: skip
    assert_warnings(err, WARNINGS)


def test_render_reads_library_bib_by_default(library: Path) -> None:
    assert run("render")[:2] == (0, golden("apa/library.txt"))


@pytest.mark.parametrize("fmt", list(EXTENSIONS))
def test_render_every_format(library: Path, fmt: str) -> None:
    code, out, _ = run("render", "library.bib", "--format", fmt)
    assert (code, out) == (0, golden(f"apa/library.{EXTENSIONS[fmt]}"))


def test_render_standalone_html_page(library: Path) -> None:
    code, out, _ = run("render", "--format", "html", "--standalone")
    assert (code, out) == (0, golden("apa/library.standalone.html"))


def test_render_keys_in_the_order_given_with_vancouver(library: Path) -> None:
    code, out, err = run(
        "render", "--style", "vancouver", "--keys", "kopta1994,bellis2014"
    )
    assert code == 0
    assert out == (
        "1. Kopta SM, Howard KI, Lowry JL, Beutler LE. Patterns of symptomatic"
        " recovery in psychotherapy. Journal of Consulting and Clinical Psychology."
        " 1994;62(5):1009-1016.\n\n"
        "2. Bellis MA, Hughes K, Leckenby N, Perkins C, Lowey H. National household"
        " survey of adverse childhood experiences and their relationship with"
        " resilience to health-harming behaviors in England. BMC Medicine."
        " 2014;12(1):72. 2.\n"
    )
    assert_warnings(err, WARNINGS[:1])


def test_render_output_file(library: Path) -> None:
    assert run("render", "--format", "rtf", "--output", "refs.rtf")[:2] == (0, "")
    written = (library.parent / "refs.rtf").read_text(encoding="utf-8")
    assert written == golden("apa/library.rtf")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ("--keys", "bellis2015"),
            'no entry with key "bellis2015" in library.bib; did you mean "bellis2014"?',
            id="unknown-key",
        ),
        pytest.param(
            ("--style", "chicago"),
            'no style "chicago"; use one of apa, vancouver or a folder of templates',
            id="unknown-style",
        ),
        pytest.param(
            ("--style", str(DATA / "render" / "styles" / "broken_undefined")),
            f"{DATA}/render/styles/broken_undefined/misc.j2:2: 'citeman.render."
            "reference.Reference object' has no attribute 'titel' (rendering entry"
            " hirschfeld2024)",
            id="broken-user-style",
        ),
        pytest.param(
            ("missing.bib",),
            "missing.bib: no such file",
            id="missing-file",
        ),
    ],
)
def test_render_errors_are_one_line_and_exit_2(
    library: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run("render", *args)
    assert (code, out) == (2, "")
    assert err == f"citeman: error: {message}\n"


@pytest.mark.parametrize(
    ("args", "expected", "warned"),
    [
        pytest.param(("bellis2014",), "(Bellis et al., 2014)\n", 1, id="et-al"),
        pytest.param(
            ("--narrative", "leichsenring2011"),
            "Leichsenring and Rabung (2011)\n",
            0,
            id="narrative",
        ),
        pytest.param(
            ("lindfors2015", "kopta1994"),
            "(Kopta et al., 1994; Lindfors et al., 2015)\n",
            0,
            id="several-in-list-order",
        ),
    ],
)
def test_cite(library: Path, args: tuple[str, ...], expected: str, warned: int) -> None:
    code, out, err = run("cite", *args, "--bib", "library.bib")
    assert (code, out) == (0, expected)
    assert len(err.splitlines()) == warned


def test_cite_unknown_key(library: Path) -> None:
    assert run("cite", "nobody2020") == (
        2,
        "",
        'citeman: error: no entry with key "nobody2020" in library.bib\n',
    )


def test_render_warns_about_blocks_it_could_not_read(workdir: Path) -> None:
    (workdir / "broken.bib").write_text(
        "@article{ok, author = {Lee, A.}, title = {Fine}, journal = {J}, year = {2020},"
        " volume = {1}, pages = {1--2}, doi = {10.1000/x}}\n\n"
        "@article{broken, title = {Unclosed\n",
        encoding="utf-8",
    )
    code, out, err = run("render", "broken.bib", "--format", "markdown")
    assert (code, out) == (
        0,
        "Lee, A. (2020). Fine. *J*, *1*, 1–2. <https://doi.org/10.1000/x>\n",
    )
    assert err.startswith("citeman: warning: broken.bib:3: ")
    assert err.endswith("; that block is left out\n")


@pytest.mark.parametrize(
    ("fmt", "start", "end"),
    [
        pytest.param(
            "latex", "\\documentclass{article}\n", "\\end{document}\n", id="latex"
        ),
        pytest.param(
            "markdown", "# References\n\nBellis, M. A.", "NHS Digital.\n", id="md"
        ),
        pytest.param("rtf", "{\\rtf1\\ansi", "NHS Digital.\\par}\n}\n", id="rtf"),
    ],
)
def test_render_standalone_documents(
    library: Path, fmt: str, start: str, end: str
) -> None:
    code, out, _ = run("render", "--format", fmt, "--standalone")
    assert code == 0
    assert out.startswith(start)
    assert out.endswith(end)
    assert out.count("Bellis, M. A.") == 1
