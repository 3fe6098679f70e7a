"""LaTeX output compiles: URLs verbatim, NFC text, every glyph pdfLaTeX lacks declared.

The tests do not run TeX (CI has none); they check what makes pdfLaTeX stop:
a ``\\%`` that \\url prints as a backslash, a lone combining accent, a
character no loaded font encoding declares, a control character, an
unbalanced brace. (Checked by hand with pdfLaTeX, TeX Live 2022.)
"""

from __future__ import annotations

import re
import unicodedata

from citeman.render import latex_glyphs
from tests.conftest import DATA, run

LATEX = str(DATA / "render" / "latex_document.bib")
DECLARED = re.compile(r"\\DeclareUnicodeCharacter\{([0-9A-F]{4,6})\}")


def _standalone() -> str:
    code, out, _ = run("render", LATEX, "--format", "latex", "--standalone")
    assert code == 0
    return out


def test_a_url_keeps_its_percent_and_hash_verbatim(workdir: object) -> None:
    code, out, _ = run("render", LATEX, "--format", "latex", "--keys", "pct")
    assert code == 0
    assert r"\url{https://example.org/a%20b?q=1#frag_x~y&z=$1^2}" in out


def test_text_is_composed_and_free_of_controls(workdir: object) -> None:
    document = _standalone()
    assert unicodedata.normalize("NFC", document) == document
    assert "Šťastný, J. (2016). \\textit{Über Ångström café}." in document
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", document)
    assert r"\textit{Control\textbackslash{}x01character" in document


def test_every_greek_and_cjk_character_is_declared_for_pdflatex(
    workdir: object,
) -> None:
    document = _standalone()
    preamble, body = document.split(r"\begin{document}")
    declared = {chr(int(code, 16)) for code in DECLARED.findall(preamble)}
    scripts = {
        char
        for char in body
        if unicodedata.name(char, "?").split()[0]
        in ("GREEK", "CJK", "HIRAGANA", "KATAKANA")
    }
    assert len(scripts) > 30
    assert scripts <= declared
    assert all(latex_glyphs.is_declared(char) or char in declared for char in body)
    assert r"\ifPDFTeX" in preamble
    assert r"\usepackage{fontspec}" in preamble


def test_braces_balance_outside_urls(workdir: object) -> None:
    body = re.sub(r"\\url\{[^}]*\}", "", _standalone())
    body = body.replace(r"\{", "").replace(r"\}", "")
    depth = 0
    for char in body:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
