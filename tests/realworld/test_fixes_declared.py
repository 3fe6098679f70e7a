"""Every fix found in the real libraries comes from a rule that declares it fixes.

``fix`` runs only such rules (``Rule.fixes`` set) in its later rounds, so a
rule that fixed without saying so would leave fixes unapplied there.
"""

from __future__ import annotations

from citeman import lint, rules
from citeman.config import Config
from tests.conftest import REAL_FILES
from tests.realworld.conftest import real_library


def test_only_rules_that_declare_fixes_fix() -> None:
    fixing: set[str] = set()
    for path in REAL_FILES:
        problems = lint.lint([real_library(path.stem)], Config().active_rules())
        fixing |= {problem.rule for problem in problems if problem.fix is not None}
    assert len(fixing) > 5, fixing  # the real libraries give most rules a fix to make
    undeclared = sorted(name for name in fixing if not rules.get(name).fixes)  # type: ignore[union-attr]
    assert undeclared == []
