"""Safe writing: verify the fixed text against the original, then replace atomically."""

from __future__ import annotations

import os
import stat
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from citeman import fix, parse, rewrite
from citeman.model import Library
from citeman.problem import Fix, Problem, Severity
from citeman.rewrite import WriteError

SOURCE = (
    "% my library\r\n"
    "@string{j = {Journal}}\r\n"
    "@article{a,\r\n"
    "  journal = j,\r\n"
    "  pages   = {1-2},\r\n"
    "}\r\n"
    "\r\n"
    "@book{b, title = {T}}\r\n"
)


def _fix_pages(library_source: str, new: str) -> tuple[str, dict[int, frozenset[str]]]:
    at = library_source.index("1-2")
    text, _ = fix.apply(library_source, [Fix("pages", at, "1-2", new, safe=True)])
    return text, {0: frozenset({"pages"})}


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.suffix == ".citeman")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_write_keeps_bytes_crlf_bom_and_permissions(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(bom + SOURCE.encode())
    path.chmod(0o640)
    before = parse.load(path)
    text, changed = _fix_pages(before.source, "1--2")
    after = rewrite.write(path, before, text, changed)
    assert path.read_bytes() == bom + SOURCE.replace("{1-2}", "{1--2}").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert after.entries[0].fields["pages"].value == "1--2"
    assert _leftovers(tmp_path) == []


def test_fix_that_breaks_the_parse_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    before = parse.load(path)
    # A replacement with an unbalanced brace closes the entry early.
    text, changed = _fix_pages(before.source, "1}--2")
    with pytest.raises(WriteError) as raised:
        rewrite.write(path, before, text, changed)
    assert str(raised.value).startswith(f'{path}: entry "a" ')
    assert str(raised.value).endswith("; the file was left unchanged")
    assert path.read_bytes() == SOURCE.encode()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("old", "new", "changed", "reason"),
    [
        pytest.param(
            "{1-2}", "{1--2}", {},
            'entry "a" would change though no fix was meant for it',
            id="unintended-entry",
        ),
        pytest.param(
            "journal = j", "journal = k", {0: frozenset({"pages"})},
            'entry "a" would change field "journal", which no fix was meant for',
            id="unintended-field",
        ),
        pytest.param(
            "pages   =", "pages =", {0: frozenset({"pages"})},
            'entry "a" would change outside its fixed values',
            id="alignment",
        ),
        pytest.param(
            "% my library", "% my libary", {},
            "text before the first entry would change",
            id="comment",
        ),
        pytest.param(
            "@book{b", "@misc{b", {1: frozenset({"title"})},
            'entry "b" would become @misc{b', id="type",
        ),
        pytest.param(
            "  pages   = {1-2},\r\n", "", {0: frozenset({"pages"})},
            'entry "a" would lose, gain or reorder fields', id="lost-field",
        ),
        pytest.param(
            "\r\n\r\n@book", "\r\n\r\n@book{c, title = {U}}\r\n@book",
            {}, 'entry "b" would become @book{c', id="new-entry",
        ),
    ],
)  # fmt: skip
def test_verify_names_what_changed(
    old: str, new: str, changed: dict[int, frozenset[str]], reason: str
) -> None:
    before = parse.loads(SOURCE, "lib.bib")
    after = parse.loads(SOURCE.replace(old, new, 1), "lib.bib")
    assert rewrite.verify(before, after, changed) == reason


def test_verify_accepts_a_field_moved_by_a_fix() -> None:
    source = "@article{a, url = {https://doi.org/10.1/x}, year = 2020}"
    moved = "@article{a, doi = {10.1/x}, year = 2020}"
    before, after = parse.loads(source), parse.loads(moved)
    assert rewrite.verify(before, after, {0: frozenset({"url", "doi"})}) is None
    assert rewrite.verify(before, after, {0: frozenset({"url"})}) == (
        'entry "a" would lose, gain or reorder fields'
    )


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    path.chmod(0o444)
    before = parse.load(path)
    text, changed = _fix_pages(before.source, "1--2")
    with pytest.raises(WriteError, match=r"lib\.bib: is read-only; nothing changed$"):
        rewrite.write(path, before, text, changed)
    assert path.read_bytes() == SOURCE.encode()


def test_read_only_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "lib.bib"
    path.write_bytes(SOURCE.encode())
    before = parse.load(path)
    text, changed = _fix_pages(before.source, "1--2")
    folder.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="locked is read-only"):
            rewrite.write(path, before, text, changed)
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == SOURCE.encode()
    assert _leftovers(folder) == []


def test_symlink_stays_a_link_to_the_fixed_file(tmp_path: Path) -> None:
    real = tmp_path / "real.bib"
    real.write_bytes(SOURCE.encode())
    link = tmp_path / "link.bib"
    link.symlink_to(real)
    before = parse.load(link)
    text, changed = _fix_pages(before.source, "1--2")
    rewrite.write(link, before, text, changed)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert b"{1--2}" in real.read_bytes()


def test_file_changed_since_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    before = parse.load(path)
    text, changed = _fix_pages(before.source, "1--2")
    edited = SOURCE.replace("{T}", "{T, edited meanwhile}")
    path.write_bytes(edited.encode())
    with pytest.raises(WriteError, match="changed since it was read; nothing written"):
        rewrite.write(path, before, text, changed)
    assert path.read_bytes() == edited.encode()


def _fixed_pages(path: Path) -> tuple[Library, str, dict[int, frozenset[str]]]:
    before = parse.load(path)
    text, changed = _fix_pages(before.source, "1--2")
    return before, text, changed


def test_hard_links_are_kept_by_refusing(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    os.link(path, tmp_path / "other.bib")
    with pytest.raises(WriteError) as raised:
        rewrite.write(path, *_fixed_pages(path))
    assert str(raised.value) == (
        f"{path}: has 2 hard links, which replacing it would break; nothing changed"
        " (fix a copy, then cp it back: cp keeps links)"
    )
    assert (tmp_path / "other.bib").read_bytes() == SOURCE.encode()
    assert path.stat().st_nlink == 2
    assert _leftovers(tmp_path) == []


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """Return a POSIX access ACL as Linux stores it in system.posix_acl_access."""
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)


def test_extended_attributes_and_acl_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    everyone = 0xFFFFFFFF
    acl = _acl(
        (0x01, 6, everyone),  # owner rw
        (0x02, 4, 65534),  # user nobody r
        (0x04, 4, everyone),  # group r
        (0x10, 4, everyone),  # mask r
        (0x20, 0, everyone),  # others nothing
    )
    os.setxattr(path, "user.citeman.note", b"keep me")
    os.setxattr(path, "system.posix_acl_access", acl)
    mode = stat.S_IMODE(path.stat().st_mode)
    rewrite.write(path, *_fixed_pages(path))
    assert b"{1--2}" in path.read_bytes()
    assert os.getxattr(path, "user.citeman.note") == b"keep me"
    assert os.getxattr(path, "system.posix_acl_access") == acl
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_owner_is_kept_or_the_file_left_alone() -> None:
    """Root keeps another user's ownership; that user's group-mate must refuse."""
    with tempfile.TemporaryDirectory() as name:  # a folder nobody may reach
        folder = Path(name)
        folder.chmod(0o777)
        path = folder / "lib.bib"
        path.write_bytes(SOURCE.encode())
        os.chown(path, 65534, 65534)
        rewrite.write(path, *_fixed_pages(path))
        assert (path.stat().st_uid, path.stat().st_gid) == (65534, 65534)
        path.write_bytes(SOURCE.encode())
        os.chown(path, 0, 65534)
        path.chmod(0o664)  # group-writable: nobody, of group 65534, may write it
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports by exit code
            code = 3
            try:
                os.setgid(65534)
                os.setuid(65534)
                rewrite.write(path, *_fixed_pages(path))
                code = 1
            except WriteError as error:
                code = 0 if "would lose its owner (user 0)" in str(error) else 2
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert path.read_bytes() == SOURCE.encode()
        assert path.stat().st_uid == 0
        assert _leftovers(folder) == []


def test_fix_refuses_a_file_behind_dev_stdin(tmp_path: Path) -> None:
    """``citeman fix /dev/stdin < lib.bib`` names a stream, not the file to replace."""
    path = tmp_path / "lib.bib"
    path.write_bytes(SOURCE.encode())
    with path.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "citeman", "fix", "/dev/stdin", "--select", "CM203"],
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr.startswith(
        "citeman: error: /dev/stdin: is a stream or a device (under /dev or /proc),"
        " not a file citeman may replace\n"
    )
    assert path.read_bytes() == SOURCE.encode()


def test_a_fix_naming_its_fields_may_change_and_add_exactly_those() -> None:
    # The published version of a preprint: one unsafe fix rewrites year and
    # doi, copies the title between them, and adds a journal after the doi.
    source = "@misc{k,\n  year = {2020},\n  title = {T},\n  doi = {10.1/a}\n}\n"
    library = parse.loads(source, "x.bib")
    fields = library.entries[0].fields
    start, end = fields["year"].offset, fields["doi"].offset + len(fields["doi"].raw)
    old = source[start:end]
    new = old.replace("2020", "2021").replace("10.1/a", "10.1/b") + ",\n  journal = {J}"
    written = (("doi", "10.1/b"), ("year", "2021"), ("journal", "J"))
    found = Fix("doi", start, old, new, safe=False, fields=written)
    problem = Problem("x.bib", library.entries[0].span, "k", "doi", "CM308",
                      "published-version", Severity.WARNING, "m", found)  # fmt: skip
    assert fix.fix_library(library, [], found=[problem]).source == source  # unsafe
    outcome = fix.fix_library(library, [], unsafe=True, found=[problem])
    assert outcome.changed == {0: frozenset({"doi", "year", "journal"})}
    assert outcome.source == source.replace(old, new)
    assert rewrite.verify(library, parse.loads(outcome.source), outcome.changed) is None
    # The title lies inside the fix but is not named: it may not change, and
    # no field the fix does not name may appear.
    for wrong in (
        outcome.source.replace("{T}", "{U}"),
        outcome.source.replace("{J}", "{J},\n  note = {N}"),
    ):
        assert rewrite.verify(library, parse.loads(wrong), outcome.changed) is not None
