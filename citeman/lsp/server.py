"""The language server: lint each open ``.bib`` document as ``citeman check`` would.

Diagnostics are published when a document opens and, debounced, a moment after
the last change; the configuration is the one ``check`` would find from the
document's folder. Code actions offer each problem's fix; hover shows the rule.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from citeman import __version__, config, lint, parse
from citeman.errors import CitemanError
from citeman.lsp import convert
from citeman.problem import Problem

#: Seconds without a change before a changed document is linted again.
DEBOUNCE = 0.3


@dataclass
class _State:
    """What the server knows: each document's last problems and pending lints."""

    problems: dict[str, tuple[str, list[Problem]]] = field(default_factory=dict)
    pending: dict[str, asyncio.TimerHandle] = field(default_factory=dict)


def problems_of(uri: str, text: str) -> list[Problem]:
    """Lint ``text`` as the file ``uri`` names, with the configuration ``check`` uses.

    Raise :class:`CitemanError` for a configuration that cannot be used.
    """
    path = Path(to_fs_path(uri) or uri)
    settings = config.load(config.find(path.parent))
    library = parse.loads(text, str(path))
    return lint.lint(
        [library], settings.active_rules(), file_ignores=settings.file_ignores
    )


def create() -> LanguageServer:
    """Return a server with citeman's features registered."""
    server = LanguageServer("citeman", __version__)
    state = _State()

    def publish(uri: str) -> None:
        state.pending.pop(uri, None)
        document = server.workspace.get_text_document(uri)
        try:
            found = problems_of(uri, document.source)
        except CitemanError as error:
            server.window_show_message(
                types.ShowMessageParams(types.MessageType.Error, f"citeman: {error}")
            )
            found = []
        state.problems[uri] = (document.source, found)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=[convert.diagnostic(problem) for problem in found],
            )
        )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = state.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        state.pending[uri] = loop.call_later(DEBOUNCE, publish, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = state.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        state.problems.pop(uri, None)
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        text, found = state.problems.get(uri, ("", []))
        return convert.code_actions(uri, text, found, params.range)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        _, found = state.problems.get(params.text_document.uri, ("", []))
        return convert.hover(found, params.position)

    return server
