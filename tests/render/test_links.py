"""Only http, https, ftp, mailto and doi URLs become links, in every format."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import DATA, run

LINKS = str(DATA / "render" / "links.bib")
#: What a live link looks like in each format that has links.
LINK_SYNTAX = {
    "html": re.compile(r'<a href="([^"]*)"'),
    "markdown": re.compile(r"\]\(<([^>]*)>\)|(?<!\\)<([a-z]+:[^>]*)>"),
    "rtf": re.compile(r'HYPERLINK "([^"]*)"'),
    "latex": re.compile(r"\\url\{([^}]*)\}"),
}
INERT = ["javascript:", "JaVaScRiPt:", "data:", "vbscript:", "file:", "script:"]


def _targets(document: str, output_format: str) -> list[str]:
    return [
        next(group for group in found.groups() if group)
        for found in LINK_SYNTAX[output_format].finditer(document)
    ]


@pytest.mark.parametrize("output_format", list(LINK_SYNTAX))
def test_only_safe_schemes_are_links(workdir: object, output_format: str) -> None:
    code, out, _ = run("render", LINKS, "--format", output_format)
    assert code == 0
    assert _targets(out, output_format) == [
        "ftp://ftp.example.org/pub/a.txt",
        "mailto:hal@example.org",
    ]
    # The unsafe URLs are still shown, as text.
    assert "javascript:alert" in out.replace("\\", "")
    assert "vbscript:msgbox(1)" in out


def test_the_json_html_and_markdown_fields_link_only_safe_schemes(
    workdir: object,
) -> None:
    code, out, _ = run("render", LINKS, "--format", "json")
    assert code == 0
    records = {record["key"]: record for record in json.loads(out)}
    for key in ("js", "mixedcase", "data", "vbscript", "tabbed", "file"):
        assert "<a " not in records[key]["html"]
        assert _targets(records[key]["markdown"], "markdown") == []
    assert '<a href="ftp://ftp.example.org/pub/a.txt">' in records["ftp"]["html"]
    assert '<a href="mailto:hal@example.org">' in records["mail"]["html"]
