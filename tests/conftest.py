"""Shared fixtures: paths to test data, and a clean working directory per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's configuration and environment out of every test."""
    for name in ("CITEMAN_MAILTO", "CITEMAN_CACHE_DIR", "CITEMAN_CROSSREF_URL",
                 "GITHUB_ACTIONS", "NO_COLOR"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    # Tests never touch the network: a DataCite DOI met in a test that set no
    # DataCite stand-in fails to connect (port 9, discard) instead.
    monkeypatch.setenv("CITEMAN_DATACITE_URL", "http://127.0.0.1:9")


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
