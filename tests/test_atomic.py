"""Output files: never an input, never a device; links are written through."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from citeman.atomic import replace_bytes
from tests.conftest import DATA, ROOT, run

BIB = (
    "@book{smith2001, author = {Smith, Anne}, title = {A book}, year = {2001},"
    " publisher = {P}}\n"
)
PAPER = "As Smith (2001) showed.\n"


@pytest.fixture
def library(workdir: Path) -> Path:
    (workdir / "lib.bib").write_text(BIB, encoding="utf-8")
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    (workdir / "sub").mkdir()
    (workdir / "symlink.bib").symlink_to("lib.bib")
    os.link(workdir / "lib.bib", workdir / "hardlink.bib")
    return workdir / "lib.bib"


def _refusal(option: str, path: str, source: str) -> str:
    return (
        f"citeman: error: {option} {path}: is the input {source}; writing it"
        " would destroy it, so name another file\n"
    )


@pytest.mark.parametrize(
    ("args", "option", "output"),
    [
        (["render", "lib.bib", "-o"], "-o", "lib.bib"),
        (["render", "lib.bib", "-o"], "-o", "sub/../lib.bib"),
        (["render", "lib.bib", "-o"], "-o", "symlink.bib"),
        (["render", "lib.bib", "-o"], "-o", "hardlink.bib"),
        (["audit", "paper.md", "--bib", "lib.bib", "--fix-list"], "--fix-list",
         "lib.bib"),
        (["audit", "paper.md", "--bib", "lib.bib", "--fix-list"], "--fix-list",
         "hardlink.bib"),
        (["audit", "paper.md", "--bib", "lib.bib", "--fix-list"], "--fix-list",
         "paper.md"),
    ],
    ids=["render-same", "render-other-spelling", "render-symlink", "render-hardlink",
         "fix-list-bib", "fix-list-hardlink", "fix-list-manuscript"],
)  # fmt: skip
def test_output_that_is_an_input_is_refused(
    library: Path, args: list[str], option: str, output: str
) -> None:
    source = "paper.md" if output == "paper.md" else "lib.bib"
    assert run(*args, output) == (2, "", _refusal(option, output, source))
    assert library.read_text(encoding="utf-8") == BIB
    assert (library.parent / "paper.md").read_text(encoding="utf-8") == PAPER
    assert (library.parent / "symlink.bib").is_symlink()
    assert os.stat(library.parent / "hardlink.bib").st_nlink == 2


def test_the_configuration_is_an_input_too(library: Path) -> None:
    (library.parent / "citeman.toml").write_text('fail-on = "error"\n')
    assert run("render", "lib.bib", "-o", "citeman.toml") == (
        2,
        "",
        _refusal("-o", "citeman.toml", str(library.parent / "citeman.toml")),
    )
    assert (library.parent / "citeman.toml").read_text() == 'fail-on = "error"\n'


def test_output_symlink_is_written_through(library: Path) -> None:
    folder = library.parent
    (folder / "refs.txt").write_text("old\n", encoding="utf-8")
    (folder / "refs.txt").chmod(0o640)
    (folder / "latest.txt").symlink_to("refs.txt")
    assert run("render", "lib.bib", "-o", "latest.txt") == (0, "", "")
    assert os.readlink(folder / "latest.txt") == "refs.txt"
    assert (folder / "refs.txt").read_text(encoding="utf-8").startswith("Smith, A.")
    assert stat.S_IMODE((folder / "refs.txt").stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("/dev/null", "/dev/null: is a stream or a device (under /dev or /proc),"
         " not a file citeman may replace"),
        ("/dev/stdout", "/dev/stdout: is a stream or a device (under /dev or"
         " /proc), not a file citeman may replace"),
        ("pipe", "pipe: is a FIFO (named pipe), not a file to write;"
         " citeman writes regular files only"),
        ("to-pipe", "to-pipe: is a FIFO (named pipe), not a file to write;"
         " citeman writes regular files only"),
    ],
    ids=["dev-null", "dev-stdout", "fifo", "link-to-fifo"],
)  # fmt: skip
def test_output_that_is_not_a_regular_file_is_refused(
    library: Path, output: str, message: str
) -> None:
    os.mkfifo(library.parent / "pipe")
    (library.parent / "to-pipe").symlink_to("pipe")
    assert run("render", "lib.bib", "-o", output) == (
        2,
        "",
        f"citeman: error: {message}\n",
    )
    assert stat.S_ISFIFO(os.stat(library.parent / "pipe").st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_chapter_the_manuscript_includes_is_an_input_too(workdir: Path) -> None:
    shutil.copytree(DATA / "audit" / "thesis", workdir / "thesis")
    shutil.copy(ROOT / "library.bib", workdir / "library.bib")
    chapter = workdir / "thesis" / "chapters" / "one.tex"
    before = chapter.read_bytes()
    code, out, err = run(
        "audit", "thesis/main.tex", "--fix-list", "thesis/chapters/one.tex"
    )
    assert (code, out) == (2, "")
    assert err.endswith(
        _refusal("--fix-list", "thesis/chapters/one.tex", "thesis/chapters/one.tex")
    )
    assert chapter.read_bytes() == before


def test_replace_bytes_writes_the_pieces_in_order_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "store.bin"
    target.write_bytes(b"old")
    replace_bytes(target, b"head\n", b"body")
    assert target.read_bytes() == b"head\nbody"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.bin"]


def test_replace_bytes_keeps_the_old_file_and_removes_its_temporary_on_failure(
    tmp_path: Path,
) -> None:
    target = tmp_path / "store"
    target.mkdir()  # a rename cannot replace a folder with a file
    with pytest.raises(OSError):
        replace_bytes(target, b"data")
    assert target.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
