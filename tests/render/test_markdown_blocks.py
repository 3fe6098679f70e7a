"""Markdown output: no name or title may start a heading, list, quote or rule."""

from __future__ import annotations

import json

from markdown_it import MarkdownIt

from tests.conftest import DATA, run

BLOCKS = str(DATA / "render" / "markdown_blocks.bib")


def _block_kinds(markdown: str) -> set[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return {token.type for token in tokens if token.block and token.nesting >= 0}


def test_every_reference_is_a_paragraph(workdir: object) -> None:
    code, out, _ = run("render", BLOCKS, "--format", "markdown")
    assert code == 0
    assert _block_kinds(out) == {"paragraph_open", "inline"}
    html = MarkdownIt("commonmark").render(out)
    assert html.count("<p>") == 8
    for shown in ("1986. Group", "# Pwned", "+ list", "- A title", "1) A num", "="):
        assert f"<p>{shown}" in html


def test_the_json_markdown_field_is_one_paragraph_each(workdir: object) -> None:
    code, out, _ = run("render", BLOCKS, "--format", "json")
    assert code == 0
    for record in json.loads(out):
        assert _block_kinds(record["markdown"]) == {"paragraph_open", "inline"}
