"""The fixes of the DOI and field-name rules pass the rewrite's own verification.

``citeman fix`` refuses a file whose fixed text changes fields that no fix
named; a rename or a move must name the field it creates.
"""

from __future__ import annotations

from citeman import fix, parse, rewrite, rules
from citeman.config import ActiveRule

BIB = """@article{kopta1994,
  author  = {Kopta, S. M.},
  title   = {Patterns of symptomatic recovery in psychotherapy},
  jounral = {Journal of Consulting and Clinical Psychology},
  year    = {1994},
  volume  = {62},
  url     = {https://doi.org/10.1037/0022-006X.62.5.1009},
}

@article{lindfors2015,
  author  = {Lindfors, O.},
  title   = {The effectiveness of short- and long-term psychotherapy},
  journal = {Journal of Affective Disorders},
  year    = {2015},
  volume  = {173},
  doi     = {https://doi.org/10.1016/j.jad.2014.10.039},
}
"""

FIXED = """@article{kopta1994,
  author  = {Kopta, S. M.},
  title   = {Patterns of symptomatic recovery in psychotherapy},
  journal = {Journal of Consulting and Clinical Psychology},
  year    = {1994},
  volume  = {62},
  doi     = {10.1037/0022-006X.62.5.1009},
}

@article{lindfors2015,
  author  = {Lindfors, O.},
  title   = {The effectiveness of short- and long-term psychotherapy},
  journal = {Journal of Affective Disorders},
  year    = {2015},
  volume  = {173},
  doi     = {10.1016/j.jad.2014.10.039},
}
"""


def test_renames_and_moves_are_verified_and_leave_nothing_to_fix() -> None:
    active = [
        ActiveRule(rule, rule.severity, dict(rule.defaults))
        for rule in rules.ALL
        if rule.name in ("unknown-field", "doi-format", "doi-in-url")
    ]
    before = parse.loads(BIB, "case.bib")
    outcome = fix.fix_library(before, active, unsafe=True)
    assert outcome.source == FIXED
    after = parse.loads(outcome.source, "case.bib")
    assert rewrite.verify(before, after, outcome.changed) is None
