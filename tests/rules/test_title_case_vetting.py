"""CM202 vets its fixes where a title is summarised, unless nobody wants them vetted.

``render`` lints for its warnings only (``lint(..., vet_fixes=False)``): CM202's
summary then leaves its fixes unvetted, and says so (``Fix.vetted`` False), so
that whoever reads them vets them first; and it does not rewrite a title out of
the convention in the convention's case (most of the rule's cost), a fix whose
message never shows it.
"""

from __future__ import annotations

from citeman import lint, parse
from citeman.config import Config
from citeman.problem import Problem
from tests.conftest import REAL_FILES

_TITLED = (
    "@article{a, title = {The Emerging Evidence of the NHS for Long-Term Therapy}}\n"
    "@article{b, title = {reactions of muonium with simple molecules}}\n"
    "@article{c, title = {Die Rolle der Sprache und die Welt}, langid = {german}}\n"
)


def _linted(vet_fixes: bool) -> list[Problem]:
    """Return CM202's problems in ``_TITLED``, fixes vetted or not."""
    active = Config().active_rules(online=False)
    cm202 = [item for item in active if item.rule.code == "CM202"]
    return lint.lint([parse.loads(_TITLED)], cm202, vet_fixes=vet_fixes)


def test_check_gets_the_summary_s_fixes_vetted() -> None:
    problems = _linted(vet_fixes=True)
    assert [problem.key for problem in problems] == ["a", "b"]
    assert all(problem.fix is not None and problem.fix.vetted for problem in problems)


def test_render_s_warnings_leave_the_fixes_unvetted_and_say_so() -> None:
    vetted, unvetted = _linted(vet_fixes=True), _linted(vet_fixes=False)
    assert not any(problem.fix.vetted for problem in unvetted if problem.fix)
    # The same messages; the lower-case start keeps its (cheap) fix, which is
    # the same (``vetted`` is no part of a fix's identity), and the Title Case
    # title is not recased for a fix nobody reads.
    assert [(p.key, p.span, p.message) for p in unvetted] == [
        (p.key, p.span, p.message) for p in vetted
    ]
    fixes = {problem.key: problem.fix for problem in unvetted}
    assert fixes["b"] is not None and fixes["b"] == vetted[1].fix
    assert fixes["a"] is None
    assert vetted[0].fix is not None and "Title Case" in vetted[0].message


def test_render_s_warnings_say_what_check_says_of_every_real_title() -> None:
    active = Config().active_rules(online=False)
    cm202 = [item for item in active if item.rule.code == "CM202"]
    for path in REAL_FILES:
        library = parse.load(path)
        vetted = lint.lint([library], cm202)
        unvetted = lint.lint([library], cm202, vet_fixes=False)
        said = [(p.key, p.span, p.message) for p in unvetted]
        assert said == [(p.key, p.span, p.message) for p in vetted], path.name
