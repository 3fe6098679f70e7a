"""Broken @strings and "#", uncitable keys and month 13 are reported by check."""

from __future__ import annotations

from tests.conftest import DATA, run

UNREPORTED = str(DATA / "safety" / "unreported.bib")


def test_every_defect_is_reported_with_its_line(workdir: object) -> None:
    code, out, _ = run("check", "--select", "CM0", UNREPORTED)
    assert code == 1
    found = [line.split(" [")[0].split(":", 1)[1] for line in out.splitlines()[:-1]]
    assert found == [
        "2:1: CM004",
        "3:1: CM004",
        "7:11: CM006",
        "11:11: CM008",
        "15:16: CM006",
        "16:17: CM006",
        "20:1: CM007",
        "27:1: CM007",
        "40:11: CM008",
    ]
