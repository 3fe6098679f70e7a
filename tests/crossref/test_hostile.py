"""Hostile configuration and hostile servers: issue 9 items S6, S7, S8, H2, B10, C4."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import ROOT
from tests.crossref.conftest import Crossref, Trickle

FAST = ["--retries", "0", "--timeout", "0.5", "--no-config", "--no-cache"]


def run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def library(workdir: Path) -> Path:
    return Path(shutil.copy(ROOT / "library.bib", workdir / "library.bib"))


def one_entry(workdir: Path, doi: str) -> Path:
    path = workdir / "one.bib"
    path.write_text(
        f"@article{{one,\n  title = {{T}},\n  author = {{A, B}},\n"
        f"  doi = {{{doi}}}\n}}\n",
        encoding="utf-8",
    )
    return path


# S6: credentials in the base URL never reach stderr.
def test_a_password_in_the_crossref_url_is_never_shown(
    library: Path, closed_url: str
) -> None:
    secret = closed_url.replace("http://", "http://alice:s3cret@") + "/?token=t0ken"
    code, _, err = run({"CITEMAN_CROSSREF_URL": secret}, "check", "library.bib",
                       "--online", "--select", "CM305", *FAST)  # fmt: skip
    assert code == 2
    assert "s3cret" not in err and "alice" not in err and "t0ken" not in err
    shown = closed_url.replace("http://", "http://***@") + "?token=***"
    assert err.startswith(f"citeman: crossref: cannot connect to {shown}: ")


def test_a_password_in_a_refused_url_is_never_shown(library: Path) -> None:
    code, _, err = run({"CITEMAN_CROSSREF_URL": "gopher://bob:hunter2@example.org"},
                       "check", "library.bib", "--online", *FAST)  # fmt: skip
    assert (code, err) == (
        2,
        "citeman: error: CITEMAN_CROSSREF_URL is not an http or https URL:"
        " gopher://***@example.org\n",
    )


# B10: a bad base URL or contact is one clear line, before any lookup.
@pytest.mark.parametrize(
    ("url", "message"),
    [
        pytest.param("ftp://example.org", "is not an http or https URL: ftp://example.org",
                     id="scheme"),
        pytest.param("api.crossref.org",
                     "is not an http or https URL: api.crossref.org", id="no-scheme"),
        pytest.param("http://", "is not a valid URL: http://", id="no-host"),
        pytest.param("http://example.org:99999", "is not a valid URL:"
                     " http://example.org:99999", id="port"),
        pytest.param("https://exa mple.org", "is not a valid URL: https://exa mple.org",
                     id="space"),
    ],
)  # fmt: skip
def test_a_malformed_crossref_url_is_refused_once(
    library: Path, url: str, message: str
) -> None:
    code, out, err = run({"CITEMAN_CROSSREF_URL": url}, "check", "library.bib",
                         "--online", *FAST)  # fmt: skip
    assert (code, out, err) == (
        2,
        "",
        f"citeman: error: CITEMAN_CROSSREF_URL {message}\n",
    )


def test_the_url_is_not_checked_when_not_going_online(library: Path) -> None:
    code, _, err = run({"CITEMAN_CROSSREF_URL": "ftp://x"}, "check", "library.bib",
                       "--no-config")  # fmt: skip
    assert (code, err) == (1, "")


@pytest.mark.parametrize(
    ("env", "args", "where"),
    [
        pytest.param({}, ["--mailto", "me at example"], "--mailto", id="option"),
        pytest.param({"CITEMAN_MAILTO": "me@"}, [], "CITEMAN_MAILTO", id="environment"),
    ],
)
def test_a_contact_that_is_not_an_address_is_named(
    crossref: Crossref, library: Path, env: dict[str, str], args: list[str], where: str
) -> None:
    value = args[1] if args else env["CITEMAN_MAILTO"]
    code, out, err = run({"CITEMAN_CROSSREF_URL": crossref.url, **env}, "check",
                         "library.bib", "--online", *args, *FAST)  # fmt: skip
    assert (code, out) == (2, "")
    assert err == f"citeman: error: {where} is not an email address: {value!r}\n"
    assert crossref.fake.requests == 0


# S7: a DOI is one path segment.
def test_a_doi_with_dot_segments_stays_under_works(
    crossref: Crossref, workdir: Path
) -> None:
    one_entry(workdir, "10.1234/../../members/1/works")
    code, out, _ = run({"CITEMAN_CROSSREF_URL": crossref.url}, "check", "one.bib",
                       "--online", "--select", "CM303", *FAST)  # fmt: skip
    assert code == 1 and "CM303 [doi-not-found]" in out
    assert [request.environ["RAW_URI"] for request, _ in crossref.server.log] == [
        "/works/10.1234%2F..%2F..%2Fmembers%2F1%2Fworks",
        "/works/10.1234%2F..%2F..%2Fmembers%2F1%2Fworks/agency",
    ]


# S8: a malformed answer is a failed lookup, never a pass.
@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        pytest.param("nested", "crossref sent malformed JSON", id="nested"),
        pytest.param("other-doi", "crossref answered for '10.5555/another', not"
                     " '10.1136/bmjopen-2020-045005'", id="other-doi"),
    ],
)  # fmt: skip
def test_a_malformed_answer_is_never_a_pass(
    crossref: Crossref, workdir: Path, fault: str, cause: str
) -> None:
    crossref.fake.fault = fault
    one_entry(workdir, "10.1136/bmjopen-2020-045005")
    code, out, err = run({"CITEMAN_CROSSREF_URL": crossref.url}, "check", "one.bib",
                         "--online", "--select", "CM3", *FAST)  # fmt: skip
    assert (code, out) == (2, "No problems found.\nverified 0 of 1 reference\n")
    assert err == f"citeman: crossref: {cause}; 1 entry not verified (one.bib: one)\n"


# H2: the time limit bounds the run, even against a server trickling bytes.
def test_the_time_limit_stops_a_trickling_server(
    trickle: Trickle, library: Path
) -> None:
    command = [sys.executable, "-m", "citeman", "check", "library.bib", "--online",
               "--select", "CM305", "--time-limit", "1", *FAST]  # fmt: skip
    env = {"CITEMAN_CROSSREF_URL": trickle.url, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, capture_output=True, text=True, env=env,
                          cwd=library.parent, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(
        "citeman: crossref: the time limit for lookups ran out; 10 entries not verified"
    )
    assert trickle.connections >= 1


# C4: an unusable cache is a warning, and the run goes on without it.
def cache_cases(tmp: Path) -> dict[str, Path]:
    (tmp / "a-file").write_text("not a folder", encoding="utf-8")
    corrupt = tmp / "corrupt"
    corrupt.mkdir()
    (corrupt / "crossref.sqlite").write_bytes(b"this is not SQLite\n" * 100)
    return {
        "a-file": tmp / "a-file",
        "below-a-file": tmp / "a-file" / "cache",
        "corrupt": corrupt,
        "unwritable": Path("/proc/citeman-cache"),
    }


@pytest.mark.parametrize("case", ["a-file", "below-a-file", "corrupt", "unwritable"])
def test_an_unusable_cache_falls_back_to_none(
    crossref: Crossref, library: Path, tmp_path: Path, case: str
) -> None:
    directory = cache_cases(tmp_path)[case]
    env = {"CITEMAN_CROSSREF_URL": crossref.url, "CITEMAN_CACHE_DIR": str(directory)}
    args = ("check", "library.bib", "--online", "--select", "CM305", "--no-config")
    code, out, err = run(env, *args)
    assert code == 0 and "CM305" in out
    assert err.startswith(f"citeman: warning: cache {directory / 'crossref.sqlite'}")
    assert err.endswith("; continuing without a cache\n") and err.count("\n") == 1
    assert crossref.fake.requests == 10
    code, _, err = run(env, *args[:2], "--offline", *args[3:])
    assert code == 2 and "--offline forbids asking crossref" in err
    assert crossref.fake.requests == 10


def test_the_time_limit_stops_a_trickling_server_in_lookup(
    trickle: Trickle, workdir: Path
) -> None:
    command = [sys.executable, "-m", "citeman", "lookup", "Kopta 1994 Patterns",
               "--time-limit", "1", *FAST]  # fmt: skip
    env = {"CITEMAN_CROSSREF_URL": trickle.url, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, capture_output=True, text=True, env=env,
                          cwd=workdir, timeout=120, check=False)  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "citeman: error: crossref: the time limit for lookups ran out\n"
    )
