"""Real entries a copy editor judged: true findings stay, false ones stay away.

Each file of tests/data/realworld/judged/ holds one to two entries copied from
the real libraries (the header says which file, line and key, and why), the
rule judged and whether a careful copy editor wants its finding there. These
are the samples read to measure precision (see bench/precision.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman import lint, parse, rules
from citeman.config import ActiveRule
from tests.conftest import DATA

JUDGED = sorted((DATA / "realworld" / "judged").glob("*.bib"))


def _header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("% "):
            break
        name, _, value = line[2:].partition(": ")
        fields[name] = value
    return fields


def test_there_are_judged_samples_for_many_rules() -> None:
    assert len({_header(path)["rule"] for path in JUDGED}) >= 8


@pytest.mark.parametrize("path", JUDGED, ids=lambda path: path.stem)
def test_judged_finding_is_present_or_absent(path: Path) -> None:
    header = _header(path)
    rule = rules.get(header["rule"])
    assert rule is not None
    library = parse.load(path)
    active = [ActiveRule(rule, rule.severity, dict(rule.defaults))]
    found = [problem.message for problem in lint.lint([library], active)]
    if header["expect"] == "present":
        assert found, header["why"]
    else:
        assert not found, (header["why"], found)
