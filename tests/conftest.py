"""Shared fixtures: paths to test data, and a clean working directory per test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from citeman.problem import Problem
from citeman.report import FORMATS
from tests import schemas

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep the user's configuration, environment and caches out of every test."""
    for name in ("CITEMAN_MAILTO", "CITEMAN_CROSSREF_URL",
                 "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    # A fresh cache folder per test: check's result cache writes there.
    monkeypatch.setenv("CITEMAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # Tests never touch the network: a DataCite DOI met in a test that set no
    # DataCite stand-in fails to connect (port 9, discard) instead.
    monkeypatch.setenv("CITEMAN_DATACITE_URL", "http://127.0.0.1:9")


@pytest.fixture(autouse=True)
def _machine_output_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validate every SARIF and JSON report any test makes against its schema.

    The reporters are wrapped, not replaced: each output is produced as usual,
    then checked (SARIF 2.1.0 with URI formats; docs/check-output.schema.json).
    """
    for name, validate in (("sarif", schemas.validate_sarif),
                           ("json", schemas.validate_json)):  # fmt: skip
        monkeypatch.setitem(FORMATS, name, _validated(FORMATS[name], validate))


def _validated(
    reporter: Callable[[Sequence[Problem]], str], validate: Callable[[str], None]
) -> Callable[[Sequence[Problem]], str]:
    def checked(problems: Sequence[Problem]) -> str:
        text = reporter(problems)
        validate(text)
        return text

    return checked


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test inside an empty temporary directory (no config above it)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    """Run ``citeman ARGS`` through click's runner: exit code, stdout, stderr."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def real_corpora() -> Path:
    """Return the folder of the eleven real bibliographies (shared/corpora/real).

    It sits beside the repository (``../shared``), or where ``CITEMAN_SHARED``
    points; tests that read it fail, rather than skip, when it is missing.
    """
    shared = os.environ.get("CITEMAN_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "corpora" / "real"


REAL_FILES = sorted(real_corpora().glob("*.bib"))


def write_pages_library(path: Path, count: int) -> Path:
    """Write ``count`` complete articles whose only defect is ``pages = {1-2}``.

    Fixing a few thousand takes ``citeman fix`` long enough (seconds) for a test
    to act while its temporary file exists.
    """
    path.write_text(
        "".join(
            f"@article{{key{number},\n  author = {{Smith, Anne and Jones, Bob}},\n"
            f"  title = {{A title {number}}},\n  journal = {{J}},\n"
            "  year = {2001},\n  volume = {1},\n  pages = {1-2},\n"
            f"  doi = {{10.1000/{number}}},\n}}\n\n"
            for number in range(count)
        ),
        encoding="utf-8",
    )
    return path


def start_citeman(*args: str, cwd: Path) -> subprocess.Popen[str]:
    """Start ``citeman ARGS`` as a real process, its output in pipes."""
    return subprocess.Popen(
        [sys.executable, "-m", "citeman", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
