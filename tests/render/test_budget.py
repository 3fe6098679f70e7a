"""Hostile user styles: reading outside their folder, recursion, CPU and output.

Each is a real style folder under tests/data/render/styles; each stops with one
line naming the template and its line. A few run through a real ``citeman
render`` subprocess (exit 2, nothing on stdout).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citeman import parse
from citeman import render as render_module
from citeman.render import budget, style
from tests.conftest import DATA, ROOT

STYLES = DATA / "render" / "styles"
BELLIS = [
    entry for entry in parse.load(ROOT / "library.bib").entries
    if entry.key == "bellis2014"
]  # fmt: skip


def render(style_folder: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "citeman", "render", "--keys", "bellis2014",
         "--style", str(style_folder), str(ROOT / "library.bib")],
        capture_output=True, text=True, cwd=cwd, check=False,
    )  # fmt: skip


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert result.stdout == ""
    errors = [
        line for line in result.stderr.splitlines() if "citeman: warning" not in line
    ]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("recursive", "recursive/misc.j2:2: maximum recursion depth exceeded"),
        ("repeat", "repeat/misc.j2:2: a repeated string or list is too large"),
        ("nested_loops", "nested_loops/misc.j2:2: loops over more than 1000000"),
        ("huge_output", "huge_output/misc.j2:2: printed more than 1000000 char"),
        ("silent_loops", "silent_loops/misc.j2:3: ran for more than 2 s"),
    ],
)
def test_a_costly_template_stops_with_its_file_and_line(
    folder: str, message: str
) -> None:
    with pytest.raises(style.StyleError) as raised:
        render_module.render(BELLIS, render_module.find(str(STYLES / folder)), "text")
    assert message in str(raised.value)
    assert str(raised.value).endswith("(rendering entry bellis2014)")


def test_9_to_the_9_to_the_9_stops_the_command_with_exit_2() -> None:
    assert _error_line(render(STYLES / "power")) == (
        f"citeman: error: {STYLES / 'power' / 'misc.j2'}:2: 9 ** 387420489 is too"
        " large for a template (rendering entry bellis2014)"
    )


def test_a_linked_template_out_of_the_style_folder_is_refused(tmp_path: Path) -> None:
    # The link is made here, not kept in the repository: an sdist or a clone
    # without symlink support would turn it into a plain file.
    folder = tmp_path / "escape_link"
    folder.mkdir()
    (folder / "style.toml").write_text(
        (STYLES / "escape_link" / "style.toml").read_text("utf-8"), encoding="utf-8"
    )
    (folder / "misc.j2").symlink_to(STYLES / "good" / "any.j2")
    with pytest.raises(style.StyleError) as raised:
        render_module.render(BELLIS, render_module.find(str(folder)), "text")
    assert str(raised.value) == (
        f"{folder / 'misc.j2'}: leads to {(STYLES / 'good' / 'any.j2').resolve()},"
        f" outside the style folder {folder.resolve()};"
        " a style may only read its own files"
    )


def test_an_include_through_a_linked_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "style"
    folder.mkdir()
    (folder / "parts").symlink_to(STYLES)
    (folder / "misc.j2").write_text('{% include "parts/good/any.j2" %}\n')
    with pytest.raises(style.StyleError) as raised:
        render_module.render(BELLIS, render_module.find(str(folder)), "text")
    assert str(raised.value).startswith(
        f"{folder / 'parts' / 'good' / 'any.j2'}: leads to "
    )


def test_a_link_to_a_secret_is_refused_before_it_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN\n", encoding="utf-8")
    folder = tmp_path / "style"
    folder.mkdir()
    (folder / "misc.j2").symlink_to(secret)
    line = _error_line(render(folder))
    assert "TOP-SECRET-TOKEN" not in line
    assert f"leads to {secret}" in line


def test_a_linked_style_toml_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "style"
    folder.mkdir()
    (folder / "style.toml").symlink_to(STYLES / "good" / "style.toml")
    (folder / "misc.j2").write_text("{{ entry.key }}\n", encoding="utf-8")
    with pytest.raises(style.StyleError) as raised:
        render_module.find(str(folder))
    assert f"{folder / 'style.toml'}: leads to" in str(raised.value)


@pytest.mark.parametrize(
    ("operator", "left", "right"),
    [("**", 2, 5000), ("**", -3, 10**6), ("*", "ab", 10**7), ("*", 10**7, [0])],
)
def test_huge_powers_and_repetitions_are_refused(
    operator: str, left: object, right: object
) -> None:
    with pytest.raises(budget.OverBudget):
        budget.call_binop(operator, left, right)


@pytest.mark.parametrize(
    ("operator", "left", "right", "result"),
    [("**", 2, 10, 1024), ("**", 1, 10**9, 1), ("**", 2, -2, 0.25), ("*", 3, 4, 12)],
)
def test_small_powers_and_products_are_computed(
    operator: str, left: object, right: object, result: object
) -> None:
    assert budget.call_binop(operator, left, right) == result


def test_the_timer_gives_an_earlier_timer_and_handler_back() -> None:
    def earlier(signum: int, frame: object) -> None:
        raise AssertionError("the earlier timer fired during the test")

    previous = signal.signal(signal.SIGPROF, earlier)
    signal.setitimer(signal.ITIMER_PROF, 60)
    try:
        with budget.timer(5) as restart:
            restart()
            assert 0 < signal.getitimer(signal.ITIMER_PROF)[0] <= 5.1
        assert signal.getsignal(signal.SIGPROF) is earlier
        assert 0 < signal.getitimer(signal.ITIMER_PROF)[0] <= 60.1
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_the_budget_counts_cpu_time_not_waiting() -> None:
    """A reference that waits (a busy machine, memory paged in) is not stopped:
    the budget is CPU seconds; spinning is stopped."""
    meter = budget.Meter(budget.Budget(seconds=0.2))

    def waiting() -> Iterator[str]:
        yield "a"
        time.sleep(0.5)
        yield "b"

    assert meter.measured(waiting()) == "ab"
    with budget.timer(0.2) as restart, pytest.raises(budget.OverBudget):
        restart()
        while True:
            pass
