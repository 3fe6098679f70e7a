"""Properties of ``citeman fix`` on generated libraries and on real-world files.

Generated libraries vary what a fixer tends to break (delimiters, spacing,
indentation, comments, @string macros and ``#``, CRLF, field order, Unicode,
unknown fields and types) and carry planted page-range and doi-format defects.
After ``fix``: every line without a defect is unchanged, keys and fields are
preserved, no safe fix is left to make, and a second ``fix`` changes nothing.
The same is checked with every rule, safe and unsafe, and on the real-world
files in tests/data/realworld/.
"""

from __future__ import annotations

import difflib
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman import lint, parse, rewrite
from citeman.cli import main
from citeman.config import Config
from citeman.fix import fix_library
from citeman.model import Library
from tests.conftest import DATA

REALWORLD = sorted((DATA / "realworld").glob("*.bib"))

WORDS = ["effect", "Müller", "Ørsted", "naïve", "日本語", "{DNA}", "psychodynamic",
         "trial", "Ψ-model", "résumé", "cohort", "Ḥadīth", "{\\\"o}ber"]  # fmt: skip
TYPES = ["article", "Article", "BOOK", "inproceedings", "misc", "dataset", "weird"]
INDENTS = ["  ", "\t", "    ", "", "        "]
EQUALS = [" = ", "=", " =\t", "  =  ", " = "]
#: A bare DOI is clean; the others are doi-format defects with a safe fix.
DOI_PREFIXES = ["", "", "https://doi.org/", "doi:", "http://dx.doi.org/", "DOI: "]


@dataclass(frozen=True)
class Generated:
    """A generated library: its text and the 0-based lines holding a defect."""

    text: str
    defect_lines: frozenset[int]


@st.composite
def _pages(draw: st.DrawFn) -> tuple[str, bool]:
    """Return a pages value (without delimiters) and whether it has a defect."""
    start = draw(st.integers(1, 5000))
    end = start + draw(st.integers(1, 300))
    dash = draw(
        st.sampled_from(["--", "--", "-", "\u2013", "\u2014", " - ", " \u2013 "])
    )
    single = draw(st.booleans()) and dash == "--"
    if single:
        return draw(st.sampled_from([str(start), f"e{start}", "73+"])), False
    return f"{start}{dash}{end}", dash != "--"


@st.composite
def _value(draw: st.DrawFn, text: str, macros: list[str]) -> str:
    """Wrap ``text`` in braces or quotes, or concatenate it with a macro."""
    form = draw(st.sampled_from(["brace", "brace", "quote", "concat"]))
    if form == "quote" and '"' not in text:
        return f'"{text}"'
    if form == "concat" and macros:
        return f"{draw(st.sampled_from(macros))} # {{{text}}}"
    return f"{{{text}}}"


@st.composite
def _entry(draw: st.DrawFn, key: str, macros: list[str]) -> tuple[list[str], set[int]]:
    """Return an entry's lines and the indexes of those lines with a defect."""
    indent = draw(st.sampled_from(INDENTS))
    equals = draw(st.sampled_from(EQUALS))
    names = draw(st.permutations(["author", "title", "year", "journal", "pages",
                                  "note", "x-custom", "month", "doi"]))  # fmt: skip
    names = names[: draw(st.integers(1, len(names)))]
    kind = draw(st.sampled_from(TYPES))
    space = draw(st.sampled_from(["", " "]))
    lines = [f"@{kind}{space}{{{key},"]
    defects: set[int] = set()
    for name in names:
        words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
        if name == "pages":
            text, broken = draw(_pages())
            value = draw(_value(text, []))
            if broken:
                defects.add(len(lines))
        elif name == "doi":
            prefix = draw(st.sampled_from(DOI_PREFIXES))
            value = draw(_value(f"{prefix}10.1000/{key}.x", []))
            if prefix:
                defects.add(len(lines))
        elif name == "year":
            value = draw(st.sampled_from(["2020", "{1999}", '"2001"']))
        elif name == "month":
            value = draw(st.sampled_from(["jan", "{March}", "aug # {~1}"]))
        elif name == "journal" and macros and draw(st.booleans()):
            value = draw(st.sampled_from(macros))
        elif name == "note" and draw(st.booleans()):
            lines.append(f"{indent}{name}{equals}{{{words}")  # a value on two lines
            value = "    continued}"
        else:
            value = draw(_value(words, macros))
        if value == "    continued}":
            lines.append(f"{indent}{value},")
            continue
        field_name = name.upper() if draw(st.integers(0, 5)) == 0 else name
        lines.append(f"{indent}{field_name}{equals}{value},")
    if draw(st.booleans()):
        lines[-1] = lines[-1][:-1]  # no trailing comma
    lines.append("}")
    return lines, defects


@st.composite
def libraries(draw: st.DrawFn) -> Generated:
    """Draw a whole library with comments, macros and entries in random layout."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    macros = ["jn", "acm"][: draw(st.integers(0, 2))]
    lines: list[str] = []
    defects: set[int] = set()
    if draw(st.booleans()):
        lines += ["% a hand-kept library", "%% with comments", ""]
    for macro in macros:
        lines.append(f"@string{{{macro} = {{Journal of {macro.upper()}}}}}")
    if draw(st.booleans()):
        lines.append('@preamble{"\\newcommand{\\noop}[1]{}"}')
    for index in range(draw(st.integers(1, 6))):
        between = draw(st.sampled_from(["", "blank", "comment", "atcomment"]))
        if between == "blank":
            lines.append("")
        elif between == "comment":
            lines.append(f"% about entry {index}: 1-2 pages - not a field")
        elif between == "atcomment":
            lines.append("@comment{pages = {1-2} stays as it is}")
        entry, broken = draw(_entry(f"key{index}", macros))
        defects.update(len(lines) + line for line in broken)
        lines += entry
    ending = newline if draw(st.booleans()) else ""
    return Generated(newline.join(lines) + ending, frozenset(defects))


def _run_fix(path: Path, *flags: str) -> None:
    result = CliRunner().invoke(main, ["fix", "-q", "--no-config", str(path), *flags])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""


def _structure(
    library: Library, changed: Mapping[int, frozenset[str]] | None = None
) -> list[tuple[str, str, list[str]]]:
    """Return each entry's key, type and field names, less the ``changed`` ones.

    A fix may rename or move a field (an article number from pages to eid), so
    the names a fix was allowed to touch are left out of the comparison.
    """
    skipped = changed or {}
    return [
        (
            entry.key,
            entry.type,
            [
                name
                for name in (*entry.fields, *(f.name for f in entry.repeated))
                if name not in skipped.get(index, ())
            ],
        )
        for index, entry in enumerate(library.entries)
    ]


def _safe_fixes_left(library: Library, config: Config) -> list[str]:
    problems = lint.lint([library], config.active_rules())
    return [p.message for p in problems if p.fix is not None and p.fix.safe]


def _changed_lines(before: str, after: str) -> set[int]:
    """Return the 0-based lines of ``before`` that ``after`` replaced or removed."""
    old, new = before.split("\n"), after.split("\n")
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, start, end, _, _ in matcher.get_opcodes():
        if tag != "equal":
            changed.update(range(start, max(end, start + 1)))
    return changed


PLANTED = ("page-range", "doi-format")
PLANTED_RULES = Config(select=PLANTED)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries())
def test_generated_libraries_lose_nothing(generated: Generated) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.bib"
        path.write_bytes(generated.text.encode())
        before = parse.load(path)
        _run_fix(path, "--select", ",".join(PLANTED))
        fixed = path.read_bytes().decode()
        after = parse.load(path)
        assert _changed_lines(generated.text, fixed) == generated.defect_lines
        assert _structure(after) == _structure(before)
        assert _safe_fixes_left(after, PLANTED_RULES) == []
        _run_fix(path, "--select", ",".join(PLANTED))
        assert path.read_bytes().decode() == fixed


def _touched_lines(library: Library, changed: dict[int, frozenset[str]]) -> set[int]:
    """Return the 0-based lines that hold a value the fixes were allowed to change."""
    lines: set[int] = set()
    for index, names in changed.items():
        entry = library.entries[index]
        for field in (*entry.fields.values(), *entry.repeated):
            if field.name in names:
                span = field.span
                lines.update(range(span.line - 1, span.end_line))
    return lines


def _check_fix_is_lossless(path: Path, unsafe: bool) -> None:
    """Fix ``path`` with every rule and assert the properties of the issue."""
    flags = ["--unsafe-fixes"] if unsafe else []
    before = parse.load(path)
    outcome = fix_library(before, Config().active_rules(), unsafe=unsafe)
    _run_fix(path, *flags)
    fixed = path.read_bytes().decode("utf-8-sig")
    after = parse.load(path)
    assert fixed == outcome.source
    assert rewrite.verify(before, after, outcome.changed) is None
    assert _structure(after, outcome.changed) == _structure(before, outcome.changed)
    assert _changed_lines(before.source, fixed) <= _touched_lines(
        before, dict(outcome.changed)
    )
    assert _safe_fixes_left(after, Config()) == []
    _run_fix(path, *flags)
    assert path.read_bytes().decode("utf-8-sig") == fixed


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries(), st.booleans())
def test_generated_libraries_with_every_rule(
    generated: Generated, unsafe: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.bib"
        path.write_bytes(generated.text.encode())
        _check_fix_is_lossless(path, unsafe)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("source", REALWORLD, ids=[path.name for path in REALWORLD])
def test_realworld_files(tmp_path: Path, source: Path, unsafe: bool) -> None:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    _check_fix_is_lossless(path, unsafe)


def test_realworld_files_are_there() -> None:
    # The parametrised test above would silently shrink if the folder moved.
    assert len(REALWORLD) >= 3
