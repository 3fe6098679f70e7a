"""Archives: a .docx that would unpack past the cap is refused before unpacking."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from citeman import archive
from citeman.errors import InputError
from tests.audit.conftest import write_docx
from tests.conftest import DATA, run

BOMB = DATA / "hostile" / "bomb.docx"  # 300 KB unpacking to 300 MB


def test_docx_zip_bomb_is_refused(workdir: Path) -> None:
    (workdir / "library.bib").write_text("", encoding="utf-8")
    assert run("audit", str(BOMB)) == (
        2,
        "",
        f"citeman: error: {BOMB}: would unpack to 300 MB, more than the 256 MB"
        " citeman reads (a zip bomb?); raise max-file-mb in the configuration"
        " to read it\n",
    )


def test_cap_follows_max_file_mb(workdir: Path) -> None:
    write_docx(workdir / "paper.docx", ["Cited (Smith, 2001).", "x" * 600_000])
    (workdir / "library.bib").write_text(
        "@book{smith, author = {Smith, A.}, title = {T}, year = {2001},"
        " publisher = {P}}\n",
        encoding="utf-8",
    )
    (workdir / "citeman.toml").write_text("max-file-mb = 0.5\n", encoding="utf-8")
    code, _, stderr = run("audit", "paper.docx")
    assert code == 2
    assert stderr.startswith("citeman: error: paper.docx: would unpack to 1 MB,")
    (workdir / "citeman.toml").write_text("max-file-mb = 2\n", encoding="utf-8")
    assert run("audit", "paper.docx")[::2] == (0, "")


def test_too_many_members(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w") as many:
        for number in range(archive.MAX_MEMBERS + 1):
            many.writestr(f"{number}", b"")
    with pytest.raises(InputError, match="holds 10001 files, more than the 10000"):
        archive.open_zip("many.zip", path.read_bytes())
