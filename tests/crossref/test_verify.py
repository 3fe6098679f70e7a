"""``check --online`` over a reference list with every verification case (issue 13).

tests/fixtures/crossref/verify.bib cites a retracted work, a corrected one, one
under an expression of concern, a Crossref preprint and its journal version, an
arXiv preprint registered with DataCite, a plausible article that exists
nowhere and a made-up DOI; the fake Crossref and the fake DataCite serve them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeman.cli import main
from tests.conftest import FIXTURES
from tests.crossref.conftest import Crossref, DataCite
from tests.schemas import validate_json

FAST = ["--retries", "0", "--timeout", "0.5", "--no-config", "--select", "CM3"]
EXPECTED = """\
verify.bib:11:13: CM306 [retracted] retracted on 2021-03-02 (notice 10.5555/verify.retraction-notice.2021; Retraction Watch)
verify.bib:21:13: CM309 [work-updated] corrected on 2020-11-05 (notice 10.5555/verify.correction-notice.2020; publisher)
verify.bib:31:13: CM309 [work-updated] an expression of concern was issued on 2022-06-15 (notice 10.5555/verify.concern-notice.2022; publisher)
verify.bib:38:12: CM308 [published-version] [*unsafe] this preprint was published as doi 10.5555/verify.published.2021 (Decoy Journal of Urban Health, 2021, volume 98, pages 455-467): cite the published version as @article
verify.bib:55:12: CM308 [published-version] [*unsafe] this preprint was published as doi 10.5555/verify.protein-attention.2025 (Decoy Journal of Computational Biology, 2025, volume 7, pages e1002): cite the published version as @article
verify.bib:58:1: CM307 [reference-not-found] no record of this work was found; check that it exists: a mis-cited or fabricated reference looks like this
verify.bib:72:13: CM303 [doi-not-found] doi "10.5555/verify.no-such-work.2023" is not registered with crossref or any other agency; check it against the article
Found 7 problems (2 errors, 4 warnings, 1 info). 2 more problems can be fixed with `citeman fix --unsafe-fixes`.
"""  # noqa: E501
SUMMARY = (
    "verified 8 of 8 references: 1 retracted, 2 not found,"
    " 2 preprints with a published version\n"
)


@pytest.fixture
def references(workdir: Path) -> Path:
    return Path(shutil.copy(FIXTURES / "crossref" / "verify.bib", workdir))


def run(crossref: Crossref, datacite: DataCite, *args: str) -> tuple[int, str, str]:
    env = {"CITEMAN_CROSSREF_URL": crossref.url, "CITEMAN_DATACITE_URL": datacite.url}
    result = CliRunner().invoke(main, ["check", "verify.bib", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_every_case_and_the_summary_line(
    crossref: Crossref, datacite: DataCite, references: Path
) -> None:
    code, out, err = run(crossref, datacite, "--online", "--no-cache", *FAST)
    assert (code, err) == (1, "")
    assert out == EXPECTED + SUMMARY
    assert datacite.fake.requests == 1  # the arXiv DOI, which Crossref's /agency names


def test_machine_formats_put_the_summary_on_stderr(
    crossref: Crossref, datacite: DataCite, references: Path
) -> None:
    code, out, err = run(crossref, datacite, "--online", "--no-cache",
                         "--format", "json", *FAST)  # fmt: skip
    assert (code, err) == (1, SUMMARY)
    validate_json(out)
    found = json.loads(out)
    problems = found["problems"] if isinstance(found, dict) else found
    graded = {(p["code"], p["key"]): p["severity"] for p in problems}
    assert graded[("CM309", "tanaka2020")] == "info"
    assert graded[("CM309", "brennan2018")] == "warning"
    assert graded[("CM306", "okafor2019")] == "error"
    fix = next(p["fix"] for p in problems if p["key"] == "ferreira2020")
    assert fix["safe"] is False and fix["field"] == "doi"
    assert fix["fields"] == {
        "doi": "10.5555/verify.published.2021",
        "journal": "Decoy Journal of Urban Health",
        "year": "2021",
        "volume": "98",
        "number": "4",
        "pages": "455--467",
    }
    # old and new span the rewritten year and DOI and the fields added after.
    assert fix["old"] == "{2020},\n  doi    = {10.5555/verify.preprint.2020}"
    assert fix["new"] == PUBLISHED[0].removesuffix("\n}").removeprefix("  year   = ")


def test_a_cached_rerun_makes_no_request(
    crossref: Crossref, datacite: DataCite, references: Path, cache_dir: Path
) -> None:
    env = {"CITEMAN_CACHE_DIR": str(cache_dir)}
    first = CliRunner().invoke(
        main, ["check", "verify.bib", "--online", *FAST],
        env={"CITEMAN_CROSSREF_URL": crossref.url,
             "CITEMAN_DATACITE_URL": datacite.url, **env},
    )  # fmt: skip
    sent = (crossref.fake.requests, datacite.fake.requests)
    again = CliRunner().invoke(
        main, ["check", "verify.bib", "--online", *FAST],
        env={"CITEMAN_CROSSREF_URL": crossref.url,
             "CITEMAN_DATACITE_URL": datacite.url, **env},
    )  # fmt: skip
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    assert first.stdout == EXPECTED + SUMMARY
    assert (crossref.fake.requests, datacite.fake.requests) == sent


def test_no_reference_not_found_when_the_search_failed(
    crossref: Crossref, datacite: DataCite, references: Path
) -> None:
    crossref.fake.fault = "503"
    code, out, err = run(crossref, datacite, "--online", "--no-cache", *FAST)
    assert code == 2
    assert "CM307" not in out and "CM303" not in out
    assert out.endswith("verified 0 of 8 references\n")
    assert err.startswith("citeman: crossref: crossref kept answering 503; 8 entries")


def test_a_datacite_failure_is_never_doi_not_found(
    crossref: Crossref, datacite: DataCite, references: Path
) -> None:
    datacite.fake.down = True
    code, out, err = run(crossref, datacite, "--online", "--no-cache", *FAST)
    assert code == 2
    assert "lindqvist2024" not in out and "verify.bib:55" not in out
    assert err == (
        "citeman: datacite: datacite kept answering 503; 1 entry not verified"
        " (verify.bib: lindqvist2024)\n"
    )


PREPRINTS = (
    """\
  year   = {2020},
  doi    = {10.5555/verify.preprint.2020}
}""",
    """\
  year   = {2024},
  doi    = {10.48550/arXiv.2403.99999}
}""",
)
PUBLISHED = (
    """\
  year   = {2021},
  doi    = {10.5555/verify.published.2021},
  journal = {Decoy Journal of Urban Health},
  volume = {98},
  number = {4},
  pages  = {455--467}
}""",
    """\
  year   = {2025},
  doi    = {10.5555/verify.protein-attention.2025},
  journal = {Decoy Journal of Computational Biology},
  volume = {7},
  pages  = {e1002}
}""",
)


def test_the_published_version_is_written_only_as_an_unsafe_fix(
    crossref: Crossref, datacite: DataCite, references: Path
) -> None:
    before = references.read_text(encoding="utf-8")
    env = {"CITEMAN_CROSSREF_URL": crossref.url, "CITEMAN_DATACITE_URL": datacite.url}
    args = ["fix", "verify.bib", "--online", "--no-cache", *FAST[:-2],
            "--select", "CM308"]  # fmt: skip
    safe = CliRunner().invoke(main, args, env=env)
    assert references.read_text(encoding="utf-8") == before
    assert safe.stdout.startswith("Nothing fixed.")
    unsafe = CliRunner().invoke(main, [*args, "--unsafe-fixes"], env=env)
    assert unsafe.exit_code == 0, unsafe.stdout + unsafe.stderr
    after = references.read_text(encoding="utf-8")
    # The published version's fields, in each entry's layout; the entry type
    # stays @misc, and every other byte of the file is as it was.
    assert after == before.replace(PREPRINTS[0], PUBLISHED[0]).replace(
        PREPRINTS[1], PUBLISHED[1]
    )
    assert sum(before.count(text) for text in PREPRINTS) == 2
