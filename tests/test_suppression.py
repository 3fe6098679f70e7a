"""``% citeman: ignore[…]``: what it silences; CM005 when it is wrong or stale."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run

BIB = """\
% citeman: ignore[page-range]
@article{used, title = {T}, pages = {1-2}, doi = {10.1000/a}}

% citeman: ignore[CM203, missing-doi]
@article{stale, title = {T}, pages = {1--2}, doi = {10.1000/b}}

% citeman: ignore[pagerange]
@article{typo, title = {T}, pages = {1--2}, doi = {10.1000/c}}

@article{twin, title = {Same title}, year = {2001}, author = {A, B}, doi = {10.1/x}}
% citeman: ignore[duplicate-entry]
@article{twin2, title = {Same title}, year = {2001}, author = {A, B}, doi = {10.1/y}}
"""


def test_unknown_and_unused_suppressions_are_reported_as_info(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(BIB, encoding="utf-8")
    code, out, _ = run("check", "lib.bib", "--select", "CM005,CM203,CM101,CM401")
    assert out.splitlines() == [
        'lib.bib:5:1: CM005 [unused-suppression] suppression of "CM203" above'
        ' "stale" is unused: nothing to suppress; remove it',
        'lib.bib:5:1: CM005 [unused-suppression] suppression of "missing-doi" above'
        ' "stale" is unused: nothing to suppress; remove it',
        'lib.bib:8:1: CM005 [unused-suppression] suppression above "typo" names no'
        ' rule: "pagerange" (did you mean "page-range"?)',
        "Found 3 problems (3 info).",
    ]
    # Info does not fail a run unless --fail-on info says so.
    assert code == 0


def test_a_suppression_of_a_rule_that_did_not_run_is_not_judged(
    workdir: Path,
) -> None:
    (workdir / "lib.bib").write_text(BIB, encoding="utf-8")
    out = run("check", "lib.bib", "--select", "CM005")[1]
    assert "is unused" not in out and '"pagerange"' in out


def test_suppression_still_silences_its_rule(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(BIB, encoding="utf-8")
    out = run("check", "lib.bib", "--select", "CM203,CM401", "-q")[1]
    assert out == ""
