"""The ``citeman`` command: a click group whose subcommands live in this package."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, MutableMapping

import click

from citeman import __version__
from citeman.cli import signals


class LazyCommands(MutableMapping[str, click.Command]):
    """The group's commands, each imported from its module when first asked for.

    Importing every command's module took a third of a second of every run
    (without bytecode caches), a fifth of it modules only other commands use
    (audit, import, lookup, server, check's cache): ``citeman render`` now
    loads render's modules and what they import. Click reads the group's
    ``commands`` mapping for everything (running, help, completion, "did you
    mean"): a name is known at once, its command loaded on first look-up.
    """

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        """Know each command's name, module and attribute, import none."""
        self._where = dict(where)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module, attribute = self._where[name]
            found = getattr(importlib.import_module(module), attribute)
            assert isinstance(found, click.Command)
            self._loaded[name] = found
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._where[name] = ("", "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._where[name]
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


COMMANDS = LazyCommands({
    "check": ("citeman.cli.check_command", "check"),
    "rules": ("citeman.cli.rules_command", "rules_"),
    "fix": ("citeman.cli.fix_command", "fix"),
    "render": ("citeman.cli.render_command", "render_"),
    "cite": ("citeman.cli.cite_command", "cite"),
    "audit": ("citeman.cli.audit_command", "audit"),
    "import": ("citeman.cli.import_command", "import_"),
    "lookup": ("citeman.cli.lookup_command", "lookup"),
    "server": ("citeman.cli.server_command", "server"),
})  # fmt: skip


@click.group(
    cls=signals.StoppableGroup,
    commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="citeman")
def main() -> None:
    """Keep a BibTeX bibliography correct before it goes to print.

    \b
    citeman check     find every defect in a .bib file (exit 1 when found)
    citeman rules     list the rules, or explain one
    citeman fix       repair what is safe to repair, changing nothing else
    citeman render    print entries as an APA 7 (or other style) reference list
    citeman cite      print the in-text citation of entries: (Bellis et al., 2014)
    citeman audit     check a manuscript's citations against the reference list
    citeman import    read a formatted reference list (.txt, .md, .docx) into BibTeX
    citeman lookup    show the Crossref candidates for an entry or a pasted reference
    citeman server    a language server for editors (LSP over stdio)
    Run "citeman COMMAND --help" for a command's options.
    """
    # bibtexparser logs each syntax error; citeman reports them as CM001 instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
