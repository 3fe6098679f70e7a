"""How templates call macros and filters: the quicker paths render what Jinja would.

A style's macros are called without the sandbox's checks (they are template
code), a format keeps the separators it escaped, and a reference keeps the date
its author-date work read: each test here would fail if a shortcut changed what
a template sees or prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeman import names, parse, render
from citeman.dates import Date
from citeman.latex import to_text
from citeman.printable import visible_keeping_lines
from citeman.render import budget, style
from citeman.render import markup as markup_module
from citeman.render.markup import MARKUPS, SEPARATORS_KEPT, Safe
from citeman.render.reference import Name, Reference
from tests.conftest import DATA

ENTRIES = parse.load(DATA / "render" / "cite.bib").entries

MACROS = """\
{% macro shout(text, end="!") -%}{{ text | upper }}{{ end }}{%- endmacro %}
{% macro wrap() -%}[{{ caller() }}]{%- endmacro %}
{% macro count(n) -%}{% if n > 0 %}{{ n }}{{ count(n - 1) }}{% endif %}{%- endmacro %}
"""
ANY = """\
{% import "_lib.j2" as lib %}
{% for word in ["a", "b"] %}{{ lib.shout(word, end=loop.index) }} {% endfor %}
{% block tail %}{{ lib.shout(entry.key) }}{% endblock %}
{% call lib.wrap() %}{{ entry.key }}{% endcall %} {{ lib.count(3) }}
{{ lib.shout("<&>") }} {{ cycler("x", "y").next() }}
"""


def _style(folder: Path, template: str) -> style.Style:
    (folder / "_lib.j2").write_text(MACROS, encoding="utf-8")
    (folder / "any.j2").write_text(template, encoding="utf-8")
    (folder / "style.toml").write_text('fallback = "any"\n', encoding="utf-8")
    return render.find(str(folder))


def test_macros_in_loops_blocks_and_call_blocks(tmp_path: Path) -> None:
    """Macros called in a loop, a block, with a caller and recursively, in HTML."""
    text = render.render(ENTRIES[:1], _style(tmp_path, ANY), "html")
    key = ENTRIES[0].key
    assert f"A1 B2 {key.upper()}!" in text
    assert f"[{key}] 321" in text
    # A macro's output is escaped once, as Jinja's own call escapes it.
    assert "&lt;&amp;&gt;! x" in text


def test_unsafe_callables_are_still_refused(tmp_path: Path) -> None:
    """Only macros skip the sandbox's checks: a method that alters data does not."""
    for reach in ("entry.key.__class__", "lib.__class__", "lib._TemplateModule__name"):
        chosen = _style(tmp_path, f'{{% import "_lib.j2" as lib %}}{{{{ {reach} }}}}\n')
        with pytest.raises(style.StyleError, match="unsafe"):
            render.render(ENTRIES[:1], chosen, "text")
    env = style.environment(chosen, MARKUPS["text"])

    @jinja2.sandbox.unsafe
    def wipe() -> str:
        return "wiped"

    with pytest.raises(jinja2.exceptions.SecurityError, match="not safely callable"):
        env.from_string("{{ wipe() }}").render(wipe=wipe)
    # str.format still goes through the sandbox's own formatter.
    with pytest.raises(jinja2.exceptions.SecurityError, match="unsafe"):
        env.from_string("{{ '{0.__class__}'.format(1) }}").render()


def test_separators_are_escaped_once_each_and_kept_apart_from_safe_ones() -> None:
    latex = MARKUPS["latex"]
    assert latex.join(["a", "b"], " & ") == r"a \& b"
    # A Safe separator equal to a plain one is not escaped, nor taken for it.
    assert latex.join(["a", "b"], Safe(" & ", " and ")) == "a & b"
    assert latex.join(["a", "b"], Safe(" & ", " and ")).plain == "a and b"
    assert latex.join(["a", "b"], " & ") == r"a \& b"
    # Past the separators kept, joins are as right as before.
    for number in range(SEPARATORS_KEPT + 5):
        joined = latex.join(["x", "y"], f"%{number}")
        assert (joined, joined.plain) == (rf"x\%{number}y", f"x%{number}y")


def test_a_reference_keeps_the_date_its_work_read() -> None:
    for entry in ENTRIES:
        reference = Reference(entry)
        assert reference.work.date is reference.date
        assert reference.date == Date.of(entry)


@pytest.mark.parametrize("path", sorted((DATA / "render").glob("*.bib")), ids=str)
def test_family_names_decode_as_written_with_a_space(path: Path) -> None:
    """A family without particles is decoded alone, as it was with a space before."""
    for entry in parse.load(path).entries:
        for role in ("author", "editor", "translator"):
            for person in names.split_names(entry.get(role)):
                if person.is_organization:
                    continue
                assert Name.of(person).family == to_text(f"{person.von} {person.last}")


def test_template_globals_hold_the_environment_s_and_their_own(tmp_path: Path) -> None:
    """A template's globals are a plain dict: the environment's (the metered
    ``range``), overlaid by any given to the template itself."""
    chosen = _style(tmp_path, "{{ range(3) | list | length }} {{ extra }}\n")
    env = style.environment(chosen, MARKUPS["text"])
    template = env.get_template("any.j2", globals={"extra": "own"})
    assert type(template.globals) is dict
    assert template.globals["range"] == env.globals["range"]
    assert template.render().strip() == "3 own"
    env.meter = budget.Meter(budget.Budget(range_items=2))
    with pytest.raises(budget.OverBudget, match="more than 2 numbers"):
        template.render()


def test_entry_methods_called_in_loops_and_blocks(tmp_path: Path) -> None:
    """``entry.get`` and friends, in a loop (Jinja passes loop variables along)."""
    template = (
        '{% for field in ["title", "nothing"] %}{{ field }}={{ entry.get(field) }}'
        " {{ entry.has(field) }};{% endfor %}"
        "{% block b %} {{ entry.people('author') | length }}{% endblock %}\n"
    )
    text = render.render(ENTRIES[:1], _style(tmp_path, template), "text")
    assert ENTRIES[0].get("title") == "Report"
    assert text == "title=Report True;nothing= False; 1\n"


@given(st.text())
def test_printable_pieces_are_what_the_escaping_leaves_them(text: str) -> None:
    assert markup_module._visible(text) == visible_keeping_lines(text)


def test_no_printable_character_is_escaped() -> None:
    printable = "".join(
        char for code in range(sys.maxunicode + 1) if (char := chr(code)).isprintable()
    )
    assert len(printable) > 100_000
    assert visible_keeping_lines(printable) == printable


def test_runs_of_any_whitespace_print_as_one_space(tmp_path: Path) -> None:
    """A reference's runs of whitespace, of any Unicode space, print as one space."""
    spaces = "".join(
        chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()
    )
    chosen = _style(tmp_path, f"{spaces}{{{{ entry.key }}}}{spaces}end{spaces}\n")
    text = render.render(ENTRIES[:1], chosen, "text")
    assert text == f"{ENTRIES[0].key} end\n"


class _StockOutput(style.BoundedEnvironment):
    """Our sandbox with Jinja's own code generator: ``escape(finalize(value))``."""

    code_generator_class = jinja2.compiler.CodeGenerator


PRINTED = """\
{% set v = "<a & b> \u00e9" %}{% macro m(x) %}<{{ x }}>{% endmacro %}
{{ v }} {{ v | italic }} {{ entry.key }} {{ [v, "&"] | join(", ") }} {{ m(v) }}
{{ entry.authors | length }} {{ 2 * 3 }} {{ "x" ~ v }} {{ none }}
{% autoescape false %}{{ v }} {{ m(v) }}{% endautoescape %}
{% autoescape entry.key == "" %}{{ v }}{% endautoescape %}
"""


@pytest.mark.parametrize("fmt", sorted(MARKUPS))
def test_printed_values_are_escaped_once_as_jinja_escapes_them(fmt: str) -> None:
    """``{{ }}`` prints what ``finalize`` returns, without Jinja's second escape.

    ``finalize`` escapes in the format's way and returns Markup, which Jinja's
    ``escape`` only copied: output is the same with Jinja's code generator, in
    plain, ``{% autoescape false %}`` and run-time (volatile) escaping blocks.
    """
    apa = render.find("apa")
    ours = style.environment(apa, MARKUPS[fmt])
    stock = _StockOutput(ours.loader, ours.finalize)
    stock.filters = ours.filters
    reference = Reference(ENTRIES[0])
    expected = stock.from_string(PRINTED).render(entry=reference)
    assert ours.from_string(PRINTED).render(entry=reference) == expected
    assert "&lt;a &amp; b&gt;" in expected or fmt != "html"
    # The shortcut is in place: plain output calls no escape() of its own.
    code = ours.compile("{{ entry.key }}", raw=True)
    assert "environment.finalize(" in code
    assert "escape(" not in code
