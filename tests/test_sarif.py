"""SARIF for GitHub code scanning: real URIs, distinct fingerprints, a valid document.

Every SARIF any test produces is also validated against the official schema
(tests/conftest.py); these tests check that the validation has teeth.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests import schemas
from tests.conftest import run

THREE_STRAYS = (
    "@article{k, title = {T}, doi = {10.1000/k},\n"
    "  volume = {7,}, number = {2;}, pages = {1--2.}}\n"
)


def _sarif(*args: str) -> dict[str, object]:
    code, out, err = run("check", *args, "--format", "sarif")
    assert code in (0, 1), err
    document: dict[str, object] = json.loads(out)
    return document


def _results(document: dict[str, object]) -> list[dict[str, object]]:
    runs = document["runs"]
    assert isinstance(runs, list)
    results: list[dict[str, object]] = runs[0]["results"]
    return results


def _uri(result: dict[str, object]) -> dict[str, str]:
    locations = result["locations"]
    assert isinstance(locations, list)
    found: dict[str, str] = locations[0]["physicalLocation"]["artifactLocation"]
    return found


@pytest.mark.parametrize(
    ("name", "uri"),
    [
        ("my refs.bib", "my%20refs.bib"),
        ("#1 100%.bib", "%231%20100%25.bib"),
        ("Müller:2020.bib", "M%C3%BCller%3A2020.bib"),
        ("sub dir/a?b.bib", "sub%20dir/a%3Fb.bib"),
    ],
)
def test_relative_paths_become_encoded_uris_on_srcroot(
    workdir: Path, name: str, uri: str
) -> None:
    (workdir / name).parent.mkdir(exist_ok=True)
    (workdir / name).write_text(THREE_STRAYS, encoding="utf-8")
    document = _sarif(name, "--select", "CM201")
    assert _uri(_results(document)[0]) == {"uri": uri, "uriBaseId": "%SRCROOT%"}
    base = document["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]  # type: ignore[index]
    assert base == {"uri": workdir.resolve().as_uri() + "/"}


def test_an_absolute_path_becomes_a_file_uri(workdir: Path) -> None:
    path = workdir / "a b#.bib"
    path.write_text(THREE_STRAYS, encoding="utf-8")
    result = _results(_sarif(str(path), "--select", "CM201"))[0]
    assert _uri(result) == {"uri": path.as_uri()}
    assert _uri(result)["uri"].endswith("/a%20b%23.bib")


def test_every_result_has_its_own_fingerprint(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(THREE_STRAYS, encoding="utf-8")
    results = _results(_sarif("lib.bib", "--select", "CM201"))
    assert [result["ruleId"] for result in results] == ["CM201"] * 3
    prints = [json.dumps(result["partialFingerprints"]) for result in results]
    assert len(set(prints)) == 3


def test_a_fingerprint_survives_lines_added_above(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(THREE_STRAYS, encoding="utf-8")
    before = [r["partialFingerprints"] for r in _results(_sarif("lib.bib"))]
    (workdir / "lib.bib").write_text("% a comment\n\n" + THREE_STRAYS)
    after = [r["partialFingerprints"] for r in _results(_sarif("lib.bib"))]
    assert before == after


def test_the_schema_check_rejects_a_path_that_is_not_a_uri(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(THREE_STRAYS, encoding="utf-8")
    document = _sarif("lib.bib", "--select", "CM201")
    schemas.sarif_validator().validate(document)
    _uri(_results(document)[0])["uri"] = "my refs#1.bib"
    with pytest.raises(jsonschema.ValidationError, match="uri-reference"):
        schemas.sarif_validator().validate(document)
    del _results(document)[0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        schemas.sarif_validator().validate(document)


def test_the_json_schema_check_rejects_a_changed_field(workdir: Path) -> None:
    (workdir / "lib.bib").write_text(THREE_STRAYS, encoding="utf-8")
    problems = json.loads(run("check", "lib.bib", "--format", "json")[1])
    schemas.json_validator().validate(problems)
    problems[0]["line"] = "1"
    with pytest.raises(jsonschema.ValidationError):
        schemas.json_validator().validate(problems)
