"""``citeman check --online`` and ``citeman fix --online`` against the fake Crossref."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import FIXTURES, ROOT
from tests.crossref.conftest import Crossref, DataCite

#: The DOIs a faithful Crossref makes certain for library.bib, by entry.
CERTAIN = {
    "bellis2014": "10.1186/1741-7015-12-72",
    "gamieldien2021": "10.1136/bmjopen-2020-045005",
    "kivimaki2020": "10.1016/S2468-2667(19)30248-8",
    "kopta1994": "10.1037/0022-006X.62.5.1009",
    "leichsenring2011": "10.1192/bjp.bp.110.082776",
    "santesteban2017": "10.1016/j.cpr.2017.09.007",
}
FAST = ["--retries", "1", "--timeout", "0.5", "--no-config"]


@pytest.fixture
def library(workdir: Path) -> Path:
    return Path(shutil.copy(ROOT / "library.bib", workdir / "library.bib"))


def run(
    crossref_url: str, cache: Path | None, *args: str, datacite_url: str = ""
) -> tuple[int, str, str]:
    env = {"CITEMAN_CROSSREF_URL": crossref_url}
    if datacite_url:
        env["CITEMAN_DATACITE_URL"] = datacite_url
    if cache is not None:
        env["CITEMAN_CACHE_DIR"] = str(cache)
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def with_dois(text: str, dois: dict[str, str]) -> str:
    """Return library.bib's text with ``doi`` added after each named entry's pages."""
    out, key = [], ""
    for line in text.splitlines(keepends=True):
        if line.startswith("@"):
            key = line[line.index("{") + 1 : line.index(",")]
        if key in dois and line.startswith("  pages"):
            line = line.rstrip("\n") + f",\n  doi     = {{{dois[key]}}}\n"
        out.append(line)
    return "".join(out)


def test_fix_online_fills_exactly_the_certain_dois(
    crossref: Crossref, library: Path, cache_dir: Path
) -> None:
    before = library.read_text(encoding="utf-8")
    code, out, err = run(crossref.url, cache_dir, "fix", "library.bib", "--online",
                         "--select", "CM305", *FAST)  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        "library.bib: fixed 6 problems in 6 entries: bellis2014 (doi), gamieldien2021"
        " (doi), kivimaki2020 (doi), kopta1994 (doi), leichsenring2011 (doi),"
        " santesteban2017 (doi)\n"
        "Fixed 6 problems in 1 file. No problems remain.\n"
        "verified 10 of 10 references\n"
    )
    assert library.read_text(encoding="utf-8") == with_dois(before, CERTAIN)
    assert crossref.fake.requests == 10  # one search per entry without a DOI


def test_second_run_is_answered_from_the_cache(
    crossref: Crossref, library: Path, cache_dir: Path
) -> None:
    args = ("check", "library.bib", "--online", "--select", "CM3", *FAST)
    first = run(crossref.url, cache_dir, *args)
    assert crossref.fake.requests == 10
    assert run(crossref.url, cache_dir, *args) == first
    assert crossref.fake.requests == 10
    offline = ("check", "library.bib", "--offline", "--select", "CM3", *FAST)
    assert run(crossref.url, cache_dir, *offline) == first
    assert crossref.fake.requests == 10
    assert run(crossref.url, cache_dir, *args, "--no-cache") == first
    assert crossref.fake.requests == 20


def test_check_reports_unknown_and_mismatched_dois(
    crossref: Crossref, datacite: DataCite, workdir: Path
) -> None:
    shutil.copy(FIXTURES / "crossref" / "wrong-dois.bib", workdir / "wrong.bib")
    code, out, err = run(crossref.url, None, "check", "wrong.bib", "--online",
                         "--no-cache", "--select", "CM303,CM304", *FAST,
                         datacite_url=datacite.url)  # fmt: skip
    assert (code, err) == (1, "")
    assert out == (
        "wrong.bib:3:12: CM304 [doi-mismatch] doi 10.1136/bmjopen-2019-032912 is"
        ' registered with title "Exploration of recovery of people living with severe'
        " mental illness (SMI) in low-income and middle-income countries (LMIC): a"
        ' scoping review protocol", entry has "Exploration of recovery of people'
        " living with severe mental illness (SMI) in low/middle-income countries"
        ' (LMICs): A scoping review"; check the doi and the title\n'
        "wrong.bib:5:12: CM304 [doi-mismatch] doi 10.1136/bmjopen-2019-032912 is"
        ' registered with volume "10", entry has "11"; check the doi and the volume\n'
        'wrong.bib:9:83: CM303 [doi-not-found] doi "10.1037/0022-006X.62.5.9999" is'
        " not registered with crossref or any other agency; check it against the"
        " article\n"
        "Found 3 problems (1 error, 2 warnings).\n"
        "verified 3 of 3 references: 1 not found\n"
    )
    # review: 1; typo and data: the work, then the agency
    assert crossref.fake.requests == 5


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        pytest.param("503", "crossref kept answering 503", id="503"),
        pytest.param("429", "crossref kept answering 429 too many requests", id="429"),
        pytest.param("slow", "crossref did not answer within 0.5 s", id="slow"),
    ],
)
def test_fix_writes_nothing_when_crossref_fails(
    crossref: Crossref, library: Path, fault: str, cause: str
) -> None:
    crossref.fake.fault = fault
    before = library.read_bytes()
    code, out, err = run(crossref.url, None, "fix", "library.bib", "--online",
                         "--no-cache", *FAST)  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        f"citeman: crossref: {cause}; 10 entries not verified (library.bib:"
        " bellis2014, gamieldien2021, hirschfeld2024, kivimaki2020, kopta1994,"
        " leichsenring2011, leichsenring2013, lindfors2015, santesteban2017,"
        " stansfeld2016)\n"
    )
    assert library.read_bytes() == before
    assert crossref.fake.requests == 2  # one lookup and its retry; the rest skipped


def test_check_without_a_server_exits_2_and_says_why(
    library: Path, closed_url: str
) -> None:
    code, out, err = run(closed_url, None, "check", "library.bib", "--online",
                         "--no-cache", "--select", "CM3", *FAST)  # fmt: skip
    assert (code, out) == (2, "No problems found.\nverified 0 of 10 references\n")
    assert err.startswith(
        f"citeman: crossref: cannot connect to {closed_url}: connection refused;"
        " 10 entries not verified (library.bib: bellis2014, "
    )
    assert err.count("\n") == 1


def test_offline_with_an_empty_cache(
    crossref: Crossref, library: Path, cache_dir: Path
) -> None:
    code, _, err = run(crossref.url, cache_dir, "check", "library.bib", "--offline",
                       "--select", "CM305", *FAST)  # fmt: skip
    assert code == 2
    assert err.startswith(
        "citeman: crossref: not in the cache, and --offline forbids asking crossref;"
        " 10 entries not verified"
    )
    assert crossref.fake.requests == 0


def test_offline_and_no_cache_contradict(library: Path) -> None:
    code, out, err = run("http://127.0.0.1:9", None, "check", "--offline",
                         "--no-cache")  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        "citeman: error: --offline reads the cache, so it cannot go with --no-cache\n"
    )


def test_min_confidence_holds_back_a_weaker_match(
    crossref: Crossref, workdir: Path
) -> None:
    path = workdir / "k.bib"
    path.write_text(
        "@article{kopta1994,\n  author = {Kopta, S. M.},\n  title = {Patterns of"
        " symptomatic recovery in psychotherapy},\n  journal = {Journal of Consulting"
        " and Clinical Psychology},\n  year = {1994}\n}\n",
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    args = ("fix", "k.bib", "--online", "--no-cache", "--select", "CM305", *FAST)
    code, out, _ = run(crossref.url, None, *args, "--min-confidence", "0.95")
    assert (code, path.read_text(encoding="utf-8")) == (0, before)
    assert out.startswith("Nothing fixed.")
    code, _, _ = run(crossref.url, None, *args)
    assert code == 0
    assert path.read_text(encoding="utf-8") == before.replace(
        "  year = {1994}\n", "  year = {1994},\n  doi = {10.1037/0022-006X.62.5.1009}\n"
    )


def test_the_contact_reaches_crossref(crossref: Crossref, library: Path) -> None:
    run(crossref.url, None, "check", "library.bib", "--online", "--no-cache",
        "--select", "CM305", "--mailto", "me@example.org", *FAST)  # fmt: skip
    assert set(crossref.fake.user_agents) == {"citeman/0.1.0 (mailto:me@example.org)"}


@pytest.mark.parametrize(
    ("environment", "config", "expected"),
    [
        pytest.param({"CITEMAN_MAILTO": "env@example.org"}, "", "env@example.org",
                     id="environment"),
        pytest.param({}, 'mailto = "config@example.org"\n', "config@example.org",
                     id="configuration"),
        pytest.param({"CITEMAN_MAILTO": "env@example.org"},
                     'mailto = "config@example.org"\n', "env@example.org",
                     id="environment-first"),
    ],
)  # fmt: skip
def test_where_the_contact_comes_from(
    crossref: Crossref, library: Path, environment: dict[str, str], config: str,
    expected: str,
) -> None:  # fmt: skip
    (library.parent / "citeman.toml").write_text(config, encoding="utf-8")
    env = {"CITEMAN_CROSSREF_URL": crossref.url, **environment}
    args = ["check", "library.bib", "--online", "--no-cache", "--select", "CM305"]
    CliRunner().invoke(main, args, env=env)
    assert set(crossref.fake.user_agents) == {f"citeman/0.1.0 (mailto:{expected})"}


def test_mailto_must_be_a_string(library: Path) -> None:
    (library.parent / "citeman.toml").write_text("mailto = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "library.bib"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"citeman: error: {library.parent / 'citeman.toml'}:"
        ' "mailto" must be an email address; got 1\n'
    )
