"""Parsing files built to be slow or huge: positions stay right, memory stays bounded.

Speed itself is measured by bench/, never asserted here; these tests pin the
results of the code paths that made such files quadratic or exhaust memory.
"""

from __future__ import annotations

import subprocess
import sys

from citeman import macros, parse
from tests.conftest import DATA

ENTRY = "@misc{k%d, title = {T %d}, note = {n}}"


def test_entries_on_one_line_have_their_own_columns() -> None:
    text = " ".join(ENTRY % (n, n) for n in range(300))
    library = parse.loads(text, "one-line.bib")
    assert len(library.entries) == 300
    for entry in library.entries:
        assert entry.line == 1
        assert entry.column == entry.offset + 1
        assert text[entry.offset :].startswith(f"@misc{{{entry.key},")
        title = entry.fields["title"]
        assert text[title.offset :].startswith("{T ")
        assert title.column == title.offset + 1


def test_many_broken_blocks_keep_their_lines_columns_and_offsets() -> None:
    block = "@article{b%d,\n  title = {x},\n  year 2000,\n}\n"
    text = "".join(block % n for n in range(500))
    library = parse.loads(text, "broken.bib")
    assert len(library.failures) == 500
    for number, failure in enumerate(library.failures):
        assert (failure.line, failure.column) == (4 * number + 1, 1)
        assert text[failure.offset :].startswith(f"@article{{b{number},")


def test_broken_blocks_on_one_line_are_found_in_order() -> None:
    text = "@misc{ok, title = {a}}\n" + " ".join(
        f"@misc{{b{n}, year 2000}}" for n in range(50)
    )
    library = parse.loads(text, "broken-line.bib")
    offsets = [failure.offset for failure in library.failures]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    for failure in library.failures:
        assert text[failure.offset :].startswith(failure.raw)
        assert failure.column == failure.offset - text.rfind("\n", 0, failure.offset)


def test_a_form_feed_does_not_end_a_line() -> None:
    text = "@misc{a, note = {x\fy}}\n@misc{b,\v title = {t}}\n"
    library = parse.loads(text, "ff.bib")
    assert [entry.line for entry in library.entries] == [1, 2]
    assert library.entries[1].fields["title"].line == 2


def test_billion_laughs_is_cut_and_reported_in_bounded_memory() -> None:
    # A child process, so that its peak memory is its own.
    code = (
        "import re, sys\n"
        "from citeman import parse\n"
        "library = parse.load(sys.argv[1])\n"
        "longest = max(len(macro.value) for macro in library.strings.values())\n"
        # Not ru_maxrss: that keeps the parent's peak across fork and exec.
        "status = open('/proc/self/status').read()\n"
        "peak = re.search(r'VmHWM:\\s*(\\d+)', status).group(1)\n"
        "print(len(library.overflows), longest, peak)\n"
    )
    path = DATA / "perf" / "billion-laughs.bib"
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    overflows, longest, peak_kib = (int(word) for word in result.stdout.split())
    assert overflows == 26  # a14 (163,840 characters) to a39
    assert longest == macros.MAX_VALUE
    assert peak_kib < 200 * 1024


def test_the_file_wide_budget_stops_many_large_concatenations() -> None:
    big = "x" * 90_000
    fields = "\n".join(f"@misc{{k{n}, title = big # {{y}}}}" for n in range(130))
    text = f'@string{{big = "{big}"}}\n{fields}\n'
    library = parse.loads(text, "budget.bib")
    cut = [(overflow.key, overflow.name) for overflow in library.overflows]
    assert cut and all(name == "title" for _, name in cut)
    assert "four characters per byte" in library.overflows[-1].reason
    first = int(str(cut[0][0])[1:])
    assert 100 < first < 130  # about 10 MB of expansions were allowed first
    built = sum(len(entry.fields["title"].value) for entry in library.entries)
    assert built <= macros.BASE_BUDGET + 4 * len(text)
