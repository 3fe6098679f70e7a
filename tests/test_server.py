"""``citeman server`` end to end: a real LSP client talks to it over stdio.

The session is the one an editor has: initialize, open a document, receive
diagnostics, change it (debounced re-lint), ask for code actions and a hover,
then shutdown and exit.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from citeman import fix

BIB = """\
@article{bellis2014,
  author  = {Bellis, Mark A.},
  title   = {National household survey},
  journal = {BMC Medicine},
  year    = {2014},
  volume  = {12},
  pages   = {72-80},
  doi     = {10.1186/1741-7015-12-72},
}
@article{short2014,
  author  = {Short, Ann},
  title   = {Pages},
  journal = {BMC Medicine},
  year    = {2014},
  volume  = {12},
  pages   = {1009-16},
  doi     = {10.1186/1741-7015-12-73},
}
"""


def _range(line: int, start: int, end: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=end),
    )


async def _session(folder: Path) -> dict[str, object]:
    client = LanguageClient("citeman-tests", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "citeman", "server", cwd=folder)
    seen: dict[str, object] = {}
    try:
        result = await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=folder.as_uri(),
                )
            ),
            60,
        )
        seen["capabilities"] = result.capabilities
        client.initialized(types.InitializedParams())
        uri = (folder / "refs.bib").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="bibtex", version=1, text=BIB
                )
            )
        )
        seen["opened"] = await asyncio.wait_for(published.get(), 60)
        seen["actions"] = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=_range(6, 0, 40),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        seen["unsafe"] = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=_range(15, 14, 15),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        seen["hover"] = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=types.Position(line=6, character=14),
            )
        )
        fixed = BIB.replace("{72-80}", "{72--80}").replace("{1009-16}", "{1009--1016}")
        for version, text in ((2, BIB.replace("72-80", "72--8")), (3, fixed)):
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(
                        uri=uri, version=version
                    ),
                    content_changes=[
                        types.TextDocumentContentChangeWholeDocument(text)
                    ],
                )
            )
        seen["changed"] = await asyncio.wait_for(published.get(), 60)
        await asyncio.wait_for(client.shutdown_async(None), 60)
        client.exit(None)
    finally:
        await client.stop()
    seen["more"] = published.qsize()
    return seen


def test_an_editor_session_over_stdio(tmp_path: Path) -> None:
    (tmp_path / "citeman.toml").write_text('ignore = ["CM102"]\n', encoding="utf-8")
    seen = asyncio.run(_session(tmp_path))

    capabilities = seen["capabilities"]
    assert isinstance(capabilities, types.ServerCapabilities)
    assert capabilities.hover_provider and capabilities.code_action_provider

    opened = seen["opened"]
    assert isinstance(opened, types.PublishDiagnosticsParams)
    found = [(d.code, d.range.start.line, d.range.start.character, d.severity)
             for d in opened.diagnostics]  # fmt: skip
    warning = types.DiagnosticSeverity.Warning
    # The configuration beside the file is used: CM102 is ignored there.
    assert found == [("CM203", 6, 13, warning), ("CM203", 15, 13, warning)]
    assert all(d.source == "citeman" for d in opened.diagnostics)

    (action,) = seen["actions"]  # type: ignore[misc]
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    assert action.title == "Fix CM203 (page-range): '72-80' → '72--80'"
    (edit,) = action.edit.changes[opened.uri]
    assert (edit.range, edit.new_text) == (_range(6, 13, 18), "72--80")

    (unsafe,) = seen["unsafe"]  # type: ignore[misc]
    assert unsafe.title.startswith("Unsafe fix CM203") and not unsafe.is_preferred
    assert unsafe.edit.changes[opened.uri][0].new_text == "1009--1016"

    hover = seen["hover"]
    assert isinstance(hover, types.Hover)
    assert isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**CM203 page-range** (warning)")

    # Two quick changes were debounced into one lint of the last text.
    changed = seen["changed"]
    assert isinstance(changed, types.PublishDiagnosticsParams)
    assert (changed.version, list(changed.diagnostics)) == (3, [])
    assert seen["more"] == 0


def test_the_quick_fix_is_the_fix_citeman_fix_makes() -> None:
    """The edit the server sends is the same replacement ``citeman fix`` applies."""
    from citeman import lint, parse
    from citeman.config import Config
    from citeman.lsp import convert

    library = parse.loads(BIB, "refs.bib")
    problems = lint.lint([library], Config(select=("CM203",)).active_rules())
    safe = [p.fix for p in problems if p.fix is not None and p.fix.safe]
    expected, _ = fix.apply(BIB, safe)
    (action,) = convert.code_actions(
        "file:///refs.bib", BIB, problems, _range(6, 0, 40)
    )
    (edit,) = action.edit.changes["file:///refs.bib"]  # type: ignore[union-attr,index]
    lines = BIB.splitlines(keepends=True)
    line = lines[edit.range.start.line]
    lines[edit.range.start.line] = (
        line[: edit.range.start.character] + edit.new_text
        + line[edit.range.end.character :]
    )  # fmt: skip
    assert "".join(lines) == expected
