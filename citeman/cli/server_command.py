"""``citeman server``: run the language server on standard input and output."""

from __future__ import annotations

import click


@click.command()
def server() -> None:
    """Run a Language Server Protocol server for .bib files over stdio.

    Editors start it themselves (see the README for VS Code, Neovim and
    Helix): it publishes citeman's diagnostics as you type, offers each fix as
    a quick fix (unsafe ones marked) and shows a rule's documentation on
    hover, with the same rules and configuration as "citeman check".
    """
    # Imported here: only this command needs the LSP libraries.
    from citeman.lsp.server import create

    create().start_io()
