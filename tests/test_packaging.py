"""The sdist and the wheel: what they hold, and that the wheel works on its own.

Both are built here, offline (``python -m build --no-isolation``). .ci/run also
runs the sdist's own test suite from the unpacked sdist.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return out


def _sdist(dist: Path) -> tarfile.TarFile:
    (path,) = dist.glob("citeman_bib-*.tar.gz")
    return tarfile.open(path)


def _wheel(dist: Path) -> zipfile.ZipFile:
    (path,) = dist.glob("citeman_bib-*-py3-none-any.whl")
    return zipfile.ZipFile(path)


def test_the_sdist_holds_what_its_tests_need(dist: Path) -> None:
    with _sdist(dist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
        assert not [m.name for m in sdist.getmembers() if m.issym() or m.islnk()]
    for needed in ("LICENSE", "README.md", "CHANGELOG.md", "library.bib",
                   "setup.py", ".ci/run", ".pre-commit-hooks.yaml",
                   "docs/check-output.schema.json", "styles/apa/style.toml",
                   "tests/conftest.py", "tests/data/golden/library.check.json",
                   "tests/fixtures/rules/page_range.toml"):  # fmt: skip
        assert needed in names, needed
    assert not [name for name in names if "__pycache__" in name]


def test_the_wheel_carries_the_styles_and_the_licence(dist: Path) -> None:
    with _wheel(dist) as wheel:
        names = set(wheel.namelist())
        links = [i.filename for i in wheel.infolist()
                 if stat.S_ISLNK(i.external_attr >> 16)]  # fmt: skip
        metadata = wheel.read("citeman_bib-0.1.0.dist-info/METADATA").decode()
        entry_points = wheel.read("citeman_bib-0.1.0.dist-info/entry_points.txt")
    assert links == []
    styles = {
        Path(name).parent.name
        for name in names
        if name.startswith("citeman/styles/") and name.endswith("/style.toml")
    }
    assert styles == {path.name for path in (ROOT / "styles").iterdir()
                      if (path / "style.toml").is_file()}  # fmt: skip
    assert [name for name in names if name.endswith("LICENSE")] == [
        "citeman_bib-0.1.0.dist-info/licenses/LICENSE"
    ] or [name for name in names if name.endswith("LICENSE")] == [
        "citeman_bib-0.1.0.dist-info/LICENSE"
    ]
    assert "Name: citeman-bib\n" in metadata
    assert b"citeman = citeman.cli:main" in entry_points


def test_the_repository_has_no_symbolic_link() -> None:
    # In a git checkout, what git tracks: git-ignored bench/data and
    # node_modules may link to shared local copies of the benchmark inputs.
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "--stage"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        links = [line for line in listed.splitlines() if line.startswith("120000 ")]
        assert links == []
        return
    links = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "build"]
        links += [name for name in dirs + files if Path(folder, name).is_symlink()]
    assert links == []


def test_the_unpacked_wheel_renders_with_its_own_styles(
    dist: Path, tmp_path: Path
) -> None:
    """Installed from the wheel alone (no checkout beside it), render still works."""
    with _wheel(dist) as wheel:
        wheel.extractall(tmp_path / "site")
    work = tmp_path / "work"
    work.mkdir()
    (work / "refs.bib").write_text(
        "@book{k, author = {Doe, Jane}, title = {A book}, year = {2020},"
        " publisher = {Press}}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    where = subprocess.run(
        [sys.executable, "-c", "import citeman.render.style as s;"
         " print(s.styles_folder())"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(where) == tmp_path / "site" / "citeman" / "styles"
    rendered = subprocess.run(
        [sys.executable, "-m", "citeman", "render", "refs.bib"],
        cwd=work, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout == "Doe, J. (2020). A book. Press.\n"


def test_every_imported_distribution_is_a_declared_dependency() -> None:
    # A module imported by citeman but installed only by a test tool (pathspec
    # came with mypy) breaks every command of a plain `pip install`. What a
    # declared dependency itself requires (markupsafe with jinja2) counts.
    import ast
    import tomllib
    from importlib.metadata import packages_distributions, requires

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    installed = _with_requirements(
        {_name(requirement) for requirement in project["dependencies"]}, requires
    )
    owners = packages_distributions()
    missing = set()
    for module in (ROOT / "citeman").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "citeman":
                    continue
                if not {_name(dist) for dist in owners.get(top, [top])} & installed:
                    missing.add((top, module.name))
    assert missing == set()


def _name(requirement: str) -> str:
    """Return the normalised distribution name a requirement line starts with."""
    import re

    return (
        re.split(r"[<>=!~\[; (]", requirement, maxsplit=1)[0].lower().replace("_", "-")
    )


def _with_requirements(
    names: set[str], requires: Callable[[str], list[str] | None]
) -> set[str]:
    """Return ``names`` and everything they require, without optional extras."""
    found, waiting = set(), list(names)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        try:
            lines = requires(name) or []
        except PackageNotFoundError:  # for another Python version (a marker)
            continue
        waiting += [_name(line) for line in lines if "extra ==" not in line]
    return found
