"""The linter: ordering, suppression comments and progress reporting."""

from __future__ import annotations

from citeman import lint, parse
from citeman.config import Config
from tests.conftest import DATA

TWO = """% citeman: ignore[CM1]
@article{a, title = {A}, pages = {1-2}}
@article{b, title = {B}, pages = {3-4}}
@article{broken, title = {x
"""


def test_problems_are_sorted_and_stamped() -> None:
    library = parse.loads(TWO, "two.bib")
    active = Config(select=("CM001", "CM101", "CM203")).active_rules()
    problems = lint.lint([library], active)
    assert [(p.span.line, p.code, p.key) for p in problems] == [
        (2, "CM203", "a"),
        (3, "CM101", "b"),
        (3, "CM203", "b"),
        (4, "CM001", None),
    ]
    assert all(p.path == "two.bib" for p in problems)


def test_prefix_suppression_only_touches_its_entry() -> None:
    library = parse.loads(TWO, "two.bib")
    problems = lint.lint([library], Config(select=("CM101",)).active_rules())
    assert [p.key for p in problems] == ["b"]


def test_progress_counts_every_entry() -> None:
    text = "".join(f"@misc{{k{i}, title = {{T}}}}\n" for i in range(2500))
    library = parse.loads(text, "many.bib")
    steps: list[int] = []
    lint.lint([library], Config().active_rules(), progress=steps.append)
    assert sum(steps) == 2500
    assert steps[:2] == [1000, 1000]


def test_unvetted_lint_finds_the_same_problems_and_keeps_withheld_fixes() -> None:
    # render only prints messages: it skips vetting, which must change nothing
    # but the fixes fix_guard would withhold (here, ones writing TeX markup).
    library = parse.load(DATA / "safety" / "fix_injection.bib")
    active = Config(select=("CM201",)).active_rules()
    vetted = lint.lint([library], active)
    unvetted = lint.lint([library], active, vet_fixes=False)
    assert [(p.span, p.code, p.message) for p in unvetted] == [
        (p.span, p.code, p.message) for p in vetted
    ]
    assert all(p.fix is None for p in vetted)
    assert any(p.fix is not None for p in unvetted)
