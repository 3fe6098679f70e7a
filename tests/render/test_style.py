"""Finding and loading styles; user styles in the sandbox, good and broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import parse, render
from citeman.render import style
from tests.conftest import DATA, ROOT

STYLES = DATA / "render" / "styles"
LIBRARY = parse.load(ROOT / "library.bib").entries


def test_builtin_styles_are_found_through_the_package() -> None:
    assert style.builtin_names() == ["apa", "vancouver"]
    assert (style.styles_folder() / "apa" / "style.toml").is_file()


def test_a_checkout_finds_the_top_level_styles() -> None:
    """The repository holds no citeman/styles (no link); setup.py copies styles/
    into the wheel, and a checkout finds them beside the package."""
    assert not (ROOT / "citeman" / "styles").exists()
    assert style.styles_folder(ROOT / "citeman") == ROOT / "styles"


def test_installed_copy_wins_over_a_checkout(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "citeman"
    (package / "styles" / "apa").mkdir(parents=True)
    (package / "styles" / "apa" / "style.toml").write_text("", encoding="utf-8")
    assert style.styles_folder(package) == package / "styles"


def test_checkout_styles_without_an_installed_copy(tmp_path: Path) -> None:
    package = tmp_path / "citeman"
    package.mkdir()
    assert style.styles_folder(package) == tmp_path / "styles"


def test_apa_style_description() -> None:
    apa = style.find("apa")
    assert (apa.name, apa.sort, apa.disambiguate, apa.fallback) == (
        "APA 7",
        "author-date",
        True,
        "misc",
    )
    assert apa.template_name("techreport", style.templates_of(apa)) == "report.j2"
    assert apa.template_name("article", style.templates_of(apa)) == "article.j2"
    assert apa.template_name("patent", style.templates_of(apa)) == "misc.j2"


def test_user_style_renders_in_its_own_order() -> None:
    """Template text is the style's own layout: only values are escaped."""
    chosen = render.find(str(STYLES / "good"))
    entries = parse.load(DATA / "render" / "cite.bib").entries
    lines = render.render(entries[1:4], chosen, "markdown").splitlines()
    assert [line for line in lines if line] == [
        "[lee2018] Lee (2018) *Earlier*.",
        "[lee2020a] Lee (2020a) *Alpha*.",
        "[lee2020b] Lee (2020b) *Beta*.",
    ]


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        pytest.param(
            "broken_syntax",
            "broken_syntax/misc.j2:4: Unexpected end of template. Jinja was looking"
            " for the following tags: 'elif' or 'else' or 'endif'. The innermost"
            " block that needs to be closed is 'if'.",
            id="syntax-error-names-file-and-line",
        ),
        pytest.param(
            "broken_undefined",
            "broken_undefined/misc.j2:2: 'citeman.render.reference.Reference object'"
            " has no attribute 'titel' (rendering entry bellis2014)",
            id="undefined-names-file-line-and-entry",
        ),
        pytest.param(
            "sandbox",
            "sandbox/misc.j2:2: access to attribute '__class__' of 'Reference' object"
            " is unsafe. (rendering entry bellis2014)",
            id="sandbox-refuses-python-internals",
        ),
        pytest.param(
            "bad_toml",
            'bad_toml/style.toml: unknown key "order"; allowed keys are name,'
            " description, sort, disambiguate, fallback, templates",
            id="unknown-style-key",
        ),
    ],
)
def test_broken_user_style(folder: str, message: str) -> None:
    with pytest.raises(style.StyleError) as raised:
        render.render(LIBRARY[1:2], render.find(str(STYLES / folder)), "text")
    assert str(raised.value).endswith(message)
    assert "\n" not in str(raised.value)


def test_unknown_style_lists_the_builtins() -> None:
    with pytest.raises(style.StyleError) as raised:
        render.find("chicago")
    assert str(raised.value) == (
        'no style "chicago"; use one of apa, vancouver or a folder of templates'
    )


def test_style_without_its_fallback_template(tmp_path: Path) -> None:
    with pytest.raises(style.StyleError) as raised:
        render.render(LIBRARY[:1], render.find(str(tmp_path)), "text")
    assert str(raised.value) == (
        f'{tmp_path}: no template misc.j2; add it, or name another "fallback"'
        " in style.toml"
    )
