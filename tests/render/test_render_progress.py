"""On a terminal, ``render`` shows every stage of a long run with its count."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from citeman import parse, render
from citeman.cli import render_command
from tests.conftest import run


def _render_on_terminal(path: Path, cwd: Path) -> tuple[str, str]:
    """Run ``citeman render`` with stderr on a terminal; return (stdout, stderr)."""
    leader, follower = pty.openpty()
    output = (cwd / "out.txt").open("w+b")  # a pipe could fill up and block
    environment = {**os.environ, "CITEMAN_PROGRESS_DELAY": "0",
                   "CITEMAN_CHUNK_SIZE": "100"}  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "citeman", "render", str(path)],
        stdin=subprocess.DEVNULL, stdout=output, stderr=follower, cwd=cwd,
        env=environment,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=120)
    output.seek(0)
    out = output.read().decode()
    output.close()
    return out, b"".join(chunks).decode()


def test_every_stage_of_a_render_is_shown_with_counts_then_erased(
    tmp_path: Path,
) -> None:
    library = tmp_path / "library.bib"
    library.write_text(
        "".join(
            f"@article{{key{number},\n  author = {{Smith, Anne}},\n"
            f"  title = {{A Title In Title Case {number}}},\n"
            f"  journal = {{J. Psychol. Res.}},\n  year = {{2001}},\n"
            f"  pages = {{1-2}},\n}}\n\n"
            for number in range(1200)
        )
    )
    out, err = _render_on_terminal(library, tmp_path)
    # The list is the one-process render's, whole (written in pieces: it is
    # longer than one), and the warnings come after the erased status line.
    entries = parse.load(library).entries
    assert len(out) > render_command.PIECE
    assert out == render.render(entries, render.find("apa"), "text", context=entries)
    code, _, warned = run("render", str(library))
    status, erased, after = err.rpartition("\r\x1b[K")
    assert (code, erased, after.replace("\r\n", "\n")) == (0, "\r\x1b[K", warned)
    lines = status.split("\r")[1:]
    assert all(re.fullmatch(r".* \(\d+ s\) [|/\\-]\x1b\[K", line) for line in lines)
    stages = [line.split(" (")[0] for line in lines]
    # Each counted stage starts at 0 and reaches its total.
    for label in (
        f"parsing {library}",
        "checking 1,200 entries for warnings",
        "ordering 1,200 references",
        "reading the case of 1,200 titles",
        "rendering 1,200 references",
    ):
        assert f"{label} 0/1,200" in stages, label
        assert f"{label} 1,200/1,200" in stages, label
    named = list(dict.fromkeys(re.sub(r" [\d,]+/[\d,]+$", "", s) for s in stages))
    assert named == [
        f"parsing {library}",
        "ordering 1,200 references",
        "reading the case of 1,200 titles",
        "rendering 1,200 references",
        "writing 1,200 references",
        "checking 1,200 entries for warnings",
        "library-wide rule 1/3: duplicate-key",
        "library-wide rule 2/3: title-case",
        "library-wide rule 3/3: mixed-encoding",
    ]
