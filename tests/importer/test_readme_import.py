"""The README's import example (the seed list, before and after) is real output."""

from __future__ import annotations

import re

from tests.conftest import DATA, ROOT, run

SEED = DATA / "importer" / "seed-reference-list.txt"
SECTION = (
    (ROOT / "README.md")
    .read_text(encoding="utf-8")
    .split("<!-- section:import -->", 1)[1]
)


def _block(language: str, after: str = "") -> str:
    text = SECTION.split(after, 1)[1] if after else SECTION
    found = re.search(rf"```{language}\n(.*?)```", text, re.DOTALL)
    assert found is not None
    return found.group(1)


def test_before_is_the_seed_list() -> None:
    seed = SEED.read_text(encoding="utf-8")
    for part in _block("", "as it was published").split("…\n"):
        assert part.strip() in seed


def test_after_is_what_import_writes() -> None:
    _, out, _ = run("import", str(SEED))
    for part in _block("bibtex").split("…\n"):
        assert part.strip() in out


def test_check_example_is_the_real_output() -> None:
    shown = _block("", "On the list above").splitlines()
    assert shown[0] == "$ citeman check refs.txt --select CM2,CM6"
    _, out, _ = run("check", str(SEED), "--no-config", "--select", "CM2,CM6")
    assert out.replace(str(SEED), "refs.txt").splitlines() == shown[1:]
